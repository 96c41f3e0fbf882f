import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ClusterRefreshResult,
  ClusterStatus,
  ConnectionState,
  ServedType,
} from '@kubestellar/plugin-wecs-common';
import { ClusterClient } from '@kubestellar/plugin-wecs-node';
import { ClusterIdentity } from '@kubestellar/plugin-wecs-node';
import { describeError } from '../model/errors';
import {
  DiscoveredType,
  DiscoveryOptions,
  discoverResourceTypes,
  selectWatchTargets,
} from './discovery';
import { ClusterWatchStatus, WatchListener } from './events';
import { MalformedObjectLog } from './MalformedObjectLog';
import {
  backoffDelay,
  ResourceWatcher,
  WatcherOptions,
  WatcherState,
  WatchTarget,
} from '../cluster/ResourceWatcher';

export interface ClusterWatchOptions {
  discovery: DiscoveryOptions;
  watcher: WatcherOptions;
  /** Namespaces whose objects are not kept; a trailing `*` matches any suffix. */
  excludedNamespaces: string[];
  /** How often discovery runs again to find new custom resource types. */
  rediscoverEveryMs: number;
}

const targetKey = (t: Pick<WatchTarget, 'apiVersion' | 'resource'>) =>
  `${t.apiVersion}/${t.resource}`;

/** The API server answered, and said no: RBAC (or authentication) refuses this user the type. */
function isRefusal(state: WatcherState) {
  return state.statusCode === 401 || state.statusCode === 403;
}

/** Failures that mean the API server could not be reached (as opposed to refused a request). */
function isConnectionFailure(state: WatcherState) {
  return (
    state.phase === 'failed' &&
    (state.statusCode === undefined || state.statusCode >= 500)
  );
}

/**
 * Everything the backend watches in one cluster: discovery of its types, one
 * {@link ResourceWatcher} per type, and the cluster's connection state derived from them,
 * all told as watch events (./events) to one listener: the pool's.
 */
export class ClusterWatch {
  private readonly watchers = new Map<string, ResourceWatcher>();
  private readonly refusals = new Map<
    string,
    NonNullable<ClusterStatus['refused']>[number]
  >();
  private discoveryError?: { message: string; at: number };
  private discovered = false;
  /** Every type the API server serves, from the last discovery. */
  private types: DiscoveredType[] = [];
  private stopped = true;
  private timer?: NodeJS.Timeout;
  private discoveryAttempt = 0;
  /** The watchers still use the previous client: each is replaced at the next discovery. */
  private staleWatchers = false;
  private status: ClusterWatchStatus;
  private readonly excluded: (namespace: string | undefined) => boolean;
  /** The refresh under way: a refresh asked for meanwhile joins it. */
  private refreshing?: Promise<ClusterRefreshResult>;
  private readonly malformed: MalformedObjectLog;

  constructor(
    private currentIdentity: ClusterIdentity,
    private currentClient: ClusterClient,
    private readonly options: ClusterWatchOptions,
    private readonly logger: LoggerService,
    private readonly emit: WatchListener,
  ) {
    this.status = {
      name: currentIdentity.name,
      source: currentIdentity.source,
      role: currentIdentity.role ?? 'wec',
      context: currentIdentity.context,
      server: currentClient.server,
      access: currentIdentity.access ?? 'direct',
      state: 'connecting',
      since: new Date().toISOString(),
      ...(currentIdentity.labels ? { labels: currentIdentity.labels } : {}),
    };
    this.excluded = namespaceMatcher(options.excludedNamespaces);
    this.malformed = new MalformedObjectLog(currentIdentity.name, logger);
  }

  /**
   * Says that an object of `resource` from this cluster was left out, because it does not have
   * the shape of an object (model/objectShape) or could not be taken in: logged once per object
   * and problem, however often lists and relists bring it.
   */
  reportMalformed(resource: string, object: unknown, problem: string) {
    this.malformed.report(resource, object, problem);
  }

  get identity(): ClusterIdentity {
    return this.currentIdentity;
  }

  /** The client that reaches the API server; replaced when the source's credentials change. */
  get client(): ClusterClient {
    return this.currentClient;
  }

  /**
   * Takes the source's latest word on who the cluster is (its labels, context, access): what
   * shows and filters by them follows at once, and nothing is watched again.
   */
  updateIdentity(identity: ClusterIdentity) {
    const before = this.status;
    this.currentIdentity = identity;
    this.status = {
      ...this.status,
      source: identity.source,
      role: identity.role ?? 'wec',
      context: identity.context,
      access: identity.access ?? 'direct',
      ...(identity.labels ? { labels: identity.labels } : {}),
    };
    if (JSON.stringify(before) !== JSON.stringify(this.status))
      this.emit({ type: 'clusterStatus', status: this.status });
  }

