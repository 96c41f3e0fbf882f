import {
  ClusterStatus,
  SlimResource,
  StatusPhase,
} from '@kubestellar/plugin-wecs-common';
import { ClusterWatchStatus } from '../watch/events';
import { ClusterTree } from './TreeIndex';
import { ResourceCompactor } from './compactResource';
import { DeliveryIndex } from './DeliveryIndex';

export type StoreChange =
  | { op: 'upsert'; resource: SlimResource; previous?: SlimResource }
  | { op: 'delete'; resource: SlimResource };

export type StoreListener = (change: StoreChange, revision: number) => void;

export interface ResourceQuery {
  cluster?: string;
  kinds?: string[];
  namespaces?: string[];
  phases?: StatusPhase[];
  /** Case-insensitive substring of the name. */
  name?: string;
  /** Exact label matches (all must hold). */
  labels?: Record<string, string>;
}

const typeKey = (r: Pick<SlimResource, 'apiVersion' | 'resource'>) =>
  `${r.apiVersion}/${r.resource}`;

/**
 * The fleet's objects in slim form, as one tree per cluster (namespace > kind > objects > what
 * they control, with counts at every level), which binding policies delivered each, and a
 * revision that counts every change. It
 * follows the watch pool's events (followWatchPool); the REST routes and the socket fan-outs
 * read from it.
 */
export class FleetStore {
  private revisionCounter = 0;
  private readonly clusters = new Map<string, ClusterTree>();
  private readonly listeners = new Set<StoreListener>();
  private readonly compactor = new ResourceCompactor();
  readonly deliveries = new DeliveryIndex();

  get revision() {
    return this.revisionCounter;
  }

  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  upsert(received: SlimResource) {
    const tree = this.treeOf(received.cluster);
    const current = tree.objects.get(received.uid)?.resource;
    if (current && current.resourceVersion === received.resourceVersion) return;
    const resource = this.compactor.compact(received);
    tree.put(resource);
    this.emit({
      op: 'upsert',
      resource,
      ...(current ? { previous: current } : {}),
    });
  }

  delete(cluster: string, uid: string) {
    const removed = this.clusters.get(cluster)?.remove(uid);
    if (removed) this.emit({ op: 'delete', resource: removed });
  }

  /**
   * Makes the store's objects of one type in one cluster equal to a fresh list: what is new
   * or changed is upserted, what is gone is deleted.
   */
  replaceType(
    cluster: string,
    apiVersion: string,
    resource: string,
    items: SlimResource[],
  ) {
    for (const item of items) this.upsert(item);
    this.deleteOthers(
      cluster,
      apiVersion,
      resource,
      new Set(items.map(item => item.uid)),
    );
  }

  /** Deletes a cluster's objects of one type whose uids are not in `kept`. */
  deleteOthers(
    cluster: string,
    apiVersion: string,
    resource: string,
    kept: ReadonlySet<string>,
  ) {
    const key = typeKey({ apiVersion, resource });
    const stale = [
      ...(this.clusters.get(cluster)?.objects.values() ?? []),
    ].filter(
      entry => typeKey(entry.resource) === key && !kept.has(entry.resource.uid),
    );
    for (const entry of stale) this.delete(cluster, entry.resource.uid);
  }

  /** Forgets a type in a cluster (the type went away, or we lost the right to watch it). */
  dropType(cluster: string, apiVersion: string, resource: string) {
    this.replaceType(cluster, apiVersion, resource, []);
  }

  dropCluster(cluster: string) {
    for (const uid of [...(this.clusters.get(cluster)?.objects.keys() ?? [])]) {
      this.delete(cluster, uid);
    }
    this.clusters.delete(cluster);
  }

  get(cluster: string, uid: string) {
    return this.clusters.get(cluster)?.objects.get(uid)?.resource;
  }

  clusterNames(): string[] {
    return [...this.clusters.keys()];
  }

  /** A cluster's objects as a tree, when it has any. */
  tree(cluster: string): ClusterTree | undefined {
    return this.clusters.get(cluster);
  }

