import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { SimUser } from '../api/auth';
import { ClusterServer } from '../api/ClusterServer';
import { LogStore } from '../api/logs';
import { SimulatedCluster } from '../api/SimulatedCluster';
import { KubeObject } from '../api/types';
import { renderKubeconfig } from '../kubeconfig';
import { createFleetTls, FleetTls } from '../tls';
import { installAdmission } from './admission';
import { ClusterRuntime } from './ClusterRuntime';
import { KubeletSimulator } from './controllers/kubelet';
import { KubeStellarController } from './controllers/kubestellar';
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
import { flipAvailability } from './kubestellar';
import { logLineFor } from './logLines';
import { seedFleet, FleetLayout } from './seed';
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
  readonly users: { admin: SimUser; restricted: SimUser };
  private layout?: FleetLayout;
  private kubestellar?: KubeStellarController;

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

  get wecNames(): string[] {
    return this.contextNames.filter(n => n.startsWith('cluster'));
  }

  member(name: string): SimCluster {
    const member = this.members.get(name);
    if (!member) throw new Error(`no cluster named ${name} in the fleet`);
    return member;
  }

  private async boot() {
    const names = [
      HOST_CONTEXT,
      'its1',
      'wds1',
      ...Array.from({ length: this.wecCount }, (_, i) => `cluster${i + 1}`),
    ];
    for (const name of names) {
      const cluster = new SimulatedCluster(name, {
        historyLimit: this.options.historyLimit,
      });
      installAdmission(cluster);
      const logs = new LogStore();
      const runtime = new ClusterRuntime(cluster, logs);
      const server = new ClusterServer({
        cluster,
        logs,
        users: [this.users.admin, this.users.restricted],
        tls: { key: this.tls.key, cert: this.tls.cert },
        host: this.options.host,
        bookmarkIntervalMs: this.options.bookmarkIntervalMs,
      });
      // The WDS only stages workloads; the ITS is a KubeFlex vcluster whose pods (OCM's hub
      // controllers) run on the hosting cluster's node and show in the ITS.
      const controllers = name !== 'wds1';
      this.members.set(name, {
        name,
        cluster,
        server,
        runtime,
        controllers,
        kubelet: controllers ? new KubeletSimulator(runtime) : undefined,
      });
    }
    const runtimes = Object.fromEntries(
      [...this.members].map(([n, m]) => [n, m.runtime]),
    );
    if (this.options.scale) {
      seedScale(runtimes, this.wecNames, this.options.scale);
    } else {
      this.layout = seedFleet(runtimes, this.wecCount);
      this.kubestellar = new KubeStellarController(
        runtimes.wds1,
        runtimes.its1,
        name => (this.wecNames.includes(name) ? runtimes[name] : undefined),
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

  /** A kubeconfig with a context per cluster, all with the admin token. */
  kubeconfig(user: SimUser = this.users.admin): string {
    return renderKubeconfig(
      this.contextNames.map(name => ({
        context: name,
        server: this.member(name).server.url,
        token: user.token,
        user: user.name,
      })),
      this.tls.caCert,
      'wds1',
    );
  }

  writeKubeconfig(path: string, user: SimUser = this.users.admin) {
    writeFileSync(path, this.kubeconfig(user), { mode: 0o600 });
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
    for (const member of this.members.values()) {
      member.cluster.stop();
      await member.server.stop();
    }
  }
}
