import {
  ClusterStatus,
  FleetFilters,
  FleetServerMessage,
  SlimResource,
} from '@kubestellar/plugin-wecs-common';
import { wantsCluster } from './fakeFleetTree';
import { fakeWecsApi } from './fakeWecsApi';

/** A change of the fake fleet, as the backend's store would see it. */
export interface FleetChange {
  /** New or changed cluster statuses. */
  clusters?: ClusterStatus[];
  upserts?: SlimResource[];
  deletes?: SlimResource[];
  /** Clusters that leave the fleet: their objects are deleted first, as the backend does. */
  removedClusters?: string[];
  /** The sources' problems, when they change. */
  errors?: string[];
}

/**
 * A fleet behind the fake WecsApi that follows changes live: each subscription gets a snapshot
 * of what its filters select (by role, cluster and kind, as the backend filters), and `change`
 * sends every open socket the deltas its filters select; views sockets get the windows that
 * changed, and the fleet notice when the sources' problems change or clusters leave. For the
 * dev harness and for tests of clusters that join, leave or whose sources fail while a page is
 * open.
 */
export class FakeFleet {
  private clusters: ClusterStatus[];
  private readonly resources = new Map<string, SlimResource>();
  private errors: string[];
  private seq = 1;
  readonly fake: ReturnType<typeof fakeWecsApi>;

  constructor(
    snapshot: FleetServerMessage & { type: 'snapshot' },
    calls: Parameters<typeof fakeWecsApi>[1] = {},
  ) {
    this.clusters = snapshot.clusters;
    this.errors = snapshot.errors;
    for (const r of snapshot.resources) this.resources.set(this.key(r), r);
    this.fake = fakeWecsApi(filters => this.snapshotFor(filters), calls);
  }

  get api() {
    return this.fake.api;
  }

  /** The status of a cluster as the fleet holds it now. */
  cluster(name: string): ClusterStatus | undefined {
    return this.clusters.find(c => c.name === name);
  }

  /** The objects the fleet holds of `cluster` now. */
  objectsOf(cluster: string): SlimResource[] {
    return [...this.resources.values()].filter(r => r.cluster === cluster);
  }

  /** Applies `change` and sends each open socket the part its subscription selects. */
  change(change: FleetChange) {
    const removed = new Set(change.removedClusters);
    const leaving = this.clusters.filter(c => removed.has(c.name));
    const deletes = [
      ...(change.deletes ?? []),
      ...[...this.resources.values()].filter(r => removed.has(r.cluster)),
    ];
    for (const r of deletes) this.resources.delete(this.key(r));
    for (const r of change.upserts ?? []) this.resources.set(this.key(r), r);
    const updated = new Map((change.clusters ?? []).map(c => [c.name, c]));
    this.clusters = this.clusters
      .filter(c => !removed.has(c.name))
      .map(c => updated.get(c.name) ?? c)
      .concat(
        [...updated.values()].filter(
          c => !this.clusters.some(known => known.name === c.name),
        ),
      );
    if (change.errors) this.errors = change.errors;
    this.seq++;
    this.fake.refreshViews(
      change.errors || removed.size
        ? { errors: change.errors, left: change.removedClusters }
        : undefined,
    );
    for (const socket of this.fake.sockets) {
      if (socket.readyState !== 1 || !socket.filters || socket.views) continue;
      const filters = socket.filters;
      const wanted = this.selector(filters, [...this.clusters, ...leaving]);
      const removedClusters = leaving
        .filter(c => wantsCluster(filters, c))
        .map(c => c.name);
      socket.receive({
        type: 'deltas',
        epoch: 'e1',
        seq: this.seq,
        changes: [
          ...deletes.filter(wanted).map(r => ({
            op: 'delete' as const,
            cluster: r.cluster,
            uid: r.uid,
          })),
          ...(change.upserts ?? [])
            .filter(wanted)
            .map(resource => ({ op: 'upsert' as const, resource })),
        ],
        clusters: (change.clusters ?? []).filter(c => wantsCluster(filters, c)),
        ...(removedClusters.length ? { removedClusters } : {}),
        ...(change.errors ? { errors: change.errors } : {}),
      });
    }
  }

  private snapshotFor(filters: FleetFilters): FleetServerMessage {
    const clusters = this.clusters.filter(c => wantsCluster(filters, c));
    return {
      type: 'snapshot',
      epoch: 'e1',
      seq: this.seq,
      clusters,
      resources: [...this.resources.values()].filter(
        this.selector(filters, clusters),
      ),
      errors: this.errors,
    };
  }

  /** Whether a resource is one that `filters` select, among `clusters`. */
  private selector(filters: FleetFilters, clusters: ClusterStatus[]) {
    const names = new Set(
      clusters.filter(c => wantsCluster(filters, c)).map(c => c.name),
    );
    return (r: SlimResource) =>
      names.has(r.cluster) &&
      (!filters.kinds?.length || filters.kinds.includes(r.kind));
  }

  private key(r: SlimResource) {
    return `${r.cluster}/${r.uid}`;
  }
}
