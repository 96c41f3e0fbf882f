import {
  MAX_SNAPSHOT_OBJECTS,
  ClusterRole,
  FleetFilters,
  FleetPosition,
  FleetServerMessage,
  ResourceDelta,
  SlimResource,
} from '@kubestellar/plugin-wecs-common';
import { InputError } from '@backstage/errors';
import { randomUUID } from 'node:crypto';
import { FleetStore, resourceMatcher, StoreChange } from '../store/FleetStore';
import { ClusterWatchStatus } from '../watch/events';
import { WatchPool } from '../watch/WatchPool';
import { ViewFanOut } from './ViewFanOut';

/**
 * The transport side of a subscriber: a live channel (a WebSocket, or a streamed HTTP response)
 * in production, a fake in tests.
 */
export interface SubscriberChannel {
  send(message: FleetServerMessage): void;
  /** Bytes queued but not yet written to the network. */
  readonly bufferedAmount: number;
}

export interface FleetFanOutOptions {
  /** How long changes gather before a batch is sent. */
  batchMs: number;
  /** Above this many queued bytes a subscriber is slow: changes coalesce instead of being sent. */
  slowClientBytes: number;
  /** A slow subscriber with more distinct pending changes than this gets a fresh snapshot instead. */
  maxPendingChanges: number;
  /** Store changes kept so that a reconnecting client can resume without a snapshot. */
  resumeBufferSize: number;
  /** A heartbeat is sent when nothing else was sent for this long. */
  heartbeatMs: number;
}

export const DEFAULT_FAN_OUT_OPTIONS: FleetFanOutOptions = {
  batchMs: 50,
  slowClientBytes: 4 * 1024 * 1024,
  maxPendingChanges: 20_000,
  resumeBufferSize: 50_000,
  heartbeatMs: 15_000,
};

interface Subscription {
  channel: SubscriberChannel;
  filters: FleetFilters;
  matches: (r: SlimResource) => boolean;
  /** Whether the subscriber wants this cluster: named in its filters, and of a wanted role. */
  wantsCluster: (name: string) => boolean;
  /** Coalesced changes, latest per object, waiting for the next batch. */
  pending: Map<string, ResourceDelta>;
  /** Cluster statuses to send, latest per cluster; counts are added when sent. */
  pendingClusters: Map<string, ClusterWatchStatus>;
  /** Clusters whose object counts changed since the last batch. */
  countedClusters: Set<string>;
  /** Clusters that left the fleet since the last batch. */
  removedClusters: Set<string>;
  /** The sources' problems changed since the last batch. */
  errorsChanged: boolean;
  needsSnapshot: boolean;
  /** Objects the client holds (snapshot plus deltas), to judge when a resync is cheaper. */
  size: number;
  lastSentAt: number;
  /** Counters for the fan-out's statistics. */
  stats: {
    batches: number;
    changes: number;
    slowSkips: number;
    snapshots: number;
    maxBufferedBytes: number;
  };
}

/** The first message of a subscription. */
export type FleetSnapshot = Extract<FleetServerMessage, { type: 'snapshot' }>;

const deltaKey = (cluster: string, uid: string) => `${cluster}/${uid}`;

/**
 * Fans the fleet store's changes, and the cluster statuses of the watch pool, out to socket
 * subscriptions: to each a snapshot first, then batched deltas in order,
 * each tagged with the store revision so a reconnecting client can resume. A subscriber that
 * cannot keep up gets its changes coalesced per object, and past a bound a fresh snapshot,
 * so no client grows the backend's memory without limit.
 */
export class FleetFanOut {
  readonly epoch = randomUUID();
  /** The view-based subscriptions, on the same store, pool and epoch. */
  readonly views: ViewFanOut;
  private readonly subscriptions = new Set<Subscription>();
  private readonly recent: Array<{ revision: number; change: StoreChange }> =
    [];
  private timer?: NodeJS.Timeout;
  private heartbeat?: NodeJS.Timeout;
  private readonly unsubscribe: Array<() => void> = [];
  /** The store revision when a cluster last left: a client that saw less cannot resume. */
  private lastRemovalRevision = 0;

  constructor(
    private readonly store: FleetStore,
    private readonly pool: Pick<
      WatchPool,
      'cluster' | 'clusters' | 'errors' | 'subscribe'
    >,
    private readonly options: FleetFanOutOptions = DEFAULT_FAN_OUT_OPTIONS,
  ) {
    this.views = new ViewFanOut(store, pool, this.epoch);
    this.unsubscribe.push(
      store.subscribe((change, revision) =>
        this.onStoreChange(change, revision),
      ),
    );
    this.unsubscribe.push(
      pool.subscribe(event => {
        if (event.type === 'clusterStatus') this.onClusterStatus(event.status);
        else if (event.type === 'clusterRemoved')
          this.onClusterRemoved(event.cluster);
        else if (event.type === 'sourceErrors') this.onSourceErrors();
      }),
    );
    this.heartbeat = setInterval(
      () => this.sendHeartbeats(),
      Math.max(1000, options.heartbeatMs / 3),
    );
    this.heartbeat.unref?.();
  }

