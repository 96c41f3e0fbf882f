/* eslint-disable no-console -- a benchmark prints its figures */
// `./wecs bench soak`: the demo's backend (`./wecs start --kubeconfig`) on a scale-mode simulator
// with live changes, on free ports (it runs beside a demo), held open by many fleet sockets
// for minutes while faults are injected on a beat: watches cut, history expired (410), 429s
// and 500s, stalled watches, clusters unreachable, clusters leaving the kubeconfig and coming
// back. It prints the backend's RSS growth from the end of the warm-up to the end, then stops
// the faults and the changes and checks every socket against what the clusters hold.
//
//   ./wecs bench soak [--minutes 10] [--sockets 50] [--clusters 10] [--objects 2000]
//                     [--rate 1000] [--fault-every 30]
//
// Half the sockets subscribe to one cluster's objects (snapshot and deltas, resumed after a
// reconnect as the browser does); the other half show views (cluster rows, a cluster's
// namespaces, a window of a kind's instances). Ends with one summary line:
//   soak: N minutes, N sockets, N faults, rss growth X%, divergent sockets N of N
import { CoreV1Api, AppsV1Api, KubeConfig } from '@kubernetes/client-node';
import { type ChildProcess } from 'node:child_process';
import {
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { WebSocket } from 'ws';
import { parse, stringify } from 'yaml';
import { guestToken, startDemo, type RunningDemo } from '../e2e/demo.mts';
import {
  backendLoaded,
  freePorts,
  killGroup,
  startSimulator,
} from './benchProcesses.mts';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    sockets: { type: 'string', default: '50' },
    clusters: { type: 'string', default: '10' },
    objects: { type: 'string', default: '2000' },
    rate: { type: 'string', default: '1000' },
    'fault-every': { type: 'string', default: '30' },
  },
});
const numberOption = (name: keyof typeof values, min: number) => {
  const value = Number(values[name]);
  if (!Number.isFinite(value) || value < min) {
    console.error(`bench soak: --${name} must be a number from ${min}`);
    process.exit(2);
  }
  return value;
};
const minutes = numberOption('minutes', 0.5);
const socketCount = Math.round(numberOption('sockets', 2));
const clusters = Math.round(numberOption('clusters', 2));
const objects = Math.round(numberOption('objects', 4));
const rate = numberOption('rate', 0);
const faultEverySeconds = numberOption('fault-every', 5);

/** The kinds of the simulator's scale mode: object i is KINDS[i % 4], in namespace ns-(i % 20). */
const KINDS = ['ConfigMap', 'Pod', 'Deployment', 'Service'];
/**
 * Namespaces the backend leaves out unless told otherwise (DEFAULT_EXCLUDED_NAMESPACES in
 * plugins/wecs-backend/src/watch/options.ts): not part of the truth a socket is held to.
 */
const UNWATCHED_NAMESPACES = [
  /^kube-system$/,
  /^kube-public$/,
  /^kube-node-lease$/,
  /^open-cluster-management-agent/,
];
/** How long the RSS is left to settle before its baseline is taken. */
const WARM_UP_MS = 60_000;
/** How long a fault that has an end (a stall, an unreachable cluster, a leave) lasts. */
const FAULT_MS = 20_000;
/** How long the sockets may take to match the clusters once the faults and changes stop. */
const SETTLE_MS = 180_000;
const MB = 1024 * 1024;

const sleep = (millis: number) =>
  new Promise(resolve => setTimeout(resolve, millis));
const names = Array.from({ length: clusters }, (_, i) => `cluster${i + 1}`);
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** The process that listens on `port` on this machine, from /proc (no tool needed). */
function pidListeningOn(port: number): number | undefined {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // local address HEXIP:PORT, state 0A (listening), inode in field 9.
      if (fields[1]?.endsWith(`:${hex}`) && fields[3] === '0A')
        inodes.add(fields[9]);
    }
  }
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const link = readlinkSync(`/proc/${entry}/fd/${fd}`);
        const inode = link.match(/^socket:\[(\d+)\]$/)?.[1];
        if (inode && inodes.has(inode)) return Number(entry);
      } catch {
        // closed meanwhile
      }
    }
  }
  return undefined;
}

const rssOf = (pid: number) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(status.match(/VmRSS:\s+(\d+) kB/)![1]) * 1024;
};

