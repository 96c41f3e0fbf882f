import { LoggerService } from '@backstage/backend-plugin-api';
import { ClusterSource } from '../cluster/ClusterSource';
import { ClusterWatch, ClusterWatchOptions } from './ClusterWatch';
import { ClusterWatchStatus, WatchEvent, WatchListener } from './events';

/**
 * The one set of watches of the fleet, shared by every viewer: a {@link ClusterWatch} per
 * cluster found by the sources, whose events (types listed, objects changed, types dropped,
 * cluster statuses) go to every subscribed listener; the FleetStore is one of them. However
 * many users look, the API servers see the same requests.
 */
export class WatchPool {
  private readonly watches = new Map<string, ClusterWatch>();
  private sourceErrors: string[] = [];
  private readonly listeners = new Set<WatchListener>();

  constructor(
    private readonly sources: ClusterSource[],
    private readonly options: ClusterWatchOptions,
    private readonly logger: LoggerService,
  ) {}

  async start() {
    const found = await Promise.all(
      this.sources.map(source => source.discover()),
    );
    this.sourceErrors = found.flatMap(f => f.errors);
    for (const error of this.sourceErrors) this.logger.warn(error);
    for (const { identity, client } of found.flatMap(f => f.clusters)) {
      if (this.watches.has(identity.name)) {
        this.sourceErrors.push(
          `Cluster ${identity.name} is defined twice; the first definition is used`,
        );
        continue;
      }
      const watch = new ClusterWatch(
        identity,
        client,
        this.options,
        this.logger.child({ cluster: identity.name }),
        event => this.emit(event),
      );
      this.watches.set(identity.name, watch);
      watch.start();
    }
  }

  stop() {
    for (const watch of this.watches.values()) watch.stop();
  }

  get errors(): string[] {
    return this.sourceErrors;
  }

  /** Each cluster's status as its watches know it (the store adds object counts). */
  clusters(): ClusterWatchStatus[] {
    return [...this.watches.values()].map(w => w.clusterStatus);
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
}