  get subscriberCount() {
    return this.subscriptions.size;
  }

  /** What each subscriber was sent, and how often it was too slow to be sent anything. */
  statistics() {
    return [...this.subscriptions].map(s => ({
      ...s.stats,
      pending: s.pending.size,
    }));
  }

  /** The clusters `filters` want: those named (all when none), of the roles asked (WECs when none). */
  private clusterMatcher(filters: FleetFilters): (name: string) => boolean {
    const names = filters.clusters?.length
      ? new Set(filters.clusters)
      : undefined;
    const roles = new Set<ClusterRole>(
      filters.roles?.length ? filters.roles : ['wec'],
    );
    return name => {
      if (names && !names.has(name)) return false;
      const role = this.pool.cluster(name)?.identity.role ?? 'wec';
      return roles.has(role);
    };
  }

  /**
   * Adds a subscriber. It gets the changes since `resume` when that position is still in the
   * buffer (same backend instance, not too old), a snapshot otherwise. Returns the unsubscribe.
   */
  subscribe(
    channel: SubscriberChannel,
    filters: FleetFilters = {},
    resume?: FleetPosition,
  ): () => void {
    const subscription: Subscription = {
      channel,
      filters,
      matches: resourceMatcher(filters),
      wantsCluster: this.clusterMatcher(filters),
      pending: new Map(),
      pendingClusters: new Map(),
      countedClusters: new Set(),
      removedClusters: new Set(),
      errorsChanged: false,
      needsSnapshot: false,
      size: 0,
      lastSentAt: Date.now(),
      stats: {
        batches: 0,
        changes: 0,
        slowSkips: 0,
        snapshots: 0,
        maxBufferedBytes: 0,
      },
    };
    this.subscriptions.add(subscription);
    if (!this.resumeFrom(subscription, resume)) this.sendSnapshot(subscription);
    return () => this.subscriptions.delete(subscription);
  }

  close() {
    this.views.close();
    clearTimeout(this.timer);
    clearInterval(this.heartbeat);
    this.unsubscribe.forEach(fn => fn());
    this.subscriptions.clear();
  }

  private resumeFrom(subscription: Subscription, resume?: FleetPosition) {
    if (!resume || resume.epoch !== this.epoch) return false;
    const oldest = this.recent[0]?.revision ?? this.store.revision + 1;
    if (resume.seq < oldest - 1 || resume.seq > this.store.revision)
      return false;
    // Which clusters the client holds is unknown here: one may have left since it last saw.
    if (resume.seq < this.lastRemovalRevision) return false;
    subscription.errorsChanged = true;
    subscription.size = this.store.countMatching(subscription.filters);
    for (const { revision, change } of this.recent) {
      if (revision > resume.seq) this.queue(subscription, change);
    }
    for (const cluster of this.pool.clusters()) {
      if (subscription.wantsCluster(cluster.name)) {
        subscription.pendingClusters.set(cluster.name, cluster);
      }
    }
    this.flush(subscription);
    return true;
  }

  /**
   * The message a new subscription with `filters` starts with: everything matching, as one
   * snapshot at the current revision. For clients that can only poll.
   */
  snapshot(filters: FleetFilters = {}): FleetSnapshot {
    return this.snapshotOf(filters, this.clusterMatcher(filters));
  }

  /** The snapshot of a subscription; an InputError when it selects too many objects. */
  private snapshotOf(
    filters: FleetFilters,
    wantsCluster: (name: string) => boolean,
  ): FleetSnapshot {
    const resources = this.store
      .query(filters)
      .filter(r => wantsCluster(r.cluster));
    if (resources.length > MAX_SNAPSHOT_OBJECTS) {
      throw new InputError(
        `This subscription selects ${resources.length} objects, more than the ${MAX_SNAPSHOT_OBJECTS} one snapshot carries: narrow it by cluster, kind or namespace, or show it in windows with a views message`,
      );
    }
    return {
      type: 'snapshot',
      epoch: this.epoch,
      seq: this.store.revision,
      clusters: this.pool
        .clusters()
        .filter(c => wantsCluster(c.name))
        .map(c => this.store.clusterStatus(c)),
      resources,
      errors: this.pool.errors,
    };
  }

  private sendSnapshot(subscription: Subscription) {
    subscription.pending.clear();
    subscription.pendingClusters.clear();
    subscription.removedClusters.clear();
    subscription.errorsChanged = false;
    subscription.needsSnapshot = false;
    subscription.lastSentAt = Date.now();
    let snapshot: FleetSnapshot;
    try {
      snapshot = this.snapshotOf(
        subscription.filters,
        subscription.wantsCluster,
      );
    } catch (error) {
      // Too large a selection, now or grown since: the subscription ends, and says why.
      this.subscriptions.delete(subscription);
      subscription.channel.send({
        type: 'error',
        message: (error as Error).message,
      });
      return;
    }
    subscription.stats.snapshots++;
    subscription.size = snapshot.resources.length;
    subscription.channel.send(snapshot);
  }