  /**
   * Switches to a new client (rotated credentials, a moved server): the watchers start again
   * with it and relist, and each relist replaces its type in place, so the objects kept stay
   * and only real differences become changes.
   */
  replaceClient(client: ClusterClient) {
    this.currentClient = client;
    this.status = { ...this.status, server: client.server };
    if (this.stopped) return;
    clearTimeout(this.timer);
    // Kept until the next discovery, so a type the new client no longer sees is dropped then.
    for (const watcher of this.watchers.values()) watcher.stop();
    this.staleWatchers = true;
    this.discoveryAttempt = 0;
    void this.discover();
  }

  /** The cluster's status as of now, without object counts (the store has those). */
  get clusterStatus(): ClusterWatchStatus {
    return this.status;
  }

  /** Requests sent to the API server by this cluster's watchers so far. */
  get requestCount() {
    let total = 0;
    for (const watcher of this.watchers.values()) total += watcher.requests;
    return total;
  }

  /** 410 Gone answers this cluster's watchers got, each followed by a relist. */
  get expirationCount() {
    let total = 0;
    for (const watcher of this.watchers.values()) total += watcher.expirations;
    return total;
  }

  /**
   * The type a kind names (`Deployment`, `deployment` or `deployments`), preferring the core
   * and built-in groups; `apiVersion` picks one group version when a kind is served by several.
   */
  resolveType(kind: string, apiVersion?: string): DiscoveredType | undefined {
    const wanted = kind.toLowerCase();
    const candidates = this.types.filter(
      t =>
        (t.kind.toLowerCase() === wanted || t.resource === wanted) &&
        (!apiVersion || t.apiVersion === apiVersion),
    );
    return candidates.sort(
      (a, b) => groupRank(a.group) - groupRank(b.group),
    )[0];
  }

  get watchedTypes(): WatchTarget[] {
    return [...this.watchers.values()].map(w => w.target);
  }

  /** Every type the cluster lets WECS list, as of the last discovery, and whether it is watched. */
  get servedTypes(): ServedType[] {
    return this.types
      .filter(type => type.verbs.includes('list'))
      .map(({ apiVersion, kind, resource, namespaced }) => ({
        apiVersion,
        kind,
        resource,
        namespaced,
        watched: this.watchers.has(targetKey({ apiVersion, resource })),
      }));
  }

  /** Whether the configuration leaves this namespace's objects out of WECS. */
  excludes(namespace: string | undefined): boolean {
    return this.excluded(namespace);
  }

  start() {
    if (!this.stopped) return;
    this.stopped = false;
    void this.discover();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    for (const watcher of this.watchers.values()) watcher.stop();
    this.watchers.clear();
  }

  /**
   * Retries everything now instead of waiting out back-offs (the user clicked reconnect), on a
   * new connection if the one held no longer answers.
   */
  reconnect() {
    void this.client.checkConnection().then(() => {
      if (this.stopped) return;
      this.discoveryAttempt = 0;
      for (const watcher of this.watchers.values()) watcher.retryNow();
      if (!this.discovered) {
        clearTimeout(this.timer);
        void this.discover();
      }
    });
  }

