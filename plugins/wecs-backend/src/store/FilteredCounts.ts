import { SlimResource, TreeCounts } from '@kubestellar/plugin-wecs-common';
import { FleetStore, StoreChange } from './FleetStore';
import { addCounts, countsOf, emptyCounts } from './treeCounts';

interface NamespaceCounts {
  counts: TreeCounts;
  kinds: Map<string, TreeCounts>;
}

interface ClusterCounts {
  counts: TreeCounts;
  namespaces: Map<string, NamespaceCounts>;
}

/** Where an object is counted when filters list it under its own kind. */
export const groupOf = (r: SlimResource) => ({
  namespace: r.namespace ?? '',
  kind: r.kind,
});

/**
 * Counts of the objects one object filter selects, per cluster, namespace and kind, kept
 * current change by change so that a filtered tree's rows never scan the fleet. Built once
 * (one pass over the store) when the first view with the filter opens; shared by every view
 * with the same filter. A filter that reads more than the objects (which policy delivered
 * them) is counted again, on its next reading, when that changes.
 */
export class FilteredCounts {
  private readonly clusters = new Map<string, ClusterCounts>();
  private stale = true;

  constructor(
    private readonly store: FleetStore,
    private readonly matches: (r: SlimResource) => boolean,
  ) {
    this.recount();
  }

  /** Counts everything again on the next reading. */
  invalidate() {
    this.stale = true;
  }

  apply(change: StoreChange) {
    if (this.stale) return;
    const before = change.op === 'delete' ? change.resource : change.previous;
    if (before && this.matches(before)) this.count(before, -1);
    if (change.op === 'upsert' && this.matches(change.resource)) {
      this.count(change.resource, 1);
    }
  }

  cluster(name: string): ClusterCounts | undefined {
    if (this.stale) this.recount();
    return this.clusters.get(name);
  }

  private recount() {
    this.clusters.clear();
    for (const name of this.store.clusterNames()) {
      for (const { resource } of this.store.tree(name)!.objects.values()) {
        if (this.matches(resource)) this.count(resource, 1);
      }
    }
    this.stale = false;
  }

  private count(resource: SlimResource, sign: number) {
    const { namespace, kind } = groupOf(resource);
    const delta = countsOf(resource);
    let cluster = this.clusters.get(resource.cluster);
    if (!cluster) {
      cluster = { counts: emptyCounts(), namespaces: new Map() };
      this.clusters.set(resource.cluster, cluster);
    }
    let group = cluster.namespaces.get(namespace);
    if (!group) {
      group = { counts: emptyCounts(), kinds: new Map() };
      cluster.namespaces.set(namespace, group);
    }
    let kindCounts = group.kinds.get(kind);
    if (!kindCounts) {
      kindCounts = emptyCounts();
      group.kinds.set(kind, kindCounts);
    }
    addCounts(cluster.counts, delta, sign);
    addCounts(group.counts, delta, sign);
    addCounts(kindCounts, delta, sign);
    if (kindCounts.total === 0) group.kinds.delete(kind);
    if (group.counts.total === 0) cluster.namespaces.delete(namespace);
    if (cluster.counts.total === 0) this.clusters.delete(resource.cluster);
  }
}

/**
 * The FilteredCounts of every object filter some view uses, each built when its first view
 * opens, fed every store change, and dropped when its last view closes.
 */
export class FilteredCountsRegistry {
  private readonly entries = new Map<
    string,
    { counts: FilteredCounts; users: number; readsDeliveries: boolean }
  >();
  private readonly unsubscribe: Array<() => void>;

  constructor(private readonly store: FleetStore) {
    this.unsubscribe = [
      store.subscribe(change => {
        for (const { counts } of this.entries.values()) counts.apply(change);
      }),
      store.deliveries.subscribe(() => {
        for (const entry of this.entries.values())
          if (entry.readsDeliveries) entry.counts.invalidate();
      }),
    ];
  }

  acquire(
    key: string,
    matches: (r: SlimResource) => boolean,
    readsDeliveries = false,
  ): { counts: FilteredCounts; release: () => void } {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = {
        counts: new FilteredCounts(this.store, matches),
        users: 0,
        readsDeliveries,
      };
      this.entries.set(key, entry);
    }
    entry.users++;
    let released = false;
    return {
      counts: entry.counts,
      release: () => {
        if (released) return;
        released = true;
        if (--entry!.users === 0) this.entries.delete(key);
      },
    };
  }

  get size() {
    return this.entries.size;
  }

  close() {
    this.unsubscribe.forEach(unsubscribe => unsubscribe());
    this.entries.clear();
  }
}
