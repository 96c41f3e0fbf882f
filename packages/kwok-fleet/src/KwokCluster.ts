import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { FleetTls, renderKubeconfig } from '@kubestellar/fleet-sim';
import { PatchStrategy } from '@kubernetes/client-node';
import { ClusterApi } from './ClusterApi';
import { FaultProxy } from './FaultProxy';
import { kwokConfiguration } from './kwokConfig';
import { freePort } from './ports';
import { ManagedProcess } from './processes';
import { ControlPlaneBinaries } from './binaries';

/** A bearer-token identity of the test clusters (in every cluster's --token-auth-file). */
export interface KwokUser {
  name: string;
  token: string;
  groups: string[];
}

export interface KwokClusterOptions {
  name: string;
  /** Where its certificates, etcd data, configuration and logs go. */
  dir: string;
  binaries: ControlPlaneBinaries;
  tls: FleetTls;
  users: KwokUser[];
  /**
   * Watch cache off and etcd compacted every 10 s: watches and paginated lists then go straight
   * to etcd, so a resourceVersion or continue token older than the last compaction gets 410 Gone.
   */
  compacting?: boolean;
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** Calls etcd's JSON gateway (the v3 gRPC API over HTTP). */
function etcdCall(port: number, path: string, body: unknown): Promise<any> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
      },
      res => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', chunk => (text += chunk));
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(JSON.parse(text))
            : reject(new Error(`etcd ${path}: ${res.statusCode} ${text}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/**
 * One real Kubernetes control plane: etcd, kube-apiserver (token authentication, RBAC),
 * kube-controller-manager, kube-scheduler and kwok, which plays the kubelet of its fake nodes.
 * Clients reach the API server through a FaultProxy; the control plane's own components do not.
 */
export class KwokCluster {
  readonly proxy: FaultProxy;
  private readonly processes: ManagedProcess[] = [];
  private readonly etcd: ManagedProcess;
  private readonly apiServer: ManagedProcess;
  private readonly followers: ManagedProcess[];

  private constructor(
    readonly options: KwokClusterOptions,
    private readonly ports: {
      etcd: number;
      etcdPeer: number;
      apiServer: number;
      kubelet: number;
      kcm: number;
      scheduler: number;
      proxy: number;
    },
  ) {
    const { dir, binaries, name, compacting } = options;
    const logs = join(dir, 'logs');
    mkdirSync(logs, { recursive: true });
    mkdirSync(join(dir, 'pki'), { recursive: true });
    this.writeFiles();
    const pki = (file: string) => join(dir, 'pki', file);
    const etcdUrl = `http://127.0.0.1:${ports.etcd}`;
    const peerUrl = `http://127.0.0.1:${ports.etcdPeer}`;
    this.etcd = new ManagedProcess(
      'etcd',
      binaries.etcd,
      [
        `--name=${name}`,
        `--data-dir=${join(dir, 'etcd')}`,
        `--listen-client-urls=${etcdUrl}`,
        `--advertise-client-urls=${etcdUrl}`,
        `--listen-peer-urls=${peerUrl}`,
        `--initial-advertise-peer-urls=${peerUrl}`,
        `--initial-cluster=${name}=${peerUrl}`,
        '--unsafe-no-fsync',
        '--log-level=warn',
      ],
      join(logs, 'etcd.log'),
    );
    this.apiServer = new ManagedProcess(
      'kube-apiserver',
      binaries.kubeApiServer,
      [
        `--etcd-servers=${etcdUrl}`,
        '--bind-address=127.0.0.1',
        `--secure-port=${ports.apiServer}`,
        `--cert-dir=${pki('')}`,
        `--tls-cert-file=${pki('apiserver.crt')}`,
        `--tls-private-key-file=${pki('apiserver.key')}`,
        `--client-ca-file=${pki('ca.crt')}`,
        `--token-auth-file=${join(dir, 'tokens.csv')}`,
        '--authorization-mode=Node,RBAC',
        '--service-cluster-ip-range=10.96.0.0/16',
        '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
        `--service-account-key-file=${pki('sa.pub')}`,
        `--service-account-signing-key-file=${pki('sa.key')}`,
        '--allow-privileged=true',
        // The API server's address is loopback, which it must not publish as the kubernetes Service's endpoint.
        '--endpoint-reconciler-type=none',
        // kwok serves every fake node's kubelet API (logs) on 127.0.0.1.
        '--kubelet-preferred-address-types=InternalIP',
        '--profiling=false',
        ...(compacting
          ? ['--watch-cache=false', '--etcd-compaction-interval=10s']
          : []),
      ],
      join(logs, 'kube-apiserver.log'),
    );
    const componentKubeconfig = this.componentKubeconfigPath;
    this.followers = [
      new ManagedProcess(
        'kube-controller-manager',
        binaries.kubeControllerManager,
        [
          `--kubeconfig=${componentKubeconfig}`,
          '--leader-elect=false',
          '--bind-address=127.0.0.1',
          `--secure-port=${ports.kcm}`,
          `--root-ca-file=${pki('ca.crt')}`,
          `--service-account-private-key-file=${pki('sa.key')}`,
          '--use-service-account-credentials=false',
        ],
        join(logs, 'kube-controller-manager.log'),
      ),
      new ManagedProcess(
        'kube-scheduler',
        binaries.kubeScheduler,
        [
          `--kubeconfig=${componentKubeconfig}`,
          '--leader-elect=false',
          '--bind-address=127.0.0.1',
          `--secure-port=${ports.scheduler}`,
        ],
        join(logs, 'kube-scheduler.log'),
      ),
      new ManagedProcess(
        'kwok',
        binaries.kwok,
        [
          `--kubeconfig=${componentKubeconfig}`,
          '--manage-all-nodes=true',
          '--node-ip=127.0.0.1',
          '--node-name=localhost',
          `--node-port=${ports.kubelet}`,
          `--server-address=127.0.0.1:${ports.kubelet}`,
          '--cidr=10.244.0.0/16',
          // Nodes renew leases as kubelets do, so the node lifecycle controller keeps them Ready.
          '--node-lease-duration-seconds=40',
          `--config=${join(dir, 'kwok.yaml')}`,
          // Pod logs come from Logs objects the fleet creates per pod (see PodLogWriter).
          '--enable-crds=Logs',
        ],
        join(logs, 'kwok.log'),
      ),
    ];
    this.processes.push(this.etcd, this.apiServer, ...this.followers);
    this.proxy = new FaultProxy(ports.apiServer);
  }

  static async create(options: KwokClusterOptions): Promise<KwokCluster> {
    const ports = {
      etcd: await freePort(),
      etcdPeer: await freePort(),
      apiServer: await freePort(),
      kubelet: await freePort(),
      kcm: await freePort(),
      scheduler: await freePort(),
      proxy: await freePort(),
    };
    return new KwokCluster(options, ports);
  }

  get name() {
    return this.options.name;
  }

  /** The URL clients use: the fault proxy in front of the API server. */
  get url() {
    return `https://127.0.0.1:${this.proxy.port}`;
  }

  /** The control plane's own components reach the API server directly, as cluster-admin. */
  private get componentKubeconfigPath() {
    return join(this.options.dir, 'components.kubeconfig');
  }

  get logsDir() {
    return join(this.options.dir, 'logs');
  }

  private writeFiles() {
    const { dir, tls, users, binaries } = this.options;
    const pki = (file: string) => join(dir, 'pki', file);
    writeFileSync(pki('ca.crt'), tls.caCert);
    writeFileSync(pki('apiserver.crt'), tls.cert);
    writeFileSync(pki('apiserver.key'), tls.key, { mode: 0o600 });
    const serviceAccountKeys = generateKeyPairSync('rsa', {
      modulusLength: 2048,
    });
    writeFileSync(
      pki('sa.key'),
      serviceAccountKeys.privateKey.export({ type: 'pkcs1', format: 'pem' }),
      { mode: 0o600 },
    );
    writeFileSync(
      pki('sa.pub'),
      serviceAccountKeys.publicKey.export({ type: 'spki', format: 'pem' }),
    );
    writeFileSync(
      join(dir, 'tokens.csv'),
      users
        .map(
          (u, i) => `${u.token},${u.name},uid-${i},"${u.groups.join(',')}"\n`,
        )
        .join(''),
      { mode: 0o600 },
    );
    writeFileSync(
      join(dir, 'kwok.yaml'),
      kwokConfiguration(binaries.kwokStages),
    );
  }

  /** A kubeconfig for the control plane's own components: straight to the API server, as cluster-admin. */
  private writeComponentKubeconfig(admin: KwokUser) {
    writeFileSync(
      this.componentKubeconfigPath,
      renderKubeconfig(
        [
          {
            context: this.name,
            server: `https://127.0.0.1:${this.ports.apiServer}`,
            token: admin.token,
            user: admin.name,
          },
        ],
        this.options.tls.caCert,
        this.name,
      ),
      { mode: 0o600 },
    );
  }

  /**
   * Clients that reach the API server as the control plane's own components do: as cluster-admin
   * and past the fault proxy (available once `startApiServer` has run).
   */
  directApi(): ClusterApi {
    return new ClusterApi(
      readFileSync(this.componentKubeconfigPath, 'utf8'),
      this.name,
    );
  }

  /** Starts etcd and the API server and waits until it is ready; the rest follows `startComponents`. */
  async startApiServer(admin: KwokUser) {
    this.writeComponentKubeconfig(admin);
    this.etcd.start();
    await this.waitFor(
      'etcd to be healthy',
      () => this.etcdHealthy(),
      30_000,
      this.etcd,
    );
    this.apiServer.start();
    await this.waitFor(
      'kube-apiserver to be ready',
      () => this.apiServerReady(admin),
      90_000,
      this.apiServer,
    );
    await this.proxy.start(this.ports.proxy);
  }

  /** kube-controller-manager, kube-scheduler and kwok (whose Logs CRD must exist first). */
  startComponents() {
    for (const process of this.followers) process.start();
  }

  /** Kills the API server as a crash would, and starts it again on the same port. */
  async restartApiServer(admin: KwokUser, downMs = 0) {
    await this.apiServer.stop('SIGKILL');
    if (downMs) await sleep(downMs);
    this.apiServer.start();
    await this.waitFor(
      'kube-apiserver to be ready again',
      () => this.apiServerReady(admin),
      90_000,
      this.apiServer,
    );
  }

  /**
   * Makes every resourceVersion clients hold too old: while their connections are stalled (so no
   * watch sees it), two writes move etcd on, then etcd compacts everything before them. Stalled
   * connections stay silent until cut, as with the simulator's expireHistory.
   */
  async expireHistory() {
    // The writes go straight to the API server: the stalled proxy would swallow them too.
    const direct = this.directApi();
    this.proxy.setStalled(true);
    try {
      for (let round = 0; round < 2; round++) {
        await direct.objects.patch(
          {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: {
              name: 'wecs-compaction-marker',
              namespace: 'kube-system',
            },
            data: { written: new Date().toISOString(), round: String(round) },
          },
          undefined,
          undefined,
          'wecs-kwok-fleet',
          true,
          PatchStrategy.ServerSideApply,
        );
      }
      const { header } = await etcdCall(this.ports.etcd, '/v3/kv/range', {
        key: Buffer.from('/registry/').toString('base64'),
        limit: 1,
      });
      await etcdCall(this.ports.etcd, '/v3/kv/compaction', {
        revision: header.revision,
        physical: true,
      });
    } finally {
      this.proxy.setStalled(false);
    }
  }

  async stop() {
    await this.proxy.stop();
    for (const process of [...this.processes].reverse()) await process.stop();
  }

  private async etcdHealthy() {
    try {
      const { header } = await etcdCall(this.ports.etcd, '/v3/kv/range', {
        key: 'Lw==',
        limit: 1,
      });
      return Boolean(header);
    } catch {
      return false;
    }
  }

  private async apiServerReady(admin: KwokUser) {
    try {
      const res = await fetchReadyz(
        this.ports.apiServer,
        admin.token,
        this.options.tls.caCert,
      );
      return res === 200;
    } catch {
      return false;
    }
  }

  private async waitFor(
    what: string,
    check: () => Promise<boolean>,
    timeoutMs: number,
    process: ManagedProcess,
  ) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await check()) return;
      if (!process.isRunning) break;
      await sleep(200);
    }
    const tail = readFileSync(process.logFile, 'utf8')
      .split('\n')
      .slice(-15)
      .join('\n');
    throw new Error(
      `${this.name}: timed out waiting for ${what}; the end of ${process.logFile}:\n${tail}`,
    );
  }
}

async function fetchReadyz(
  port: number,
  token: string,
  ca: string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      {
        host: '127.0.0.1',
        port,
        path: '/readyz',
        ca,
        headers: { Authorization: `Bearer ${token}` },
      },
      res => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.setTimeout(5000, () => req.destroy(new Error('timeout')));
    req.end();
  });
}

export const newToken = () => randomBytes(24).toString('hex');
