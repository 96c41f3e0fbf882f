import { LoggerService } from '@backstage/backend-plugin-api';
import { ClusterStatus } from '@kubestellar/plugin-wecs-common';
import { ClusterSource } from '../cluster/ClusterSource';
import { FleetStore } from '../store/FleetStore';
import { ClusterWatch, ClusterWatchOptions } from './ClusterWatch';

export type ClusterStatusListener = (status: ClusterStatus) => void;

/**
 * The one set of watches of the fleet, shared by every viewer: a {@link ClusterWatch} per
 * cluster found by the sources, all writing into one {@link FleetStore}. However many users
 * look, the API servers see the same requests.
 */
export class WatchPool {
  private readonly watches = new Map<string, ClusterWatch>();
  private sourceErrors: string[] = [];
  private readonly listeners = new Set<ClusterStatusListener>();

  constructor(
    private readonly sources: ClusterSource[],
    readonly store: FleetStore,
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
        this.store,
        this.options,
        this.logger.child({ cluster: identity.name }),
        status => this.listeners.forEach(listener => listener(status)),
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

  clusters(): ClusterStatus[] {
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

  onClusterStatus(listener: ClusterStatusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