/** One object as a socket or a cluster holds it. */
type Held = Map<string, string>;

/**
 * A fleet socket held open as a page holds it: it reconnects after a drop, resuming a
 * subscription from its last position or sending its views again, and keeps what it was sent.
 */
class SoakSocket {
  /** Subscriptions: every object by uid, its resourceVersion. */
  readonly objects: Held = new Map();
  /** Views: each view's rows by key, and its total. */
  readonly windows = new Map<string, { total: number; rows: any[] }>();
  reconnects = 0;
  errors: string[] = [];
  private ws?: WebSocket;
  private position?: { epoch: string; seq: number };
  private closed = false;

  private readonly url: string;
  private readonly token: () => Promise<string>;
  readonly cluster: string;
  readonly mode: 'subscribe' | 'views';
  readonly namespace: string;
  readonly kind: string;

  constructor(options: {
    url: string;
    token: () => Promise<string>;
    cluster: string;
    mode: 'subscribe' | 'views';
    namespace: string;
    kind: string;
  }) {
    this.url = options.url;
    this.token = options.token;
    this.cluster = options.cluster;
    this.mode = options.mode;
    this.namespace = options.namespace;
    this.kind = options.kind;
  }

  get views() {
    const { cluster, namespace, kind } = this;
    return [
      { id: 'clusters', query: { level: 'clusters' } },
      { id: 'namespaces', query: { level: 'namespaces', cluster } },
      {
        id: 'instances',
        query: { level: 'instances', cluster, namespace, kind },
        limit: 100,
      },
    ];
  }

  async open(): Promise<void> {
    const ws = new WebSocket(this.url, ['wecs.v1', await this.token()], {
      maxPayload: 64 * MB,
    });
    this.ws = ws;
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    ws.on('message', data => this.apply(JSON.parse(data.toString())));
    ws.on('close', (code, reason) => {
      if (this.closed) return;
      if (code !== 1000 && code !== 1001)
        this.errors.push(`closed ${code} ${reason}`.trim());
      this.reconnects++;
      setTimeout(() => this.reopen(), 1000);
    });
    ws.on('error', () => undefined);
    ws.send(
      JSON.stringify(
        this.mode === 'subscribe'
          ? {
              type: 'subscribe',
              filters: { clusters: [this.cluster], kinds: KINDS },
              ...(this.position ? { resume: this.position } : {}),
            }
          : { type: 'views', views: this.views },
      ),
    );
  }

  private reopen() {
    if (this.closed) return;
    this.open().catch(error => {
      this.errors.push(`reconnect failed: ${error.message}`);
      this.reconnects++;
      setTimeout(() => this.reopen(), 2000);
    });
  }

  close() {
    this.closed = true;
    this.ws?.close(1000);
  }

  private apply(message: any) {
    switch (message.type) {
      case 'snapshot':
        this.objects.clear();
        for (const r of message.resources)
          this.objects.set(r.uid, r.resourceVersion);
        this.position = { epoch: message.epoch, seq: message.seq };
        return;
      case 'deltas':
        for (const change of message.changes) {
          if (change.op === 'upsert')
            this.objects.set(
              change.resource.uid,
              change.resource.resourceVersion,
            );
          else this.objects.delete(change.uid);
        }
        this.position = { epoch: message.epoch, seq: message.seq };
        return;
      case 'heartbeat':
        if (this.mode === 'subscribe')
          this.position = { epoch: message.epoch, seq: message.seq };
        return;
      case 'window': {
        const held = new Map(
          (this.windows.get(message.view)?.rows ?? []).map(r => [r.key, r]),
        );
        for (const row of message.rows) held.set(row.key, row);
        const rows = message.keys
          ? message.keys.map((key: string) => held.get(key))
          : message.rows;
        this.windows.set(message.view, { total: message.total, rows });
        return;
      }
      case 'rows': {
        const window = this.windows.get(message.view);
        if (!window) return;
        const changed = new Map(message.rows.map((r: any) => [r.key, r]));
        window.rows = window.rows.map(r => changed.get(r?.key) ?? r);
        return;
      }
      case 'error':
        this.errors.push(message.message);
        return;
      default:
        return;
    }
  }
}

