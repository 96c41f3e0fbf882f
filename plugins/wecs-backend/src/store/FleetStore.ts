import {
  ClusterStatus,
  SlimResource,
  StatusPhase,
} from '@kubestellar/plugin-wecs-common';
import { ClusterWatchStatus } from '../watch/events';

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
 * The fleet's objects in slim form, by cluster and uid, with a revision that counts every
 * change. It follows the watch pool's events (followWatchPool); the REST routes and the
 * socket fan-out read from it.
 */
export class FleetStore {
  private revisionCounter = 0;
  private readonly clusters = new Map<string, Map<string, SlimResource>>();
  private readonly listeners = new Set<StoreListener>();
  /** Objects per kind and per namespace of each cluster, kept as objects come and go. */
  private readonly kindCounts = new Map<string, Map<string, number>>();
  private readonly namespaceCounts = new Map<string, Map<string, number>>();

  get revision() {
    return this.revisionCounter;
  }

  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  upsert(resource: SlimResource) {
    const objects = this.objectsOf(resource.cluster);
    const current = objects.get(resource.uid);
    if (current && current.resourceVersion === resource.resourceVersion) return;
    objects.set(resource.uid, resource);
    if (!current) this.countKind(resource, +1);
    else if (current.kind !== resource.kind) {
      this.countKind(current, -1);
      this.countKind(resource, +1);
    }
    this.emit({
      op: 'upsert',
      resource,
      ...(current ? { previous: current } : {}),
    });
  }

  delete(cluster: string, uid: string) {
    const objects = this.clusters.get(cluster);
    const current = objects?.get(uid);
    if (!objects || !current) return;
    objects.delete(uid);
    this.countKind(current, -1);
    this.emit({ op: 'delete', resource: current });
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
    const key = typeKey({ apiVersion, resource });
    const seen = new Set(items.map(item => item.uid));
    for (const existing of [...this.objectsOf(cluster).values()]) {
      if (typeKey(existing) === key && !seen.has(existing.uid)) {
        this.delete(cluster, existing.uid);
      }
    }
    for (const item of items) this.upsert(item);
  }

  /** Forgets a type in a cluster (the type went away, or we lost the right to watch it). */
  dropType(cluster: string, apiVersion: string, resource: string) {
    this.replaceType(cluster, apiVersion, resource, []);
  }

  dropCluster(cluster: string) {
    for (const uid of [...(this.clusters.get(cluster)?.keys() ?? [])]) {
      this.delete(cluster, uid);
    }
    this.clusters.delete(cluster);
  }

  get(cluster: string, uid: string) {
    return this.clusters.get(cluster)?.get(uid);
  }

  /** Objects matching a query, ordered by cluster, namespace, kind and name. */
  query(query: ResourceQuery & { clusters?: string[] } = {}): SlimResource[] {
    const names = query.clusters?.length
      ? query.clusters
      : query.cluster && [query.cluster];
    const clusters = names
      ? names.map(
          name => this.clusters.get(name) ?? new Map<string, SlimResource>(),
        )
      : [...this.clusters.values()];
    const matches = resourceMatcher(query);
    const result: SlimResource[] = [];
    for (const objects of clusters) {
      for (const r of objects.values()) {
        if (matches(r)) result.push(r);
      }
    }
    return result.sort(compareResources);
  }

  /** How many objects a query selects, without building the list. */
  countMatching(query: ResourceQuery & { clusters?: string[] } = {}): number {
    const matches = resourceMatcher(query);
    let count = 0;
    for (const objects of this.clusters.values()) {
      for (const r of objects.values()) if (matches(r)) count++;
    }
    return count;
  }

  /** Object counts of a cluster: in total, by kind and by namespace. */
  counts(cluster: string) {
    const byKind = Object.fromEntries(this.kindCounts.get(cluster) ?? []);
    const byNamespace = Object.fromEntries(
      this.namespaceCounts.get(cluster) ?? [],
    );
    const total = Object.values(byKind).reduce((sum, n) => sum + n, 0);
    return { total, byKind, byNamespace };
  }

  /** A cluster's status as its watches report it, with the counts of its objects held here. */
  clusterStatus(status: ClusterWatchStatus): ClusterStatus {
    return { ...status, counts: this.counts(status.name) };
  }

  private countKind(resource: SlimResource, delta: number) {
    bump(this.kindCounts, resource.cluster, resource.kind, delta);
    bump(
      this.namespaceCounts,
      resource.cluster,
      resource.namespace ?? '',
      delta,
    );
  }

  get size() {
    let size = 0;
    for (const objects of this.clusters.values()) size += objects.size;
    return size;
  }

  private objectsOf(cluster: string) {
    let objects = this.clusters.get(cluster);
    if (!objects) {
      objects = new Map();
      this.clusters.set(cluster, objects);
    }
    return objects;
  }

  private emit(change: StoreChange) {
    this.revisionCounter++;
    for (const listener of this.listeners)
      listener(change, this.revisionCounter);
  }
}

function bump(
  counts: Map<string, Map<string, number>>,
  cluster: string,
  key: string,
  delta: number,
) {
  let perCluster = counts.get(cluster);
  if (!perCluster) {
    perCluster = new Map();
    counts.set(cluster, perCluster);
  }
  const count = (perCluster.get(key) ?? 0) + delta;
  if (count > 0) perCluster.set(key, count);
  else perCluster.delete(key);
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
