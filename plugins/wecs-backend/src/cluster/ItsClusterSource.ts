import { Config } from '@backstage/config';
import { ClusterAccess } from '@kubestellar/plugin-wecs-common';
import {
  ClusterClient,
  ClusterMembership,
  ClusterObjectLocation,
  ClusterSource,
  DiscoveredCluster,
  PendingCluster,
} from '@kubestellar/plugin-wecs-node';
import {
  DEFAULT_WATCHER_OPTIONS,
  ResourceWatcher,
  WatcherOptions,
  WatcherState,
  WatchTarget,
} from './ResourceWatcher';
import {
  clusterProxyClient,
  clusterProxyFromConfig,
  ClusterProxySettings,
} from './clusterProxy';
import { KubeconfigFile, resolveKubeconfigPath } from './KubeconfigFile';
import { describeMalformed } from '../model/objectShape';

const MANAGED_CLUSTERS: WatchTarget = {
  apiVersion: 'cluster.open-cluster-management.io/v1',
  kind: 'ManagedCluster',
  resource: 'managedclusters',
  namespaced: false,
};
const MANAGED_CLUSTERS_PATH =
  '/apis/cluster.open-cluster-management.io/v1/managedclusters';

export interface ItsClusterSourceOptions {
  kubeconfigPath: string;
  itsContext: string;
  /** `direct` (default): each WEC through its own kubeconfig context. */
  access?: ClusterAccess;
  /** Direct access: the context of each ManagedCluster, when not named after it. */
  clusterContexts?: Record<string, string>;
  /** Required for `cluster-proxy` access. */
  clusterProxy?: ClusterProxySettings;
  watcher?: WatcherOptions;
  /** How long ManagedCluster changes gather before the membership is reported. */
  batchMs?: number;
}

/**
 * KubeStellar's way to know the fleet: the ManagedClusters of the ITS, listed and watched
 * (resumed, relisted and retried like every other watch). An accepted, joined cluster is
 * watched; one not accepted or not joined yet is reported pending with the reason; a deleted or
 * no longer accepted one leaves. Each WEC is reached directly through its own kubeconfig
 * context, or through the hub with OCM's cluster-proxy addon and the ITS context alone. While
 * the ITS cannot be reached, the clusters it last listed stay as they were.
 */
export class ItsClusterSource implements ClusterSource {
  static fromConfig(config: Config): ItsClusterSource | undefined {
    const its = config.getOptionalConfig('wecs.its');
    if (!its) return undefined;
    const mapping = its.getOptionalConfig('clusterContexts');
    const access = its.getOptionalString('access') ?? 'direct';
    if (access !== 'direct' && access !== 'cluster-proxy') {
      throw new Error(
        `wecs.its.access must be "direct" or "cluster-proxy", got "${access}"`,
      );
    }
    const clusterProxy = clusterProxyFromConfig(
      its.getOptionalConfig('clusterProxy'),
    );
    if (access === 'cluster-proxy' && !clusterProxy) {
      throw new Error(
        'wecs.its.access is "cluster-proxy": set wecs.its.clusterProxy.url to the addon\'s service proxy',
      );
    }
    return new ItsClusterSource({
      kubeconfigPath: resolveKubeconfigPath(
        its.getOptionalString('kubeconfigPath') ??
          config.getOptionalString('wecs.kubeconfig.path'),
      ),
      itsContext: its.getString('context'),
      access,
      clusterProxy,
      clusterContexts: Object.fromEntries(
        (mapping?.keys() ?? []).map(key => [key, mapping!.getString(key)]),
      ),
    });
  }

  private file?: KubeconfigFile;
  private unfollow?: () => void;
  private watcher?: ResourceWatcher;
  private watcherClient?: string;
  private watcherState?: WatcherState;
  /** ManagedClusters left out because they are malformed, with why, until a list drops them. */
  private readonly malformed = new Map<string, string>();
  private readonly managed = new Map<string, any>();
  private report?: (membership: ClusterMembership) => void;
  private timer?: NodeJS.Timeout;
  /**
   * Clients built from the kubeconfig as last read, by context (or cluster, through the
   * proxy): ManagedCluster events come often, a client means a copy of the whole kubeconfig.
   */
  private clients = {
    from: undefined as unknown,
    byKey: new Map<string, ClusterClient>(),
  };