  /** Objects matching a query, ordered by cluster, namespace, kind and name. */
  query(query: ResourceQuery & { clusters?: string[] } = {}): SlimResource[] {
    const names = query.clusters?.length
      ? query.clusters
      : query.cluster && [query.cluster];
    const trees = names
      ? names.flatMap(name => this.clusters.get(name) ?? [])
      : [...this.clusters.values()];
    const matches = resourceMatcher(query);
    const result: SlimResource[] = [];
    for (const tree of trees) {
      for (const { resource } of tree.objects.values()) {
        if (matches(resource)) result.push(resource);
      }
    }
    return result.sort(compareResources);
  }

  /** How many objects a query selects, without building the list. */
  countMatching(query: ResourceQuery & { clusters?: string[] } = {}): number {
    const matches = resourceMatcher(query);
    let count = 0;
    for (const tree of this.clusters.values()) {
      for (const { resource } of tree.objects.values()) {
        if (matches(resource)) count++;
      }
    }
    return count;
  }

  /** Object counts of a cluster: in total, by kind and by namespace. */
  counts(cluster: string) {
    const byKind: Record<string, number> = {};
    const byNamespace: Record<string, number> = {};
    const tree = this.clusters.get(cluster);
    for (const group of tree?.namespaces.values() ?? []) {
      for (const bucket of group.kinds.values()) {
        const size = bucket.entries.size;
        byKind[bucket.kind] = (byKind[bucket.kind] ?? 0) + size;
        byNamespace[group.name] = (byNamespace[group.name] ?? 0) + size;
      }
    }
    const namespaces = tree?.namespaceObjects.size ?? 0;
    if (namespaces) {
      byKind.Namespace = (byKind.Namespace ?? 0) + namespaces;
      byNamespace[''] = (byNamespace[''] ?? 0) + namespaces;
    }
    return { total: tree?.objects.size ?? 0, byKind, byNamespace };
  }

  /** A cluster's status as its watches report it, with the counts of its objects held here. */
  clusterStatus(status: ClusterWatchStatus): ClusterStatus {
    return { ...status, counts: this.counts(status.name) };
  }

  get size() {
    let size = 0;
    for (const tree of this.clusters.values()) size += tree.objects.size;
    return size;
  }

  private treeOf(cluster: string) {
    let tree = this.clusters.get(cluster);
    if (!tree) {
      tree = new ClusterTree(cluster);
      this.clusters.set(cluster, tree);
    }
    return tree;
  }

  private emit(change: StoreChange) {
    this.revisionCounter++;
    this.deliveries.apply(change);
    for (const listener of this.listeners)
      listener(change, this.revisionCounter);
  }
}

/** A predicate for the objects a query (or a socket subscription) selects. */
export function resourceMatcher(
  query: ResourceQuery & { clusters?: string[] },
): (r: SlimResource) => boolean {
  const set = (values?: string[]) =>
    values?.length ? new Set(values) : undefined;
  const clusters = set(
    query.clusters ?? (query.cluster ? [query.cluster] : undefined),
  );
  const kinds = set(query.kinds);
  const namespaces = set(query.namespaces);
  const phases = set(query.phases);
  const name = query.name?.toLowerCase();
  const labels = query.labels ? Object.entries(query.labels) : [];
  return r =>
    (!clusters || clusters.has(r.cluster)) &&
    (!kinds || kinds.has(r.kind)) &&
    (!namespaces || namespaces.has(r.namespace ?? '')) &&
    (!phases || phases.has(r.status.phase)) &&
    (!name || r.name.toLowerCase().includes(name)) &&
    labels.every(([k, v]) => r.labels?.[k] === v);
}

export function compareResources(a: SlimResource, b: SlimResource) {
  return (
    a.cluster.localeCompare(b.cluster) ||
    (a.namespace ?? '').localeCompare(b.namespace ?? '') ||
    a.kind.localeCompare(b.kind) ||
    a.name.localeCompare(b.name)
  );
}
