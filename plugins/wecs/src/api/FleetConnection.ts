import {
  ClusterStatus,
  FleetFilters,
  FleetPosition,
  FleetServerMessage,
  SlimResource,
} from '@kubestellar/plugin-wecs-common';
import { LeftCluster, LeftClusters } from './LeftClusters';
import {
  FleetConnectionOptions,
  LiveConnectionStatus,
  ReconnectingSocket,
} from './ReconnectingSocket';

export type { LeftCluster } from './LeftClusters';
export type {
  FleetConnectionOptions,
  LiveConnectionStatus,
  LiveState,
  LiveTransportKind,
  LiveTransportState,
  SocketLike,
} from './ReconnectingSocket';

/**
 * What a FleetConnection holds: the resources matching its filters, as of `updatedAt`.
 *
 * @public
 */
export interface FleetView extends LiveConnectionStatus {
  /** Keyed by `cluster/uid`. */
  resources: ReadonlyMap<string, SlimResource>;
  clusters: ClusterStatus[];
  /**
   * The cluster sources' problems as the backend last reported them (e.g. an ITS it cannot
   * reach, a kubeconfig it cannot read), from the snapshot and then from deltas.
   */
  errors: string[];
  /**
   * Clusters that left the fleet recently (within `leftClusterMemoryMs`), oldest first; a
   * cluster that comes back is dropped from it.
   */
  left: LeftCluster[];
}

const resourceKey = (cluster: string, uid: string) => `${cluster}/${uid}`;

/**
 * One live subscription to the backend's fleet socket: the snapshot, then deltas applied in
 * order; on a dropped connection it reconnects with back-off and jitter and resumes from the last
 * position it applied, so the server sends only what was missed.
 *
 * @public
 */
export class FleetConnection {
  private readonly socket: ReconnectingSocket;
  private filters: FleetFilters = {};
  private position?: FleetPosition;
  private readonly listeners = new Set<(view: FleetView) => void>();
  private resources = new Map<string, SlimResource>();
  private clusters: ClusterStatus[] = [];
  private errors: string[] = [];
  private readonly left: LeftClusters;

  constructor(options: FleetConnectionOptions) {
    this.left = new LeftClusters(options.leftClusterMemoryMs ?? 10 * 60_000);
    this.socket = new ReconnectingSocket(options, {
      onOpen: () => this.sendSubscribe(),
      onMessage: message => this.apply(message),
      onStatus: () => this.emit(),
    });
  }

  get view(): FleetView {
    return {
      ...this.socket.status,
      resources: this.resources,
      clusters: this.clusters,
      errors: this.errors,
      left: this.left.list,
    };
  }

  onChange(listener: (view: FleetView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Subscribes with these filters: a fresh snapshot replaces what was held. */
  subscribe(filters: FleetFilters) {
    this.filters = filters;
    this.position = undefined;
    if (this.socket.isOpen) this.sendSubscribe();
    else this.socket.start();
  }

  /** Asks for a fresh snapshot now, reconnecting at once if the connection is down. */
  refresh() {
    this.position = undefined;
    if (this.socket.isOpen) this.sendSubscribe();
    else this.socket.reconnectNow();
  }

  close() {
    this.socket.close();
  }

  private sendSubscribe() {
    this.socket.send({
      type: 'subscribe',
      filters: this.filters,
      ...(this.position ? { resume: this.position } : {}),
    });
  }

  private apply(message: FleetServerMessage) {
    switch (message.type) {
      case 'snapshot':
        this.resources = new Map(
          message.resources.map(r => [resourceKey(r.cluster, r.uid), r]),
        );
        this.clusters = message.clusters;
        this.errors = message.errors;
        this.left.forget(message.clusters.map(c => c.name));
        break;
      case 'deltas': {
        const next = new Map(this.resources);
        for (const change of message.changes) {
          if (change.op === 'upsert') {
            const { resource } = change;
            next.set(resourceKey(resource.cluster, resource.uid), resource);
          } else {
            next.delete(resourceKey(change.cluster, change.uid));
          }
        }
        this.resources = next;
        // A status in the same message as a removal came after it (the backend drops a
        // removed cluster's queued status): the cluster is back.
        if (message.removedClusters?.length)
          this.removeClusters(message.removedClusters);
        if (message.clusters.length) {
          const changed = new Map(message.clusters.map(c => [c.name, c]));
          this.clusters = this.clusters
            .map(c => changed.get(c.name) ?? c)
            .concat(
              message.clusters.filter(
                c => !this.clusters.some(known => known.name === c.name),
              ),
            );
          this.left.forget(changed.keys());
        }
        if (message.errors) this.errors = message.errors;
        break;
      }
      case 'heartbeat':
        break;
      case 'error':
        this.socket.refused(message.message);
        this.emit();
        return;
      default:
        return;
    }
    this.left.expire();
    this.position = { epoch: message.epoch, seq: message.seq };
    this.socket.heard();
    this.emit();
  }

  /**
   * Drops clusters that left the fleet, with any object of theirs still held (the backend
   * sends their delete deltas first), and remembers them in `left`.
   */
  private removeClusters(names: string[]) {
    const gone = new Set(names);
    this.clusters = this.clusters.filter(c => !gone.has(c.name));
    const leftovers = [...this.resources.values()].filter(r =>
      gone.has(r.cluster),
    );
    if (leftovers.length) {
      const next = new Map(this.resources);
      for (const r of leftovers) next.delete(resourceKey(r.cluster, r.uid));
      this.resources = next;
    }
    this.left.add(names);
  }

  private emit() {
    const view = this.view;
    for (const listener of this.listeners) listener(view);
  }
}