  constructor(private readonly options: ItsClusterSourceOptions) {}

  /** The client for `key`, built once per version of the kubeconfig. */
  private cachedClient(
    key: string,
    build: () => ClusterClient | undefined,
  ): ClusterClient | undefined {
    const current = this.file?.current;
    if (this.clients.from !== current)
      this.clients = { from: current, byKey: new Map() };
    let client = this.clients.byKey.get(key);
    if (!client) {
      client = build();
      if (client) this.clients.byKey.set(key, client);
    }
    return client;
  }

  get description() {
    return `the ITS (${this.options.itsContext})`;
  }

  start(report: (membership: ClusterMembership) => void) {
    this.report = report;
    const file = new KubeconfigFile(this.options.kubeconfigPath);
    this.file = file;
    this.unfollow = file.follow(() => {
      this.followItsContext();
      this.publish();
    });
    this.followItsContext();
    // With a watch started, the first report waits for its first list (or its failure), so
    // that the pool starts with the clusters the ITS has rather than with none.
    if (!this.watcher) this.publishNow();
  }

  stop() {
    this.report = undefined;
    clearTimeout(this.timer);
    this.unfollow?.();
    this.watcher?.stop();
    this.watcher = undefined;
  }

  clusterObject(name: string): ClusterObjectLocation | undefined {
    const client = this.itsClient();
    if (!client) return undefined;
    return {
      client,
      path: `${MANAGED_CLUSTERS_PATH}/${encodeURIComponent(name)}`,
      holder: this.description,
    };
  }

  private itsClient(): ClusterClient | undefined {
    const kubeConfig = this.file?.current;
    if (!kubeConfig?.getContextObject(this.options.itsContext))
      return undefined;
    return this.cachedClient(
      `context:${this.options.itsContext}`,
      () => new ClusterClient(kubeConfig, this.options.itsContext),
    );
  }

  /** (Re)starts the ManagedCluster watch when the ITS context appears or its credentials change. */
  private followItsContext() {
    const client = this.itsClient();
    if (client?.fingerprint === this.watcherClient) return;
    this.watcher?.stop();
    this.watcher = undefined;
    this.watcherClient = client?.fingerprint;
    if (!client) return;
    this.watcher = new ResourceWatcher(
      client,
      MANAGED_CLUSTERS,
      {
        replace: items => {
          this.managed.clear();
          this.malformed.clear();
          for (const item of items) this.managed.set(item.metadata?.name, item);
          this.publish();
        },
        upsert: item => {
          this.managed.set(item.metadata?.name, item);
          this.malformed.delete(describeMalformed(item));
          this.publish();
        },
        // Told as a source problem: the pool logs each once, and the clusters page shows it.
        reject: (item, problem) => {
          if (this.malformed.size < 100)
            this.malformed.set(describeMalformed(item), problem);
          this.publish();
        },
        remove: item => {
          this.managed.delete(item.metadata?.name);
          this.publish();
        },
      },
      state => {
        this.watcherState = state;
        this.publish();
      },
      this.options.watcher ?? DEFAULT_WATCHER_OPTIONS,
    );
    this.watcher.start();
  }