/** What a cluster holds of the scale-mode kinds: uid to resourceVersion, and where each is. */
async function truthOf(kubeconfig: string, cluster: string) {
  const config = new KubeConfig();
  config.loadFromFile(kubeconfig);
  config.setCurrentContext(cluster);
  const core = config.makeApiClient(CoreV1Api);
  const apps = config.makeApiClient(AppsV1Api);
  // The last 429s and 500s injected may still be waiting for requests: tried again.
  const listed = async <T extends object>(
    list: () => Promise<T>,
  ): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await list();
      } catch (error) {
        if (attempt === 10) throw error;
        await sleep(1000);
      }
    }
  };
  const lists = await Promise.all([
    listed(() => core.listConfigMapForAllNamespaces()).then(
      l => ['ConfigMap', l] as const,
    ),
    listed(() => core.listPodForAllNamespaces()).then(l => ['Pod', l] as const),
    listed(() => apps.listDeploymentForAllNamespaces()).then(
      l => ['Deployment', l] as const,
    ),
    listed(() => core.listServiceForAllNamespaces()).then(
      l => ['Service', l] as const,
    ),
  ]);
  const versions: Held = new Map();
  const names = new Map<string, string>();
  const places = new Map<string, number>();
  for (const [kind, list] of lists)
    for (const item of list.items) {
      const namespace = item.metadata!.namespace ?? '';
      if (UNWATCHED_NAMESPACES.some(pattern => pattern.test(namespace)))
        continue;
      versions.set(item.metadata!.uid!, item.metadata!.resourceVersion!);
      names.set(
        item.metadata!.uid!,
        `${kind} ${item.metadata!.namespace}/${item.metadata!.name}`,
      );
      const place = `${item.metadata!.namespace}/${kind}`;
      places.set(place, (places.get(place) ?? 0) + 1);
    }
  return { versions, names, places };
}

/** How a socket differs from the cluster it shows; undefined when it does not. */
function divergence(
  socket: SoakSocket,
  truth: Awaited<ReturnType<typeof truthOf>>,
): string | undefined {
  if (socket.mode === 'subscribe') {
    const missed: string[] = [];
    let stale = 0;
    for (const [uid, version] of truth.versions) {
      const held = socket.objects.get(uid);
      if (held === undefined) missed.push(truth.names.get(uid)!);
      else if (held !== version) stale++;
    }
    const missing = missed.length;
    const extra = [...socket.objects.keys()].filter(
      uid => !truth.versions.has(uid),
    ).length;
    return missing || stale || extra
      ? `${missing} missing${
          missing ? ` (${missed.slice(0, 3).join(', ')})` : ''
        }, ${stale} stale, ${extra} extra of ${truth.versions.size}`
      : undefined;
  }
  const window = socket.windows.get('instances');
  const total = truth.places.get(`${socket.namespace}/${socket.kind}`) ?? 0;
  if (!window) return 'no window';
  if (window.total !== total)
    return `total ${window.total}, cluster has ${total}`;
  const stale = window.rows.filter(
    row => truth.versions.get(row?.key) !== row?.resource?.resourceVersion,
  ).length;
  return stale ? `${stale} of ${window.rows.length} rows stale` : undefined;
}

