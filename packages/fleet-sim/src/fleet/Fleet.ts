import { randomBytes } from 'node:crypto';
import { SimUser } from '../api/auth';
import { ClusterServer } from '../api/ClusterServer';
import { LogStore } from '../api/logs';
import { SimulatedCluster } from '../api/SimulatedCluster';
import { dnsLabelError, labelMapErrors } from '../api/names';
import { KubeObject } from '../api/types';
import { renderKubeconfig, writeFileAtomically } from '../kubeconfig';
import { ClusterProxyServer } from '../proxy/ClusterProxyServer';
import { reviewToken } from '../proxy/tokenReview';
import { createFleetTls, FleetTls } from '../tls';
import { installAdmission } from './admission';
import { ClusterRuntime } from './ClusterRuntime';
import { KubeletSimulator } from './controllers/kubelet';
import { KubeStellarController } from './controllers/kubestellar';
import { RegistrationController } from './controllers/registration';
import {
  reconcileCronJobs,
  reconcileDaemonSets,
  reconcileDeployments,
  reconcileEndpoints,
  reconcileJobs,
  reconcileReplicaSets,
  reconcileStatefulSets,
  reconcileVolumeClaims,
} from './controllers/workloads';
import { flipAvailability, isFleetMember } from './kubestellar';
import { logLineFor } from './logLines';
import {
  registerPendingCluster,
  seedFleet,
  seedJoiningCluster,
  FleetLayout,
} from './seed';
import { ScaleOptions, seedScale, startChurn } from './scale';
import { RESTRICTED_NAMESPACE } from './workloads';

export interface FleetOptions {
  /** Number of WECs, cluster1..clusterN. */
  clusters?: number;
  /** Address the API servers listen on. */
  host?: string;
  /** Controllers, pod lifecycles, logs, rollouts and availability flips. Default on. */
  dynamics?: boolean;
  /** How often the simulated controllers run. */
  tickMs?: number;
  /** Watch bookmark period of the API servers. */
  bookmarkIntervalMs?: number;
  /** Writes each cluster keeps for resumable watches before answering 410 Gone. */
  historyLimit?: number;
  /** Period of the availability flip of the last WEC; 0 turns it off. */
  availabilityFlipMs?: number;
  /** Period of the storefront rollout on cluster1; 0 turns it off. */
  rolloutEveryMs?: number;
  /**
   * How long a delivered copy may stay changed on its WEC before the work agent puts back what
   * its work holds (the real agent does so at its next resync, every few minutes).
   */
  driftRevertMs?: number;
  /** Benchmark mode: many objects per WEC and a steady rate of changes, no controllers. */
  scale?: ScaleOptions;
  /**
   * Kubeconfigs hold only the KubeFlex host, the ITS and the WDS: WECs are then reached only
   * through the cluster-proxy, as a hub-side client reaches them.
   */
  hubOnly?: boolean;
}

/** What {@link Fleet.addCluster} refuses: 400 for a bad request, 409 for a name in use. */
export class ClusterRequestError extends Error {
  constructor(readonly code: 400 | 409, message: string) {
    super(message);
  }
}

/** A WEC started by {@link Fleet.addCluster}: its API server and its kubeconfig context. */
export interface AddedCluster {
  name: string;
  server: string;
  /** The context added to the kubeconfig files; null in hub-only mode, which adds none. */
  context: string | null;
}

export interface SimCluster {
  name: string;
  cluster: SimulatedCluster;
  server: ClusterServer;
  runtime: ClusterRuntime;
  kubelet?: KubeletSimulator;
  /** Whether the workload controllers run here (not in the WDS, whose objects are staged). */
  controllers: boolean;
}

/** The contexts of the fleet besides the WECs. */
export const HOST_CONTEXT = 'kind-kubeflex';
const HUB_CONTEXTS = [HOST_CONTEXT, 'its1', 'wds1'];
/** cluster-proxy's service-proxy account on each WEC, as its addon agent installs it. */
const CLUSTER_PROXY_ACCOUNT =
  'system:serviceaccount:open-cluster-management-cluster-proxy:cluster-proxy';
/** The ConfigMap expireHistory writes to move a cluster past what its clients saw. */
const COMPACTION_MARKER = 'wecs-compaction-marker';