  private onStoreChange(change: StoreChange, revision: number) {
    this.recent.push({ revision, change });
    // Trim in chunks: dropping one entry per change would copy the whole buffer each time.
    if (this.recent.length > this.options.resumeBufferSize * 1.25) {
      this.recent.splice(0, this.recent.length - this.options.resumeBufferSize);
    }
    for (const subscription of this.subscriptions)
      this.queue(subscription, change);
    this.scheduleFlush();
  }

  private onClusterStatus(status: ClusterWatchStatus) {
    for (const subscription of this.subscriptions) {
      if (subscription.wantsCluster(status.name)) {
        subscription.pendingClusters.set(status.name, status);
      }
    }
    this.scheduleFlush();
  }

  private onClusterRemoved(cluster: string) {
    this.lastRemovalRevision = this.store.revision;
    for (const subscription of this.subscriptions) {
      subscription.pendingClusters.delete(cluster);
      subscription.countedClusters.delete(cluster);
      // Whatever its role was: a client that never had it ignores the name.
      subscription.removedClusters.add(cluster);
    }
    this.scheduleFlush();
  }

  private onSourceErrors() {
    for (const subscription of this.subscriptions)
      subscription.errorsChanged = true;
    this.scheduleFlush();
  }

  /** Adds a change to a subscriber's pending batch, as an upsert, a delete or nothing. */
  private queue(subscription: Subscription, change: StoreChange) {
    if (subscription.needsSnapshot) return;
    const { resource } = change;
    const key = deltaKey(resource.cluster, resource.uid);
    const inScope = subscription.wantsCluster(resource.cluster);
    const now =
      inScope && change.op === 'upsert' && subscription.matches(resource);
    const before =
      inScope &&
      (change.op === 'delete'
        ? subscription.matches(resource)
        : change.previous !== undefined &&
          subscription.matches(change.previous));
    if (inScope && (change.op === 'delete' || !change.previous)) {
      subscription.countedClusters.add(resource.cluster);
    }
    if (now) {
      subscription.pending.set(key, { op: 'upsert', resource });
      if (!before) subscription.size++;
    } else if (before) {
      subscription.pending.set(key, {
        op: 'delete',
        cluster: resource.cluster,
        uid: resource.uid,
      });
      subscription.size--;
    } else {
      return;
    }
    // Pending changes are bounded by the objects the client holds (one per object). A resync
    // replaces them only when it is the smaller message: many pending changes for few objects.
    if (
      subscription.pending.size > this.options.maxPendingChanges &&
      subscription.pending.size > subscription.size / 2
    ) {
      subscription.pending.clear();
      subscription.needsSnapshot = true;
    }
  }

  private scheduleFlush() {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      for (const subscription of this.subscriptions) this.flush(subscription);
    }, this.options.batchMs);
  }

  private flush(subscription: Subscription) {
    const buffered = subscription.channel.bufferedAmount;
    subscription.stats.maxBufferedBytes = Math.max(
      subscription.stats.maxBufferedBytes,
      buffered,
    );
    const slow = buffered > this.options.slowClientBytes;
    if (slow) {
      subscription.stats.slowSkips++;
      // Keep coalescing; try again later.
      this.scheduleFlush();
      return;
    }
    if (subscription.needsSnapshot) {
      this.sendSnapshot(subscription);
      return;
    }
    if (
      subscription.pending.size === 0 &&
      subscription.pendingClusters.size === 0 &&
      subscription.removedClusters.size === 0 &&
      !subscription.errorsChanged
    )
      return;
    if (subscription.countedClusters.size) {
      // Send the clusters whose counts moved, with counts as they are now.
      for (const status of this.pool.clusters()) {
        if (
          subscription.countedClusters.has(status.name) &&
          !subscription.pendingClusters.has(status.name)
        ) {
          subscription.pendingClusters.set(status.name, status);
        }
      }
      subscription.countedClusters.clear();
    }
    const changes = [...subscription.pending.values()];
    // Counts as they are now, whatever moment the status was queued at.
    const clusters = [...subscription.pendingClusters.values()].map(status =>
      this.store.clusterStatus(status),
    );
    const removedClusters = [...subscription.removedClusters];
    const errorsChanged = subscription.errorsChanged;
    subscription.pending.clear();
    subscription.pendingClusters.clear();
    subscription.removedClusters.clear();
    subscription.errorsChanged = false;
    subscription.lastSentAt = Date.now();
    subscription.stats.batches++;
    subscription.stats.changes += changes.length;
    subscription.channel.send({
      type: 'deltas',
      epoch: this.epoch,
      seq: this.store.revision,
      changes,
      clusters,
      ...(removedClusters.length ? { removedClusters } : {}),
      ...(errorsChanged ? { errors: this.pool.errors } : {}),
    });
  }

  private sendHeartbeats() {
    const now = Date.now();
    for (const subscription of this.subscriptions) {
      if (now - subscription.lastSentAt < this.options.heartbeatMs) continue;
      if (subscription.channel.bufferedAmount > this.options.slowClientBytes)
        continue;
      subscription.lastSentAt = now;
      subscription.channel.send({
        type: 'heartbeat',
        epoch: this.epoch,
        seq: this.store.revision,
        at: new Date(now).toISOString(),
      });
    }
  }
}
