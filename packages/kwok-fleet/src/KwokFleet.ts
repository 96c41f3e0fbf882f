import {
  createFleetTls,
  defaultPolicies,
  FleetTls,
  KubeObject,
  renderKubeconfig,
  WecInfo,
  wecInfo,
  wecLayout,
  ClusterProxyServer,
  clusterLabels,
  reviewToken,
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
import {
  BOOTSTRAP_USER,
  ITS_NAME,
  managedCluster,
  registrationCsr,
} from './ocm';
import { PodLogWriter } from './PodLogWriter';
import { claimWorkingDir, reapOrphans, releaseWorkingDir } from './processes';
import { Klusterlet, RegistrationAgent } from './RegistrationAgent';
import { seedIts } from './seedIts';
import { seedWec } from './seedWec';

export interface KwokFleetOptions {
  /** Number of WECs, named cluster1..N (default 2). */
  clusters?: number;
  /**
   * Also an ITS, `its1`: etcd and kube-apiserver with OCM's ManagedCluster and ManifestWork CRDs,
   * a ManagedCluster per WEC (accepted, joined, available) and a RegistrationAgent in the fleet
   * playing OCM's hub controller and each WEC's klusterlet.
   */
  its?: boolean;
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
 * with the simulator's fault-injection methods so the same tests run against both. With an ITS,
 * its membership changes as KubeStellar's does: `addCluster` starts one more control plane that
 * joins the ITS, `removeCluster` stops one.
 */
export class KwokFleet {
  readonly users: { admin: KwokUser; restricted: KwokUser };
  /** The identity a joining cluster's registration agent uses on the ITS, as `clusteradm join` sets up. */
  private readonly bootstrap: KwokUser = {
    ...BOOTSTRAP_USER,
    token: newToken(),
  };
  private readonly members = new Map<string, KwokCluster>();
  private readonly logWriters = new Map<string, PodLogWriter>();
  private readonly klusterlets = new Map<string, Klusterlet>();
  private agent?: RegistrationAgent;
  private clusterProxy?: ClusterProxyServer;
  private kwokCrds: KubeObject[] = [];
  /** The last WEC index handed out: a cluster added later is seeded as the next one. */
  private lastIndex = 0;

  private constructor(
    readonly dir: string,
    readonly tls: FleetTls,
    private readonly options: KwokFleetOptions,
    private readonly binaries: ControlPlaneBinaries,
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
    const fleet = new KwokFleet(dir, await createFleetTls(), options, binaries);
    try {
      await fleet.boot();
    } catch (error) {
      await fleet.stop();
      throw error;
    }
    return fleet;
  }

  get contextNames(): string[] {
    return [...this.members.keys()];
  }

  /** The WECs, without the ITS. */
  get wecNames(): string[] {
    return this.contextNames.filter(name => name !== ITS_NAME);
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

  private async boot() {
    const { kwokCrds } = this.binaries;
    this.kwokCrds = readdirSync(kwokCrds)
      .filter(file => file.endsWith('_logs.yaml'))
      .map(file => parse(readFileSync(join(kwokCrds, file), 'utf8')));
    const users = [this.users.admin, this.users.restricted];
    // Created one after another, so each takes ports no other has taken; then started together.
    const its = this.options.its
      ? await this.createMember(ITS_NAME, [...users, this.bootstrap])
      : undefined;
    const wecs: WecInfo[] = [];
    for (let i = 0; i < (this.options.clusters ?? 2); i++) {
      const wec = wecInfo(++this.lastIndex);
      await this.createMember(wec.name, users);
      wecs.push(wec);
    }
    await Promise.all([
      ...(its ? [this.startIts(its)] : []),
      ...wecs.map(wec => this.startWec(wec)),
    ]);
    if (!this.agent) return;
    // These WECs joined long ago: accepted, labelled, their agents holding hub certificates.
    const itsApi = this.member(ITS_NAME).directApi();
    for (const wec of wecs) {
      this.klusterlets.get(wec.name)!.certified = true;
      await itsApi.create(
        managedCluster(
          wec.name,
          clusterLabels(wec),
          this.endpoint(wec.name),
          true,
        ),
      );
    }
    await this.agent.reconcile();
    this.agent.start();
  }

  private async createMember(name: string, users: KwokUser[]) {
    const cluster = await KwokCluster.create({
      name,
      dir: join(this.dir, name),
      binaries: this.binaries,
      tls: this.tls,
      users,
      compacting: name === COMPACTING_CLUSTER,
    });
    this.members.set(name, cluster);
    return cluster;
  }

  /** Starts a WEC's control plane, seeds it as the simulator's WEC `wec`, and has its pods log. */
  private async startWec(wec: WecInfo) {
    const cluster = this.member(wec.name);
    await cluster.startApiServer(this.users.admin);
    const api = this.api(cluster.name);
    await api.createAll(this.kwokCrds);
    cluster.startComponents();
    await seedWec(
      api,
      wecLayout(wec, defaultPolicies()),
      this.users.restricted.name,
    );
    const writer = new PodLogWriter(api, join(cluster.logsDir, 'pods'));
    writer.start();
    this.logWriters.set(wec.name, writer);
    this.klusterlets.set(wec.name, {
      api: cluster.directApi(),
      certified: false,
    });
  }

  /** The ITS runs no controllers of its own: OCM's are played by the RegistrationAgent. */
  private async startIts(its: KwokCluster) {
    await its.startApiServer(this.users.admin);
    await seedIts(its.directApi(), this.users.restricted.name);
    this.agent = new RegistrationAgent(
      its.directApi(),
      name => this.klusterlets.get(name),
      join(its.logsDir, 'registration-agent.log'),
    );
  }

  /** Where a cluster's API server is, as its klusterlet registers it. */
  private endpoint(name: string) {
    return { url: this.member(name).url, caCert: this.tls.caCert };
  }

  /**
   * Starts one more WEC as boot starts each, seeded as the simulator's WEC of the next index, and
   * adds its context to `kubeconfig()`. With an ITS, its registration agent then joins as
   * `clusteradm join` does: a ManagedCluster the hub has not accepted (spec.hubAcceptsClient
   * false, with `labels`) and a pending CSR `<name>-xxxxx`, both filed with the bootstrap
   * identity. Accepting it is the caller's: approve the CSR and set hubAcceptsClient.
   */
  async addCluster(name: string, labels: Record<string, string> = {}) {
    if (this.members.has(name)) {
      throw new Error(`the fleet already has a cluster named ${name}`);
    }
    await this.createMember(name, [this.users.admin, this.users.restricted]);
    try {
      await this.startWec({ ...wecInfo(++this.lastIndex), name });
    } catch (error) {
      await this.removeCluster(name);
      throw error;
    }
    if (!this.agent) return;
    // The agent reaches its hub over the network, through the ITS's fault proxy.
    const hub = new ClusterApi(this.kubeconfig(this.bootstrap), ITS_NAME);
    await hub.create(managedCluster(name, labels, this.endpoint(name), false));
    const csr = await hub.create(registrationCsr(name));
    this.klusterlets.get(name)!.csr = csr.metadata!.name;
  }

  /**
   * Stops a WEC's control plane and drops its context. Its ManagedCluster, if any, stays for the
   * caller to delete; its agent is gone, so the hub reports it unavailable.
   */
  async removeCluster(name: string) {
    if (name === ITS_NAME) throw new Error(`${ITS_NAME} is the ITS, not a WEC`);
    const cluster = this.member(name);
    this.logWriters.get(name)?.stop();
    this.logWriters.delete(name);
    this.klusterlets.delete(name);
    this.members.delete(name);
    await cluster.stop();
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
      this.wecNames[0] ?? this.contextNames[0],
    );
  }

  writeKubeconfig(path: string, user: KwokUser = this.users.admin) {
    writeFileSync(path, this.kubeconfig(user), { mode: 0o600 });
  }

  /**
   * OCM cluster-proxy's service proxy in front of the WECs, as the simulator's fleet has it
   * (`https://URL/<cluster>/<Kubernetes API path>`): it reaches a cluster the ITS has accepted
   * and joined, through its fault proxy (502 while unreachable), authenticating tokens with
   * TokenReviews on the WEC, then on the ITS, whose identities it impersonates on the WEC.
   */
  async startClusterProxy(port?: number): Promise<{ url: string }> {
    if (this.clusterProxy) return { url: this.clusterProxy.url };
    const agent = this.agent;
    if (!agent)
      throw new Error(
        'a cluster-proxy needs the ITS: start the fleet with its: true',
      );
    const admin = this.users.admin.token;
    this.clusterProxy = new ClusterProxyServer({
      tls: { key: this.tls.key, cert: this.tls.cert },
      caCert: this.tls.caCert,
      port,
      resolveCluster: name => {
        const member = this.members.get(name);
        if (!member || name === ITS_NAME) return undefined;
        return {
          url: member.url,
          reachable: member.proxy.reachable,
          joined: agent.isJoined(name),
        };
      },
      reviewHubToken: token =>
        reviewToken(
          {
            url: this.member(ITS_NAME).url,
            caCert: this.tls.caCert,
            token: admin,
          },
          token,
        ),
      // The admin (system:masters) may review tokens and impersonate on every WEC.
      serviceAccountToken: () => admin,
    });
    return { url: await this.clusterProxy.start() };
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
    await this.clusterProxy?.stop();
    this.agent?.stop();
    this.logWriters.forEach(writer => writer.stop());
    await Promise.all(
      [...this.members.values()].map(cluster => cluster.stop()),
    );
    if (this.options.keepDir) releaseWorkingDir(this.dir);
    else rmSync(this.dir, { recursive: true, force: true });
  }
}