  /** Reports soon: a burst of ManagedCluster events makes one report. */
  private publish() {
    if (this.timer || !this.report) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.publishNow();
    }, this.options.batchMs ?? 50);
  }

  private publishNow() {
    this.report?.(this.membership());
  }

  private membership(): ClusterMembership {
    const { itsContext } = this.options;
    const errors: string[] = [];
    if (this.file?.problem) errors.push(this.file.problem);
    const kubeConfig = this.file?.current;
    const itsClient = this.itsClient();
    if (!kubeConfig || !itsClient) {
      if (kubeConfig)
        errors.push(
          `The ITS context ${itsContext} is not in kubeconfig ${this.options.kubeconfigPath}`,
        );
      return { clusters: [], errors };
    }
    // The ITS itself is watched too, as a control plane: its ManagedClusters, CSRs and
    // ManifestWorks are what the KubeStellar views show.
    const clusters: DiscoveredCluster[] = [
      {
        identity: {
          name: itsContext,
          source: 'its',
          role: 'its',
          context: itsContext,
          access: 'direct',
        },
        client: itsClient,
      },
    ];
    const pending: PendingCluster[] = [];
    if (this.watcherState?.phase === 'failed') {
      errors.push(
        `Cannot follow the ManagedClusters of ${this.description}: ${
          this.watcherState.error ?? 'failed'
        }. Retrying with back-off; the clusters it listed last keep being watched`,
      );
    }
    for (const [what, problem] of this.malformed) {
      errors.push(
        `A ManagedCluster of ${this.description} was left out, ${what}: ${problem}`,
      );
    }
    const names = [...this.managed.keys()].sort();
    for (const name of names) {
      const managed = this.managed.get(name);
      // Being deleted: the hub is removing it, so it has left already.
      if (managed.metadata?.deletionTimestamp) continue;
      const access = this.options.access ?? 'direct';
      const identity = {
        name,
        source: 'its',
        // The context that reaches it: its own, or the ITS's through the cluster-proxy.
        context:
          access === 'cluster-proxy'
            ? itsContext
            : this.options.clusterContexts?.[name] ?? name,
        access,
        labels: managed.metadata?.labels ?? {},
      };
      const notJoined = whyNotJoined(managed, name);
      if (notJoined) {
        pending.push({ identity, reason: notJoined });
        continue;
      }
      const reached = this.clientFor(kubeConfig, name);
      if ('reason' in reached) {
        pending.push({
          identity: { ...identity, context: reached.context },
          reason: reached.reason,
        });
        continue;
      }
      clusters.push({
        identity: { ...identity, context: reached.context },
        client: reached.client,
      });
    }
    return { clusters, pending, errors };
  }

  private clientFor(
    kubeConfig: NonNullable<KubeconfigFile['current']>,
    name: string,
  ):
    | { client: ClusterClient; context: string }
    | { reason: string; context: string } {
    const { itsContext, clusterProxy } = this.options;
    if (this.options.access === 'cluster-proxy' && clusterProxy) {
      const client = this.cachedClient(`proxy:${name}`, () =>
        clusterProxyClient(kubeConfig, itsContext, name, clusterProxy),
      );
      return client
        ? { client, context: itsContext }
        : {
            context: itsContext,
            reason: `The ITS context ${itsContext} has no cluster or user to reach the cluster-proxy with`,
          };
    }
    const context = this.options.clusterContexts?.[name] ?? name;
    if (!kubeConfig.getContextObject(context)) {
      return {
        context,
        reason: `Joined, but kubeconfig ${this.options.kubeconfigPath} has no context ${context} to reach it: add one, name another under wecs.its.clusterContexts, or reach it through the hub (wecs.its.access: cluster-proxy)`,
      };
    }
    const client = this.cachedClient(
      `context:${context}`,
      () => new ClusterClient(kubeConfig, context),
    )!;
    return { client, context };
  }
}

/** Why a ManagedCluster is not one to watch yet, in OCM's terms; undefined once it has joined. */
function whyNotJoined(managed: any, name: string): string | undefined {
  if (managed.spec?.hubAcceptsClient !== true) {
    return `The hub has not accepted ${name} (spec.hubAcceptsClient is not true): accept it on the Managed Clusters page, or with "clusteradm accept --clusters ${name}"`;
  }
  const joined = (managed.status?.conditions ?? []).find(
    (c: any) => c?.type === 'ManagedClusterJoined',
  );
  if (joined?.status !== 'True') {
    return `Accepted, but ${name} has not joined yet: its agent needs its certificate signing request approved and must register with the hub`;
  }
  return undefined;
}