/**
 * A whole KubeStellar fleet of simulated Kubernetes API servers: the KubeFlex hosting cluster,
 * the ITS, the WDS and N WECs, each on its own HTTPS port with the fleet's CA, seeded with
 * KubeStellar's objects and kept alive by simulated controllers.
 */
export class Fleet {
  private readonly members = new Map<string, SimCluster>();
  private timers: NodeJS.Timeout[] = [];
  private stopChurn?: () => void;
  readonly users: {
    admin: SimUser;
    restricted: SimUser;
    /**
     * The restricted user with a token only the ITS knows: through the cluster-proxy it reaches
     * the WECs as the proxy impersonating it, keeping its restrictions there.
     */
    hubRestricted: SimUser;
  };
  /** cluster-proxy's service-proxy account on each WEC, by cluster name. */
  private readonly proxyAccounts = new Map<string, SimUser>();
  private layout?: FleetLayout;
  private kubestellar?: KubeStellarController;
  private registration?: RegistrationController;
  /** The kubeconfig files written, rewritten as clusters are added. */
  private readonly kubeconfigFiles = new Map<string, SimUser>();
  /**
   * WECs whose context the kubeconfig leaves out until they join: the seeded pending cluster,
   * so that a fleet of N clusters starts with contexts cluster1..N as `./wecs sim` promises.
   */
  private readonly contextsUntilJoined = new Set<string>();
  private proxy?: ClusterProxyServer;

  private constructor(readonly options: FleetOptions, readonly tls: FleetTls) {
    this.users = {
      admin: {
        name: 'kubernetes-admin',
        token: randomBytes(24).toString('hex'),
        groups: ['system:masters', 'system:authenticated'],
      },
      restricted: {
        name: 'wecs-restricted',
        token: randomBytes(24).toString('hex'),
        groups: ['system:authenticated'],
        readOnly: true,
        deniedNamespaces: [RESTRICTED_NAMESPACE],
      },
      hubRestricted: {
        name: 'wecs-restricted',
        token: randomBytes(24).toString('hex'),
        groups: ['system:authenticated'],
        readOnly: true,
        deniedNamespaces: [RESTRICTED_NAMESPACE],
      },
    };
  }

  static async start(options: FleetOptions = {}): Promise<Fleet> {
    const fleet = new Fleet(options, await createFleetTls());
    await fleet.boot();
    return fleet;
  }

  get wecCount() {
    return this.options.clusters ?? 3;
  }

  /** Context names in kubeconfig order. */
  get contextNames(): string[] {
    return [...this.members.keys()];
  }

  /** Every WEC the fleet runs an API server for, joined to the hub or not. */
  get wecNames(): string[] {
    return this.contextNames.filter(n => !HUB_CONTEXTS.includes(n));
  }

  /** The WECs in the fleet: accepted by the hub and joined, so KubeStellar delivers to them. */
  get memberWecNames(): string[] {
    return this.wecNames.filter(n => this.isMember(n));
  }

  /** The ManagedClusters of the ITS that are not fleet members: pending, or denied. */
  get pendingClusters(): string[] {
    return this.managedClusters()
      .filter(mc => !isFleetMember(mc))
      .map(mc => mc.metadata.name!);
  }

  /** Whether a WEC is accepted by the hub and joined. */
  isMember(name: string): boolean {
    return isFleetMember(
      this.managedClusters().find(mc => mc.metadata.name === name),
    );
  }

  private managedClusters(): KubeObject[] {
    const its = this.members.get('its1')?.runtime;
    if (!its) return [];
    try {
      return its.list(
        'cluster.open-cluster-management.io/v1',
        'ManagedCluster',
      );
    } catch {
      // Scale mode serves no ManagedCluster type.
      return [];
    }
  }

  member(name: string): SimCluster {
    const member = this.members.get(name);
    if (!member) throw new Error(`no cluster named ${name} in the fleet`);
    return member;
  }