let simulator: ChildProcess | undefined;
let demo: RunningDemo | undefined;
const dir = mkdtempSync(join(tmpdir(), 'wecs-soak-'));
process.on('exit', () => {
  killGroup(simulator);
  rmSync(dir, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    console.log(`bench soak: ${signal}, stopping`);
    process.exit(130);
  });

const sockets: SoakSocket[] = [];
let faults = 0;
let growth: number | undefined;
let divergent = socketCount;
try {
  console.log(
    `bench soak: ${minutes} min, ${socketCount} sockets, ${clusters} clusters x ${objects} objects, ${rate} changes/s, a fault every ${faultEverySeconds} s`,
  );
  const [controlPort, frontendPort, backendPort] = await freePorts(3);
  const kubeconfig = join(dir, 'kubeconfig');
  simulator = await startSimulator({
    kubeconfig,
    clusters,
    objects,
    rate,
    controlPort,
  });
  // The backend follows a kubeconfig of its own: a cluster leaves when its context is taken
  // out, and comes back when it is put back, as an operator editing the file would.
  const full = parse(readFileSync(kubeconfig, 'utf8'));
  const backendKubeconfig = join(dir, 'backend.kubeconfig');
  const writeMembers = (members: string[]) => {
    const kept = {
      ...full,
      contexts: full.contexts.filter(
        (c: any) => !names.includes(c.name) || members.includes(c.name),
      ),
    };
    writeFileSync(`${backendKubeconfig}.new`, stringify(kept));
    renameSync(`${backendKubeconfig}.new`, backendKubeconfig);
  };
  writeMembers(names);
  // One user holds every socket here, where a fleet spreads them over many: the per-user
  // limit is raised to let it.
  demo = await startDemo(
    { APP_CONFIG_wecs_limits_fleetSocketsPerUser: String(socketCount + 10) },
    ['--kubeconfig', backendKubeconfig],
    {
      frontend: frontendPort,
      backend: backendPort,
    },
  );
  const loaded = await backendLoaded(
    demo.backendUrl,
    clusters * objects,
    600_000,
  );
  const pid = pidListeningOn(backendPort);
  if (!pid) throw new Error(`no process listens on port ${backendPort}`);
  console.log(
    `  backend (pid ${pid}) on ${
      demo.backendUrl
    } holds ${loaded.toLocaleString()} objects; simulator control port ${controlPort}`,
  );

  const backendUrl = demo.backendUrl;
  const token = () => guestToken(backendUrl);
  const url = `${backendUrl.replace(/^http/, 'ws')}/api/wecs/fleet`;
  for (let i = 0; i < socketCount; i++) {
    const socket = new SoakSocket({
      url,
      token,
      cluster: names[i % clusters],
      mode: i % 2 === 0 ? 'subscribe' : 'views',
      namespace: `ns-${i % 20}`,
      kind: KINDS[i % KINDS.length],
    });
    // A development backend restarts when its sources change: try again for a minute.
    for (let attempt = 1; ; attempt++) {
      try {
        await socket.open();
        break;
      } catch (error) {
        if (attempt === 30) throw error;
        await sleep(2000);
      }
    }
    sockets.push(socket);
  }
  console.log(`  ${sockets.length} sockets open`);

  const control = (path: string) =>
    fetch(`http://127.0.0.1:${controlPort}${path}`, { method: 'POST' }).then(
      response => {
        if (!response.ok)
          throw new Error(`control ${path}: ${response.status}`);
      },
    );
  const ends: Array<Promise<void>> = [];
  /** The faults, in turn: each names what it does and undoes it when it has an end. */
  const injectors: Array<(cluster: string) => Promise<string>> = [
    async c => (await control(`/clusters/${c}/cut-watches`), 'watches cut'),
    async c => (
      await control(`/clusters/${c}/expire`), 'history expired (410)'
    ),
    async c => (
      await control(`/clusters/${c}/fail?code=429&count=5&retryAfter=1`),
      '5 answers 429'
    ),
    async c => (
      await control(`/clusters/${c}/fail?code=500&count=5`), '5 answers 500'
    ),
    async c => {
      await control(`/clusters/${c}/stall`);
      ends.push(sleep(FAULT_MS).then(() => control(`/clusters/${c}/unstall`)));
      return `watches stalled for ${FAULT_MS / 1000} s`;
    },
    async c => {
      await control(`/clusters/${c}/unreachable`);
      ends.push(
        sleep(FAULT_MS).then(() => control(`/clusters/${c}/reachable`)),
      );
      return `unreachable for ${FAULT_MS / 1000} s`;
    },
    async c => {
      writeMembers(names.filter(n => n !== c));
      ends.push(sleep(FAULT_MS).then(() => writeMembers(names)));
      return `left the kubeconfig for ${FAULT_MS / 1000} s`;
    },
  ];

  const started = Date.now();
  const samples: Array<{ at: number; rss: number }> = [];
  // The development backend restarts when its sources change: its figures then start over.
  let backendPid = pid;
  let restarts = 0;
  const sampler = setInterval(() => {
    try {
      samples.push({ at: Date.now() - started, rss: rssOf(backendPid) });
    } catch {
      const next = pidListeningOn(backendPort);
      if (next && next !== backendPid) {
        restarts++;
        backendPid = next;
        console.log(`  the backend restarted (pid ${next})`);
      }
    }
  }, 5000);
  const faultTimer = setInterval(() => {
    const cluster = names[(faults * 3) % clusters];
    const inject = injectors[faults % injectors.length];
    faults++;
    inject(cluster).then(
      what =>
        console.log(
          `  ${((Date.now() - started) / 1000).toFixed(
            0,
          )} s: ${cluster} ${what}`,
        ),
      error => console.log(`  fault on ${cluster} failed: ${error.message}`),
    );
  }, faultEverySeconds * 1000);
  await sleep(minutes * 60_000);
  clearInterval(faultTimer);
  clearInterval(sampler);
  await Promise.all(ends);

  const warm = samples.filter(
    s => s.at >= WARM_UP_MS && s.at < WARM_UP_MS + 60_000,
  );
  const last = samples.filter(s => s.at >= minutes * 60_000 - 60_000);
  if (restarts) {
    console.log(
      `  backend RSS: not comparable, the backend restarted ${restarts} times (its sources changed)`,
    );
  } else if (
    warm.length &&
    last.length &&
    minutes * 60_000 > WARM_UP_MS + 60_000
  ) {
    const base = median(warm.map(s => s.rss));
    const end = median(last.map(s => s.rss));
    growth = ((end - base) / base) * 100;
    console.log(
      `  backend RSS: ${(base / MB).toFixed(
        0,
      )} MB after the warm-up (median of minute 2), ${(end / MB).toFixed(
        0,
      )} MB at the end (median of the last minute): ${growth.toFixed(
        1,
      )}% (goal 5% or less); peak ${(
        Math.max(...samples.map(s => s.rss)) / MB
      ).toFixed(0)} MB`,
    );
  } else {
    console.log('  backend RSS: too short a run for a warm-up and an end');
  }

  // The truth: the changes stop, every fault is undone, and the sockets get time to catch up.
  await fetch(`http://127.0.0.1:${controlPort}/churn?rate=0`, {
    method: 'POST',
  });
  for (const cluster of names) {
    await control(`/clusters/${cluster}/reachable`);
    await control(`/clusters/${cluster}/unstall`);
  }
  writeMembers(names);
  const truths = new Map<string, Awaited<ReturnType<typeof truthOf>>>();
  for (const cluster of names)
    truths.set(cluster, await truthOf(kubeconfig, cluster));
  const differences = () =>
    sockets.flatMap((socket, index) => {
      const why = divergence(socket, truths.get(socket.cluster)!);
      return why
        ? [`socket ${index} (${socket.mode} ${socket.cluster}): ${why}`]
        : [];
    });
  const settleStarted = Date.now();
  let left = differences();
  while (left.length && Date.now() - settleStarted < SETTLE_MS) {
    await sleep(2000);
    left = differences();
  }
  divergent = left.length;
  const reconnects = sockets.reduce((sum, s) => sum + s.reconnects, 0);
  console.log(
    `  ${faults} faults; ${reconnects} socket reconnects; final state: ${
      divergent
        ? `${divergent} of ${
            sockets.length
          } sockets differ from the clusters:\n    ${left
            .slice(0, 10)
            .join('\n    ')}`
        : `every socket equals the clusters (${(
            (Date.now() - settleStarted) /
            1000
          ).toFixed(0)} s after the changes stopped)`
    }`,
  );
  const refusals = sockets.flatMap(s => s.errors);
  if (refusals.length)
    console.log(
      `  ${refusals.length} socket errors or closes, e.g. ${[
        ...new Set(refusals),
      ]
        .slice(0, 5)
        .join('; ')}`,
    );
} catch (error) {
  const cause =
    error instanceof Error && error.cause instanceof Error
      ? ` (${error.cause.message})`
      : '';
  console.log(
    `  FAILED: ${error instanceof Error ? error.message : error}${cause}`,
  );
} finally {
  for (const socket of sockets) socket.close();
  await demo?.stop();
  killGroup(simulator);
}
console.log(
  `soak: ${minutes} minutes, ${socketCount} sockets, ${faults} faults, rss growth ${
    growth === undefined ? 'n/a' : `${growth.toFixed(1)}%`
  }, divergent sockets ${divergent} of ${socketCount}`,
);
process.exitCode = divergent === 0 ? 0 : 1;
