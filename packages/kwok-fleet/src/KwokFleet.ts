import {
  createFleetTls,
  defaultPolicies,
  FleetTls,
  renderKubeconfig,
  wecInfo,
  wecLayout,
} from '@kubestellar/fleet-sim';
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ControlPlaneBinaries, controlPlaneBinaries } from './binaries';
import { ClusterApi } from './ClusterApi';
import { KwokCluster, KwokUser, newToken } from './KwokCluster';
import { PodLogWriter } from './PodLogWriter';
import { claimWorkingDir, reapOrphans, releaseWorkingDir } from './processes';
import { seedWec } from './seedWec';

export interface KwokFleetOptions {
  /** Number of WECs, named cluster1..N (default 2). */
  clusters?: number;
  /** Defaults to the folder in WECS_KUBE_BIN_DIR. */
  binaries?: ControlPlaneBinaries;
  /** Keep the working folder (certificates, etcd data, component logs) after `stop`. */
  keepDir?: boolean;
}

const WORKING_DIR_PREFIX = 'wecs-kwok-';

/** The cluster whose watch cache is off and whose etcd compacts every 10 s. */
export const COMPACTING_CLUSTER = 'cluster1';

/**
 * A fleet of real Kubernetes control planes, seeded with the simulator's default WEC workloads,
 * with the simulator's fault-injection methods so the same tests run against both.
 */
export class KwokFleet {
  readonly users: { admin: KwokUser; restricted: KwokUser };
  private readonly members = new Map<string, KwokCluster>();
  private readonly logWriters: PodLogWriter[] = [];

  private constructor(
    readonly dir: string,
    readonly tls: FleetTls,
    private readonly options: KwokFleetOptions,
  ) {
    this.users = {
      admin: {
        name: 'kubernetes-admin',
        token: newToken(),
        groups: ['system:masters'],
      },
      restricted: { name: 'wecs-restricted', token: newToken(), groups: [] },
    };
  }

  static async start(options: KwokFleetOptions = {}): Promise<KwokFleet> {
    const binaries = options.binaries ?? controlPlaneBinaries();
    reapOrphans(tmpdir(), WORKING_DIR_PREFIX);
    const dir = mkdtempSync(join(tmpdir(), WORKING_DIR_PREFIX));
    claimWorkingDir(dir);
    const fleet = new KwokFleet(dir, await createFleetTls(), options);
    try {
      await fleet.boot(binaries);
    } catch (error) {
      await fleet.stop();
      throw error;
    }
    return fleet;
  }

  get contextNames(): string[] {
    return [...this.members.keys()];
  }

  get wecNames(): string[] {
    return this.contextNames;
  }

  member(name: string): KwokCluster {
    const member = this.members.get(name);
    if (!member) throw new Error(`no cluster named ${name} in the fleet`);
    return member;
  }

  /** client-node clients for one cluster, as the admin. */
  api(name: string): ClusterApi {
    return new ClusterApi(this.kubeconfig(), this.member(name).name);
  }

  private async boot(binaries: ControlPlaneBinaries) {
    const count = this.options.clusters ?? 2;
    const users = [this.users.admin, this.users.restricted];
    for (let index = 1; index <= count; index++) {
      const name = `cluster${index}`;
      this.members.set(
        name,
        await KwokCluster.create({
          name,
          dir: join(this.dir, name),
          binaries,
          tls: this.tls,
          users,
          compacting: name === COMPACTING_CLUSTER,
        }),
      );
    }
    const policies = defaultPolicies();
    const kwokCrds = readdirSync(binaries.kwokCrds)
      .filter(file => file.endsWith('_logs.yaml'))
      .map(file => parse(readFileSync(join(binaries.kwokCrds, file), 'utf8')));
    await Promise.all(
      [...this.members.values()].map(async (cluster, i) => {
        await cluster.startApiServer(this.users.admin);
        const api = this.api(cluster.name);
        await api.createAll(kwokCrds);
        cluster.startComponents();
        await seedWec(
          api,
          wecLayout(wecInfo(i + 1), policies),
          this.users.restricted.name,
        );
        const writer = new PodLogWriter(api, join(cluster.logsDir, 'pods'));
        writer.start();
        this.logWriters.push(writer);
      }),
    );
  }

  /** A kubeconfig with a context per cluster, all for one user. */
  kubeconfig(user: KwokUser = this.users.admin): string {
    return renderKubeconfig(
      this.contextNames.map(name => ({
        context: name,
        server: this.member(name).url,
        token: user.token,
        user: user.name,
      })),
      this.tls.caCert,
      this.contextNames[0],
    );
  }

  writeKubeconfig(path: string, user: KwokUser = this.users.admin) {
    writeFileSync(path, this.kubeconfig(user), { mode: 0o600 });
  }

  // --- faults, named as the simulator's ---------------------------------------------------

  /** Refuses every connection to a cluster's API server, or lets them through again. */
  async setReachable(name: string, reachable: boolean) {
    const { proxy } = this.member(name);
    if (reachable) await proxy.start();
    else await proxy.stop();
  }

  cutWatches(name: string) {
    this.member(name).proxy.cutConnections();
  }

  stallWatches(name: string, stalled: boolean) {
    this.member(name).proxy.setStalled(stalled);
  }

  /** Compacts etcd past every resourceVersion clients hold; only the compacting cluster 410s on that. */
  async expireHistory(name: string) {
    if (name !== COMPACTING_CLUSTER) {
      throw new Error(
        `only ${COMPACTING_CLUSTER} answers old resourceVersions with 410: the others serve watches from their watch cache`,
      );
    }
    await this.member(name).expireHistory();
  }

  /** Kills a cluster's API server (SIGKILL) and starts it again once `downMs` has passed. */
  restartApiServer(name: string, downMs = 0) {
    return this.member(name).restartApiServer(this.users.admin, downMs);
  }

  async stop() {
    this.logWriters.forEach(writer => writer.stop());
    await Promise.all(
      [...this.members.values()].map(cluster => cluster.stop()),
    );
    if (this.options.keepDir) releaseWorkingDir(this.dir);
    else rmSync(this.dir, { recursive: true, force: true });
  }
}