  private async boot() {
    const wecs = Array.from(
      { length: this.wecCount },
      (_, i) => `cluster${i + 1}`,
    );
    // Beside the joined WECs, one more has run `clusteradm join` and waits for the hub.
    const pending = this.options.scale ? [] : [`cluster${this.wecCount + 1}`];
    for (const name of [...HUB_CONTEXTS, ...wecs, ...pending])
      this.createMember(name);
    pending.forEach(name => this.contextsUntilJoined.add(name));
    const runtimes = Object.fromEntries(
      [...this.members].map(([n, m]) => [n, m.runtime]),
    );
    if (this.options.scale) {
      seedScale(runtimes, this.wecNames, this.options.scale);
    } else {
      this.layout = seedFleet(runtimes, this.wecCount);
      const wec = (name: string) =>
        HUB_CONTEXTS.includes(name)
          ? undefined
          : this.members.get(name)?.runtime;
      this.registration = new RegistrationController(
        runtimes.its1,
        wec,
        this.tls,
      );
      this.kubestellar = new KubeStellarController(
        runtimes.wds1,
        runtimes.its1,
        wec,
        this.options.driftRevertMs,
      );
    }
    // Let the CRDs become Established before anyone looks.
    await new Promise(resolve => setTimeout(resolve, 20));
    for (const member of this.members.values()) await member.server.start();

    if (this.options.scale) {
      this.stopChurn = startChurn(
        this.wecNames.map(n => this.member(n).runtime),
        this.options.scale,
      );
    } else if (this.options.dynamics !== false) {
      this.startDynamics();
    }
  }

  /** A cluster with its API server (not started yet), users and simulated kubelet. */
  private createMember(name: string): SimCluster {
    const cluster = new SimulatedCluster(name, {
      historyLimit: this.options.historyLimit,
    });
    installAdmission(cluster);
    const logs = new LogStore();
    const runtime = new ClusterRuntime(cluster, logs);
    const users = [this.users.admin, this.users.restricted];
    if (name === 'its1') users.push(this.users.hubRestricted);
    if (!HUB_CONTEXTS.includes(name)) {
      const account: SimUser = {
        name: CLUSTER_PROXY_ACCOUNT,
        token: randomBytes(24).toString('hex'),
        groups: [
          'system:serviceaccounts',
          'system:serviceaccounts:open-cluster-management-cluster-proxy',
          'system:authenticated',
        ],
        impersonator: true,
        unbound: true,
      };
      this.proxyAccounts.set(name, account);
      users.push(account);
    }
    const server = new ClusterServer({
      cluster,
      logs,
      users,
      tls: { key: this.tls.key, cert: this.tls.cert },
      host: this.options.host,
      bookmarkIntervalMs: this.options.bookmarkIntervalMs,
    });
    // The WDS only stages workloads; the ITS is a KubeFlex vcluster whose pods (OCM's hub
    // controllers) run on the hosting cluster's node and show in the ITS.
    const controllers = name !== 'wds1';
    const member: SimCluster = {
      name,
      cluster,
      server,
      runtime,
      controllers,
      kubelet: controllers ? new KubeletSimulator(runtime) : undefined,
    };
    this.members.set(name, member);
    return member;
  }

  /**
   * Runs `clusteradm join` for a new WEC: starts its API server (the fleet's CA and users),
   * seeded as a fresh kind cluster with the klusterlet, files its pending ManagedCluster (with
   * `labels`) and CSR on the ITS, and adds its context to the kubeconfig files written (none in
   * hub-only mode). It joins once the hub accepts it and its CSR is approved.
   */
  async addCluster(
    name: string,
    labels: Record<string, string> = {},
  ): Promise<AddedCluster> {
    const nameError = dnsLabelError(name);
    if (nameError) throw new ClusterRequestError(400, nameError);
    const labelErrors = labelMapErrors(labels);
    if (labelErrors.length)
      throw new ClusterRequestError(400, labelErrors.join('; '));
    if (this.options.scale)
      throw new ClusterRequestError(400, 'clusters cannot join in scale mode');
    if (this.members.has(name))
      throw new ClusterRequestError(
        409,
        `a cluster named ${name} already exists`,
      );
    if (this.managedClusters().some(mc => mc.metadata.name === name))
      throw new ClusterRequestError(
        409,
        `the ITS already has a ManagedCluster named ${name}`,
      );
    const member = this.createMember(name);
    seedJoiningCluster(member.runtime, name, labels);
    // Let the CRDs become Established before anyone looks.
    await new Promise(resolve => setTimeout(resolve, 20));
    await member.server.start();
    registerPendingCluster(this.member('its1').runtime, name, labels);
    this.rewriteKubeconfigs();
    return {
      name,
      server: member.server.url,
      context: this.options.hubOnly ? null : name,
    };
  }

