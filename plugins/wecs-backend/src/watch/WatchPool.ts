import { LoggerService } from '@backstage/backend-plugin-api';
import { ClusterRefreshResult } from '@kubestellar/plugin-wecs-common';
import {
  ClusterMembership,
  ClusterSource,
  DiscoveredCluster,
  PendingCluster,
} from '@kubestellar/plugin-wecs-node';
import { ClusterWatch, ClusterWatchOptions } from './ClusterWatch';
import { ClusterWatchStatus, WatchEvent, WatchListener } from './events';

/** How long `start` waits for the slowest source's first report. */
const FIRST_REPORT_TIMEOUT_MS = 15_000;

/**
 * The one set of watches of the fleet, shared by every viewer. The sources report their
 * membership live; the pool keeps a {@link ClusterWatch} per cluster they want watched (started
 * when a cluster joins, stopped when it leaves, given new labels or credentials in place) and
 * the pending clusters' statuses, and tells every subscribed listener what happens (types
 * listed, objects changed, clusters added, unwatched or removed, source problems); the
 * FleetStore is one listener. However many users look, the API servers see the same requests.
 */
export class WatchPool {
  private readonly watches = new Map<string, ClusterWatch>();
  private pendingStatuses = new Map<string, ClusterWatchStatus>();
  private memberships: Array<ClusterMembership | undefined>;
  private sourceErrors: string[] = [];
  private readonly listeners = new Set<WatchListener>();
  private started = false;

  constructor(
    private readonly sources: ClusterSource[],
    private readonly options: ClusterWatchOptions,
    private readonly logger: LoggerService,
  ) {
    this.memberships = sources.map(() => undefined);
  }

  /** Starts the sources; resolves once each has reported (or after a bound, for a slow one). */
  async start() {
    if (this.started) return;
    this.started = true;
    let timer: NodeJS.Timeout | undefined;
    const firstReports = this.sources.map(
      (source, index) =>
        new Promise<void>(resolve => {
          source.start(membership => {
            this.memberships[index] = membership;
            this.reconcile();
            resolve();
          });
        }),
    );
    await Promise.race([
      Promise.all(firstReports),
      new Promise<void>(resolve => {
        timer = setTimeout(resolve, FIRST_REPORT_TIMEOUT_MS);
      }),
    ]);
    clearTimeout(timer);
  }

  stop() {
    this.started = false;
    for (const source of this.sources) source.stop();
    for (const watch of this.watches.values()) watch.stop();
  }

  get errors(): string[] {
    return this.sourceErrors;
  }

  /** Each cluster's status as its watches know it, pending ones included (the store adds counts). */
  clusters(): ClusterWatchStatus[] {
    return [
      ...[...this.watches.values()].map(w => w.clusterStatus),
      ...this.pendingStatuses.values(),
    ];
  }

  /** A pending cluster's status: known to its source, not watched yet. */
  pendingCluster(name: string): ClusterWatchStatus | undefined {
    return this.pendingStatuses.get(name);
  }

  /** Where cluster `name`'s own object lives, if any source knows (the ITS does). */
  clusterObject(name: string) {
    for (const source of this.sources) {
      const location = source.clusterObject?.(name);
      if (location) return location;
    }
    return undefined;
  }

  cluster(name: string): ClusterWatch | undefined {
    return this.watches.get(name);
  }

  /**
   * Lists again, from their API servers, every watched type of the named clusters (all watched
   * clusters when none are named), putting the store right in place. The lists queue at the
   * pool's list gate, so a fleet-wide refresh never lists more types at once than startup
   * does; a cluster already refreshing is joined, not listed twice.
   */
  refresh(names?: string[]): Promise<ClusterRefreshResult[]> {
    const watches = names
      ? names.flatMap(name => this.watches.get(name) ?? [])
      : [...this.watches.values()];
    return Promise.all(watches.map(watch => watch.refresh()));
  }

  /** Requests the watchers have sent to all API servers, for load accounting. */
  get requestCount() {
    let total = 0;
    for (const watch of this.watches.values()) total += watch.requestCount;
    return total;
  }

  /**
   * Adds a listener of the pool's events; returns the unsubscribe. A listener added before
   * {@link WatchPool.start} hears every object from the first list on.
   */
  subscribe(listener: WatchListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: WatchEvent) {
    for (const listener of this.listeners) listener(event);
  }

  /** Makes the watches and pending statuses match what the sources report now. */
  private reconcile() {
    if (!this.started) return;
    const wanted = new Map<string, DiscoveredCluster>();
    const pending = new Map<string, PendingCluster>();
    const errors: string[] = [];
    for (const membership of this.memberships) {
      if (!membership) continue;
      errors.push(...membership.errors);
      const entries = [
        ...membership.clusters.map(c => ({ c, watched: true })),
        ...(membership.pending ?? []).map(c => ({ c, watched: false })),
      ];
      for (const { c, watched } of entries) {
        const { name } = c.identity;
        if (wanted.has(name) || pending.has(name)) {
          errors.push(
            `Cluster ${name} is defined twice; the first definition is used`,
          );
          continue;
        }
        if (watched) wanted.set(name, c as DiscoveredCluster);
        else pending.set(name, c as PendingCluster);
      }
    }

    for (const [name, watch] of this.watches) {
      if (wanted.has(name)) continue;
      watch.stop();
      this.watches.delete(name);
      this.logger.info(
        pending.has(name)
          ? `cluster ${name} is no longer watched: ${pending.get(name)!.reason}`
          : `cluster ${name} left the fleet`,
      );
      this.emit({ type: 'clusterUnwatched', cluster: name });
      if (!pending.has(name))
        this.emit({ type: 'clusterRemoved', cluster: name });
    }
    for (const name of this.pendingStatuses.keys()) {
      if (!pending.has(name) && !wanted.has(name)) {
        this.logger.info(`pending cluster ${name} left the fleet`);
        this.emit({ type: 'clusterRemoved', cluster: name });
      }
    }

    const previousPending = this.pendingStatuses;
    this.pendingStatuses = new Map();
    for (const [name, { identity, reason }] of pending) {
      const before = previousPending.get(name);
      const status: ClusterWatchStatus = {
        name,
        source: identity.source,
        role: identity.role ?? 'wec',
        context: identity.context,
        server: '',
        access: identity.access ?? 'direct',
        state: 'pending',
        pendingReason: reason,
        since: before?.since ?? new Date().toISOString(),
        ...(identity.labels ? { labels: identity.labels } : {}),
      };
      this.pendingStatuses.set(name, status);
      if (JSON.stringify(before) !== JSON.stringify(status))
        this.emit({ type: 'clusterStatus', status });
    }

    for (const [name, { identity, client }] of wanted) {
      const watch = this.watches.get(name);
      if (watch) {
        if (watch.client.fingerprint !== client.fingerprint) {
          this.logger.info(
            `cluster ${name}: its credentials or server changed; watching again with the new ones`,
          );
          watch.replaceClient(client);
        }
        watch.updateIdentity(identity);
        continue;
      }
      const added = new ClusterWatch(
        identity,
        client,
        this.options,
        this.logger.child({ cluster: name }),
        event => this.emit(event),
      );
      this.watches.set(name, added);
      this.emit({ type: 'clusterStatus', status: added.clusterStatus });
      added.start();
    }

    if (JSON.stringify(errors) !== JSON.stringify(this.sourceErrors)) {
      for (const error of errors)
        if (!this.sourceErrors.includes(error)) this.logger.warn(error);
      this.sourceErrors = errors;
      this.emit({ type: 'sourceErrors', errors });
    }
  }
}