  /**
   * Lists every watched type again from the API server, each through the pool's list gate, and
   * replaces it in place, so the cluster's rows stay while what the watches missed is put
   * right. One at a time per cluster: a refresh asked for while one runs joins it. A cluster
   * not discovered yet is reconnected instead (its first lists are the refresh). Never
   * rejects: what failed is in the result's `error`.
   */
  refresh(): Promise<ClusterRefreshResult> {
    this.refreshing ??= this.relistAll().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async relistAll(): Promise<ClusterRefreshResult> {
    // A connection the network dropped without a word would hold every list for 30 s.
    await this.client.checkConnection();
    const watchers = [...this.watchers.values()];
    const listsBefore = watchers.reduce((n, w) => n + w.listRequests, 0);
    if (!this.discovered) this.reconnect();
    const outcomes = await Promise.allSettled(watchers.map(w => w.relist()));
    const failures = outcomes.flatMap((outcome, index) =>
      outcome.status === 'rejected'
        ? [
            `${watchers[index].target.resource}: ${describeError(
              outcome.reason,
            )}`,
          ]
        : [],
    );
    const undiscovered =
      !this.discovered &&
      `not discovered yet${
        this.discoveryError ? `: ${this.discoveryError.message}` : ''
      }`;
    const errors = [...(undiscovered ? [undiscovered] : []), ...failures];
    return {
      cluster: this.identity.name,
      types: watchers.length - failures.length,
      lists: watchers.reduce((n, w) => n + w.listRequests, 0) - listsBefore,
      at: new Date().toISOString(),
      ...(errors.length ? { error: errors.join('; ') } : {}),
    };
  }

  private async discover() {
    if (this.stopped) return;
    try {
      const types = await discoverResourceTypes(this.client, this.types);
      if (this.stopped) return;
      this.types = types;
      const targets = selectWatchTargets(types, this.options.discovery);
      this.discovered = true;
      this.discoveryError = undefined;
      this.discoveryAttempt = 0;
      this.reconcileWatchers(targets);
      this.timer = setTimeout(
        () => this.discover(),
        this.options.rediscoverEveryMs,
      );
    } catch (error) {
      if (this.stopped) return;
      this.discoveryError = { message: describeError(error), at: Date.now() };
      const { initialMs, maxMs } = this.options.watcher.backoff;
      this.timer = setTimeout(
        () => this.discover(),
        backoffDelay(this.discoveryAttempt++, initialMs, maxMs),
      );
    }
    this.updateState();
  }

  private reconcileWatchers(targets: WatchTarget[]) {
    const wanted = new Map(targets.map(t => [targetKey(t), t]));
    for (const [key, watcher] of this.watchers) {
      if (!wanted.has(key)) {
        watcher.stop();
        this.watchers.delete(key);
        this.emit({
          type: 'typeDropped',
          cluster: this.identity.name,
          target: watcher.target,
        });
      }
    }
    const stale = this.staleWatchers;
    this.staleWatchers = false;
    for (const [key, target] of wanted) {
      if (this.watchers.has(key) && !stale) continue;
      const watcher = new ResourceWatcher(
        this.client,
        target,
        this.sinkFor(target),
        () => this.updateState(),
        this.options.watcher,
      );
      this.watchers.set(key, watcher);
      watcher.start();
    }
  }

  private sinkFor(target: WatchTarget) {
    const cluster = this.identity.name;
    const keep = (object: any) => !this.excludes(object.metadata?.namespace);
    return {
      replace: (items: any[]) =>
        this.emit({
          type: 'typeReplaced',
          cluster,
          target,
          objects: items.filter(keep),
        }),
      upsert: (object: any) => {
        if (keep(object))
          this.emit({ type: 'objectUpserted', cluster, target, object });
      },
      remove: (object: any) =>
        this.emit({ type: 'objectDeleted', cluster, target, object }),
      reject: (object: unknown, problem: string) =>
        this.reportMalformed(target.resource, object, problem),
    };
  }

  private updateState() {
    const states = [...this.watchers.values()].map(w => w.state);
    const connectionFailure = states
      .filter(isConnectionFailure)
      .sort((a, b) => b.at - a.at)[0];
    let state: ConnectionState;
    let error: { message: string; at: number } | undefined;
    if (this.discoveryError) {
      state = 'disconnected';
      error = this.discoveryError;
    } else if (!this.discovered) {
      state = 'connecting';
    } else if (connectionFailure) {
      state = 'disconnected';
      error = {
        message: connectionFailure.error ?? 'connection failed',
        at: connectionFailure.at,
      };
    } else if (states.some(s => s.phase === 'connecting')) {
      state = 'connecting';
    } else {
      state = 'connected';
    }
    // A refusal holds until the type syncs: retries in between do not make it flap.
    for (const [key, watcher] of this.watchers) {
      const { target, state: watcherState } = watcher;
      if (watcherState.phase === 'failed' && isRefusal(watcherState)) {
        this.refusals.set(key, {
          apiVersion: target.apiVersion,
          kind: target.kind,
          message: watcherState.error ?? 'refused',
        });
      } else if (watcherState.phase === 'synced') {
        this.refusals.delete(key);
      }
    }
    for (const key of this.refusals.keys())
      if (!this.watchers.has(key)) this.refusals.delete(key);
    const refused = [...this.refusals.values()];
    const refusalsChanged =
      JSON.stringify(refused) !== JSON.stringify(this.status.refused ?? []);
    const changed = state !== this.status.state;
    this.status = {
      ...this.status,
      state,
      refused,
      since: changed ? new Date().toISOString() : this.status.since,
      ...(error
        ? {
            lastError: error.message,
            lastErrorAt: new Date(error.at).toISOString(),
          }
        : {}),
    };
    if (changed || refusalsChanged)
      this.emit({ type: 'clusterStatus', status: this.status });
    if (changed) {
      this.logger.info(
        `cluster ${this.identity.name} is ${state}${
          error ? `: ${error.message}` : ''
        }`,
      );
    }
  }
}

/** Core first, then Kubernetes' own groups, then the rest (events.k8s.io after core Events). */
function groupRank(group: string) {
  if (group === '') return 0;
  if (group === 'events.k8s.io') return 2;
  return group.includes('.') && !group.endsWith('.k8s.io') ? 3 : 1;
}

export function namespaceMatcher(patterns: string[]) {
  const exact = new Set(patterns.filter(p => !p.endsWith('*')));
  const prefixes = patterns
    .filter(p => p.endsWith('*'))
    .map(p => p.slice(0, -1));
  return (namespace: string | undefined) =>
    namespace !== undefined &&
    (exact.has(namespace) || prefixes.some(p => namespace.startsWith(p)));
}