  private startDynamics() {
    const tickMs = this.options.tickMs ?? 500;
    this.tick();
    this.timers.push(setInterval(() => this.tick(), tickMs));
    const flip = this.options.availabilityFlipMs ?? 180_000;
    const rollout = this.options.rolloutEveryMs ?? 150_000;
    if (rollout > 0) {
      this.timers.push(setInterval(() => this.rolloutStorefront(), rollout));
    }
    if (flip > 0 && this.layout) {
      const its = this.member('its1').runtime;
      const last = this.layout.wecs[this.layout.wecs.length - 1];
      this.timers.push(
        setInterval(
          () => this.layout && flipAvailability(its, last, flip),
          Math.min(1000, flip / 10),
        ),
      );
    }
  }

  /** One pass of every simulated controller over its cluster, then KubeStellar's. */
  tick(now = Date.now()) {
    try {
      this.registration?.tick(now);
    } catch (error) {
      process.stderr.write(
        `fleet-sim: registration controller error: ${(error as Error).stack}\n`,
      );
    }
    const joined = [...this.contextsUntilJoined].filter(n => this.isMember(n));
    if (joined.length) {
      joined.forEach(name => this.contextsUntilJoined.delete(name));
      this.rewriteKubeconfigs();
    }
    try {
      this.kubestellar?.tick();
    } catch (error) {
      process.stderr.write(
        `fleet-sim: KubeStellar controller error: ${(error as Error).stack}\n`,
      );
    }
    for (const member of this.members.values()) {
      if (!member.controllers) continue;
      const rt = member.runtime;
      try {
        reconcileDeployments(rt);
        reconcileReplicaSets(rt);
        reconcileStatefulSets(rt);
        reconcileDaemonSets(rt);
        reconcileJobs(rt);
        reconcileCronJobs(rt, now);
        reconcileVolumeClaims(rt);
        member.kubelet?.tick(now);
        reconcileEndpoints(rt);
      } catch (error) {
        process.stderr.write(
          `fleet-sim: controller error in ${member.name}: ${
            (error as Error).stack
          }\n`,
        );
      }
    }
  }

  /**
   * Writes `lines` log lines to a pod's container at once, as a chatty or failing app does:
   * followers get them all, for load tests of log viewers.
   */
  logBurst(
    name: string,
    namespace: string,
    podName: string,
    container: string,
    lines: number,
  ) {
    const { runtime } = this.member(name);
    const pod = runtime.find('v1', 'Pod', namespace, podName);
    if (!pod) throw new Error(`${name} has no pod ${namespace}/${podName}`);
    for (let i = 0; i < lines; i++) {
      runtime.logs.append(
        pod.metadata.uid!,
        container,
        logLineFor(pod, container, 'run'),
      );
    }
  }

  /** Restarts the storefront pods on cluster1, as `kubectl rollout restart` does. */
  rolloutStorefront() {
    const rt = this.member('cluster1').runtime;
    const deployment = rt.find('apps/v1', 'Deployment', 'shop', 'storefront');
    if (!deployment) return;
    const spec = deployment.spec as any;
    rt.replace({
      ...deployment,
      spec: {
        ...spec,
        template: {
          ...spec.template,
          metadata: {
            ...spec.template.metadata,
            annotations: {
              ...(spec.template.metadata?.annotations ?? {}),
              'kubectl.kubernetes.io/restartedAt': new Date().toISOString(),
            },
          },
        },
      },
    } as KubeObject);
  }

  // --- clients ---------------------------------------------------------------------------

  /**
   * A kubeconfig with a context per cluster (in hub-only mode the KubeFlex host, the ITS and
   * the WDS only), all with the admin token.
   */
  kubeconfig(user: SimUser = this.users.admin): string {
    return renderKubeconfig(
      this.contextNames
        .filter(name => !this.options.hubOnly || HUB_CONTEXTS.includes(name))
        .filter(name => !this.contextsUntilJoined.has(name))
        .map(name => ({
          context: name,
          server: this.member(name).server.url,
          token: user.token,
          user: user.name,
        })),
      this.tls.caCert,
      'wds1',
    );
  }

  /** Writes the kubeconfig to `path`, and again there whenever a cluster is added. */
  writeKubeconfig(path: string, user: SimUser = this.users.admin) {
    writeFileAtomically(path, this.kubeconfig(user));
    this.kubeconfigFiles.set(path, user);
  }

  private rewriteKubeconfigs() {
    for (const [path, user] of this.kubeconfigFiles) {
      writeFileAtomically(path, this.kubeconfig(user));
    }
  }

  /**
   * Starts OCM cluster-proxy's service proxy for the fleet on 127.0.0.1 (`port`, or any free
   * one): `<url>/<cluster>/<API path>` reaches a joined WEC's API server. Tokens the ITS
   * knows but the WEC does not are impersonated with the proxy's account there.
   */
  async startClusterProxy(port?: number): Promise<{ url: string }> {
    if (this.proxy) return { url: this.proxy.url };
    const its = this.member('its1');
    this.proxy = new ClusterProxyServer({
      tls: { key: this.tls.key, cert: this.tls.cert },
      caCert: this.tls.caCert,
      host: this.options.host,
      port,
      resolveCluster: name => {
        const member = this.members.get(name);
        const known = this.managedClusters().some(
          mc => mc.metadata.name === name,
        );
        if (!member || HUB_CONTEXTS.includes(name) || !known) return undefined;
        return {
          url: member.server.url,
          reachable: member.server.reachable,
          joined: this.isMember(name),
        };
      },
      reviewHubToken: token =>
        reviewToken(
          {
            url: its.server.url,
            caCert: this.tls.caCert,
            token: this.users.admin.token,
          },
          token,
        ),
      serviceAccountToken: name => this.proxyAccounts.get(name)?.token ?? '',
    });
    return { url: await this.proxy.start() };
  }

  // --- faults ----------------------------------------------------------------------------

  /** Stops a cluster's API server (connections refused) or brings it back on the same port. */
  async setReachable(name: string, reachable: boolean) {
    const { server } = this.member(name);
    if (reachable && !server.reachable) await server.start();
    if (!reachable && server.reachable) await server.stop();
  }

  /** The API server goes down and comes back on the same port, its data kept (as in etcd). */
  async restartApiServer(name: string) {
    await this.setReachable(name, false);
    await this.setReachable(name, true);
  }

  cutWatches(name: string) {
    return this.member(name).server.cutWatches();
  }

  /**
   * Makes every resourceVersion clients hold too old, as an etcd compaction they missed would:
   * open watches go silent, two writes move the cluster on, and its history is compacted.
   * Watches resuming from what they last saw get 410 Gone.
   */
  expireHistory(name: string) {
    const { server, runtime, cluster } = this.member(name);
    server.setWatchesStalled(true);
    for (let i = 0; i < 2; i++) {
      const marker = runtime.find(
        'v1',
        'ConfigMap',
        'kube-system',
        COMPACTION_MARKER,
      );
      const data = { written: new Date().toISOString(), round: String(i) };
      if (marker) runtime.replace({ ...marker, data });
      else
        runtime.create({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: COMPACTION_MARKER, namespace: 'kube-system' },
          data,
        });
    }
    cluster.store.compact();
    server.setWatchesStalled(false);
  }

  failRequests(
    name: string,
    code: 429 | 500 | 503,
    count: number,
    retryAfterSeconds = 1,
  ) {
    this.member(name).server.faults.failures = {
      code,
      remaining: count,
      retryAfterSeconds,
    };
  }

  /**
   * Puts an object no real API server would accept (see SimulatedCluster.injectUnchecked) into
   * a cluster's lists and watches, for tests of what clients do with malformed input.
   */
  injectMalformed(name: string, object: KubeObject): KubeObject {
    return this.member(name).cluster.injectUnchecked(object);
  }

  stallWatches(name: string, stalled: boolean) {
    this.member(name).server.setWatchesStalled(stalled);
  }

  /** Benchmark mode: changes the churn to `changesPerSecond` (0 stops it). */
  setChurnRate(changesPerSecond: number) {
    if (!this.options.scale)
      throw new Error('the churn rate exists only in scale mode');
    this.stopChurn?.();
    this.options.scale.changesPerSecond = changesPerSecond;
    this.stopChurn = startChurn(
      this.wecNames.map(n => this.member(n).runtime),
      this.options.scale,
    );
  }

  async stop() {
    this.timers.forEach(t => clearInterval(t));
    this.timers = [];
    this.stopChurn?.();
    await this.proxy?.stop();
    this.proxy = undefined;
    for (const member of this.members.values()) {
      member.cluster.stop();
      await member.server.stop();
    }
  }
}
