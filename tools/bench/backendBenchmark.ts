/* eslint-disable no-console -- a benchmark prints its figures */
/**
 * `./wecs bench backend`: the watch pool, store and fleet socket against the simulator's
 * scale mode, in a separate process so that the figures are the backend's own.
 *
 *   1. time until the store holds every object of N clusters x M objects, and heap per object;
 *   2. requests the API servers receive with 1 viewer and with V viewers of the fleet socket,
 *      each with different parts of the tree open (views);
 *   3. at R changes per second, the delay from a change on a cluster to the window that shows
 *      it on a socket (median, 99th percentile) and the backend's CPU share, while one cluster leaves
 *      or joins the fleet every S seconds (its context taken out of the kubeconfig the
 *      backend follows, then put back); then whether the store equals what the clusters hold.
 */
import {
  FleetServerMessage,
  FleetViewRequest,
} from '@kubestellar/plugin-wecs-common';
import { ChildProcess, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { WebSocket } from 'ws';
import { KubeconfigClusterSource } from '../../plugins/wecs-backend/src/cluster/KubeconfigClusterSource';
import { FleetFanOut } from '../../plugins/wecs-backend/src/sockets/FleetFanOut';
import { FleetStore } from '../../plugins/wecs-backend/src/store/FleetStore';
import { followWatchPool } from '../../plugins/wecs-backend/src/store/followWatchPool';
import { searchTree } from '../../plugins/wecs-backend/src/store/treeViews';
import { viewScope } from '../../plugins/wecs-backend/src/store/viewScope';
import { DEFAULT_BUILTIN_RESOURCES } from '../../plugins/wecs-backend/src/watch/discovery';
import { DEFAULT_WATCHER_OPTIONS } from '../../plugins/wecs-backend/src/cluster/ResourceWatcher';
import { WatchPool } from '../../plugins/wecs-backend/src/watch/WatchPool';
import { ListGate } from '../../plugins/wecs-backend/src/cluster/ListGate';
import { DEFAULT_CONCURRENT_LISTS } from '../../plugins/wecs-backend/src/watch/options';
import { apiPathOf } from '../../plugins/wecs-backend/src/cluster/ResourceWatcher';
import { parse, stringify } from 'yaml';
import { quietLogger, serveFleetSocketForBench } from './fleetSocketServer';

const CHANGED_AT = 'fleet-sim.kubestellar.io/changed-at';
const repoRoot = resolve(__dirname, '..', '..');

const { values } = parseArgs({
  options: {
    clusters: { type: 'string', default: '20' },
    objects: { type: 'string', default: '5000' },
    rate: { type: 'string', default: '1000' },
    viewers: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '20' },
    // 0: any free port, so that the benchmark runs beside a demo.
    'control-port': { type: 'string', default: '0' },
    'membership-churn': { type: 'string', default: '5' },
  },
});
const clusters = Number(values.clusters);
const objects = Number(values.objects);
const rate = Number(values.rate);
const viewers = Number(values.viewers);
const seconds = Number(values.seconds);
let controlPort = Number(values['control-port']);
const membershipChurnSeconds = Number(values['membership-churn']);

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const gc = () => (global as any).gc?.();
const percentile = (sorted: number[], p: number) =>
  sorted.length
    ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
    : NaN;

async function control(path: string, method = 'GET') {
  const response = await fetch(`http://127.0.0.1:${controlPort}${path}`, {
    method,
  });
  if (!response.ok)
    throw new Error(
      `control ${path}: ${response.status} ${await response.text()}`,
    );
  return response.json();
}

async function clusterRevisions(): Promise<number> {
  const list = (await control('/clusters')) as Array<{
    resourceVersion: number;
  }>;
  return list.reduce((sum, c) => sum + c.resourceVersion, 0);
}

async function upstreamRequests(): Promise<number> {
  const list = (await control('/clusters')) as Array<{ requests: number }>;
  return list.reduce((sum, c) => sum + c.requests, 0);
}

function startSimulator(dir: string): ChildProcess {
  const child = spawn(
    process.execPath,
    [
      '--require',
      join(repoRoot, 'node_modules/@backstage/cli/config/nodeTransform.cjs'),
      join(repoRoot, 'packages/fleet-sim/src/main.ts'),
      '--kubeconfig',
      join(dir, 'kubeconfig'),
      '--clusters',
      String(clusters),
      '--scale-objects',
      String(objects),
      '--scale-changes',
      '0',
      '--control-port',
      String(controlPort),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  // The simulator says which port its control API got.
  let output = '';
  child.stdout!.on('data', chunk => {
    output += chunk;
    const port = /fault-injection API on http:\/\/127\.0\.0\.1:(\d+)/.exec(
      output,
    );
    if (port) controlPort = Number(port[1]);
  });
  return child;
}

async function main() {
  if (!(global as any).gc) throw new Error('run with --expose-gc');
  const dir = mkdtempSync(join(tmpdir(), 'wecs-bench-'));
  const simStarted = Date.now();
  const sim = startSimulator(dir);
  const stopAll: Array<() => void> = [
    () => sim.kill('SIGTERM'),
    () => rmSync(dir, { recursive: true, force: true }),
  ];
  try {
    while (!existsSync(join(dir, 'kubeconfig')) || controlPort === 0) {
      if (sim.exitCode !== null)
        throw new Error(`the simulator exited with ${sim.exitCode}`);
      await sleep(200);
    }
    console.log(
      `simulator: ${clusters} clusters x ${objects} objects up in ${(
        (Date.now() - simStarted) /
        1000
      ).toFixed(1)} s`,
    );

    // 1. Time to a complete store, memory per object.
    gc();
    const before = process.memoryUsage();
    const names = Array.from({ length: clusters }, (_, i) => `cluster${i + 1}`);
    // The backend follows a kubeconfig of its own, holding the WECs' contexts: membership churn
    // takes one out and puts it back, as an operator editing the file would.
    const full = parse(readFileSync(join(dir, 'kubeconfig'), 'utf8'));
    const poolKubeconfig = join(dir, 'pool.kubeconfig');
    const writePoolKubeconfig = (members: string[]) => {
      const kept = {
        ...full,
        contexts: full.contexts.filter((c: any) => members.includes(c.name)),
        'current-context': members[0],
      };
      writeFileSync(`${poolKubeconfig}.new`, stringify(kept));
      renameSync(`${poolKubeconfig}.new`, poolKubeconfig);
    };
    writePoolKubeconfig(names);
    const pool = new WatchPool(
      [new KubeconfigClusterSource(poolKubeconfig)],
      {
        discovery: {
          builtinResources: DEFAULT_BUILTIN_RESOURCES,
          extraResources: [],
          customResources: true,
        },
        // As watchOptionsFromConfig sets it up for a backend.
        watcher: {
          ...DEFAULT_WATCHER_OPTIONS,
          listGate: new ListGate(DEFAULT_CONCURRENT_LISTS),
        },
        excludedNamespaces: ['kube-system', 'kube-public', 'kube-node-lease'],
        rediscoverEveryMs: 600_000,
      },
      quietLogger,
    );
    const store = new FleetStore();
    followWatchPool(store, pool);
    stopAll.unshift(() => pool.stop());
    const requestsAtStart = await upstreamRequests();
    // The backend's resident memory at its highest, from the first list to the last search.
    let peakRss = 0;
    const sampling = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 250);
    stopAll.unshift(() => clearInterval(sampling));
    const syncStarted = Date.now();
    await pool.start();
    const expected = clusters * objects;
    while (
      store.size < expected ||
      pool.clusters().some(c => c.state !== 'connected')
    ) {
      await sleep(50);
    }
    const syncSeconds = (Date.now() - syncStarted) / 1000;
    const syncRequests = (await upstreamRequests()) - requestsAtStart;
    gc();
    await sleep(200);
    gc();
    const after = process.memoryUsage();
    const perObjectHeap = (after.heapUsed - before.heapUsed) / store.size;
    const perObjectRss = (after.rss - before.rss) / store.size;

    // 2. Upstream load with 1 and with V viewers.
    const fanOut = new FleetFanOut(store, pool);
    stopAll.unshift(() => fanOut.close());
    const socketServer = await serveFleetSocketForBench(fanOut);
    stopAll.unshift(socketServer.close);
    const url = socketServer.url;
    const latencies: number[] = [];
    /**
     * Each changed version as it reached the store: when the simulator made the change (its
     * annotation, which tree rows do not carry) and when it arrived, by `uid@resourceVersion`.
     */
    const arrivals = new Map<string, { changedAt: number; arrived: number }>();
    const backendLatencies: number[] = [];
    const rejoinedAt = new Map<string, number>();
    let relisted = 0;
    let closedWith: number | undefined;
    /** What the viewers received while measuring, by message type, and in bytes. */
    const received: Record<string, number> = { bytes: 0 };
    let measuring = false;
    const SCALE_KINDS = ['ConfigMap', 'Pod', 'Deployment', 'Service'];
    /**
     * The views of viewer `index`, as people looking at different parts of the fleet open
     * them. Viewer 0 has the most a page may open (every cluster row and 199 kind lists, one
     * window each), so that enough changes land in what it shows to time them; the others
     * each have a cluster, a namespace and a kind expanded, scrolled to different places.
     */
    const viewsOf = (index: number): FleetViewRequest[] => {
      const clusterRows: FleetViewRequest = {
        id: 'clusters',
        query: { level: 'clusters' },
      };
      const list = (
        i: number,
        offset: number,
        limit: number,
      ): FleetViewRequest => ({
        id: `list-${i}`,
        query: {
          level: 'instances',
          cluster: names[i % names.length],
          namespace: `ns-${i % 20}`,
          kind: SCALE_KINDS[Math.floor(i / names.length) % SCALE_KINDS.length],
        },
        offset,
        limit,
      });
      if (index === 0) {
        return [
          clusterRows,
          ...Array.from({ length: 199 }, (_, i) => list(i, 0, 500)),
        ];
      }
      const cluster = names[index % names.length];
      const namespace = `ns-${index % 20}`;
      return [
        clusterRows,
        { id: 'namespaces', query: { level: 'namespaces', cluster } },
        { id: 'kinds', query: { level: 'kinds', cluster, namespace } },
        list(index, (index * 13) % 100, 60),
      ];
    };
    /**
     * A viewer. Each keeps the resourceVersion of every row it was shown; a row that comes back
     * changed times the change, from the simulator's change-time annotation to now.
     */
    const connect = async (index: number) => {
      const ws = new WebSocket(url, ['wecs.v1'], {
        maxPayload: 64 * 1024 * 1024,
      });
      await new Promise((r, j) => {
        ws.once('open', r);
        ws.once('error', j);
      });
      const views = viewsOf(index);
      const shown = new Map<string, string>();
      const answered = new Set<string>();
      ws.on('close', code => {
        if (index === 0) closedWith = code;
      });
      ws.on('message', (data: Buffer) => {
        const now = Date.now();
        const message = JSON.parse(data.toString()) as FleetServerMessage;
        if (message.type === 'error') throw new Error(message.message);
        if (message.type !== 'window' && message.type !== 'rows') return;
        if (message.type === 'window') answered.add(message.view);
        if (measuring) {
          received[message.type] = (received[message.type] ?? 0) + 1;
          received.bytes += data.length;
        }
        for (const row of message.rows) {
          if (row.type !== 'instance') continue;
          const { resource } = row;
          const before = shown.get(resource.uid);
          shown.set(resource.uid, resource.resourceVersion);
          if (
            !measuring ||
            before === undefined ||
            before === resource.resourceVersion
          )
            continue;
          const arrival = arrivals.get(
            `${resource.uid}@${resource.resourceVersion}`,
          );
          if (!arrival) continue;
          latencies.push(now - arrival.changedAt);
          backendLatencies.push(now - arrival.arrived);
        }
      });
      ws.send(JSON.stringify({ type: 'views', views }));
      while (answered.size < views.length) await sleep(20);
      return ws;
    };
    const window = async () => {
      const start = await upstreamRequests();
      await sleep((seconds * 1000) / 2);
      return (await upstreamRequests()) - start;
    };
    await control(`/churn?rate=${rate}`, 'POST');
    const first = await connect(0);
    const oneViewer = await window();
    const others: WebSocket[] = [];
    for (let i = 1; i < viewers; i++) others.push(await connect(i));
    const manyViewers = await window();

    // 3. Delay from a change to the delta on a socket, and CPU, with V viewers at R changes/s.
    // The delay to the store too, to tell the watch's share from the fan-out's.
    const storeLatencies: number[] = [];
    const stopTiming = store.subscribe(change => {
      if (!measuring || change.op !== 'upsert') return;
      const at = Number(change.resource.annotations?.[CHANGED_AT]);
      if (!at) return;
      // A rejoined cluster's relist brings objects changed while it was out: not live changes.
      if (at < (rejoinedAt.get(change.resource.cluster) ?? 0)) {
        relisted++;
        return;
      }
      storeLatencies.push(Date.now() - at);
      arrivals.set(
        `${change.resource.uid}@${change.resource.resourceVersion}`,
        { changedAt: at, arrived: Date.now() },
      );
      // Only recent arrivals can still be shown; the oldest go first.
      if (arrivals.size > 100_000)
        arrivals.delete(arrivals.keys().next().value!);
    });
    latencies.length = 0;
    measuring = true;
    const revisionsStart = await clusterRevisions();
    const storeStart = store.revision;
    const cpuStart = process.cpuUsage();
    const wallStart = Date.now();
    const membership = { left: 0, joined: 0 };
    let out: string | undefined;
    const churn =
      membershipChurnSeconds > 0
        ? setInterval(() => {
            if (out) {
              rejoinedAt.set(out, Date.now());
              out = undefined;
              membership.joined++;
              writePoolKubeconfig(names);
            } else {
              out = names[(membership.left * 7) % names.length];
              membership.left++;
              writePoolKubeconfig(names.filter(n => n !== out));
            }
          }, membershipChurnSeconds * 1000)
        : undefined;
    await sleep(seconds * 1000);
    clearInterval(churn);
    measuring = false;
    stopTiming();
    const storeSorted = [...storeLatencies].sort((a, b) => a - b);
    const backendSorted = [...backendLatencies].sort((a, b) => a - b);
    const viewerStats = fanOut.views.statistics()[0];
    const cpu = process.cpuUsage(cpuStart);
    const storedPerSecond = Math.round((store.revision - storeStart) / seconds);
    const madePerSecond = Math.round(
      ((await clusterRevisions()) - revisionsStart) / seconds,
    );
    const cpuShare = (cpu.user + cpu.system) / 1000 / (Date.now() - wallStart);
    await control('/churn?rate=0', 'POST');
    const sorted = [...latencies].sort((a, b) => a - b);

    // 4. Name search over the whole store, as the fleet search asks it.
    const searchMs = searchTimes(store, pool, 200).sort((a, b) => a - b);
    clearInterval(sampling);
    const memory = process.memoryUsage();
    [first, ...others].forEach(ws => ws.close());

    // 5. Once still, the store must hold exactly what the clusters hold. (Its fresh lists of
    // every object are the benchmark's own work: memory is measured before.)
    if (out) writePoolKubeconfig(names);
    const truth = await settledTruth(pool, store, names);

    const result = {
      clusters,
      objectsPerCluster: objects,
      objectsInStore: store.size,
      timeToCompleteStoreSeconds: Number(syncSeconds.toFixed(2)),
      listAndWatchRequestsForSync: syncRequests,
      heapBytesPerObject: Math.round(perObjectHeap),
      rssBytesPerObject: Math.round(perObjectRss),
      upstreamRequestsPerWindow: {
        oneViewer,
        [`${viewers}Viewers`]: manyViewers,
        windowSeconds: seconds / 2,
      },
      changesPerSecond: rate,
      viewers,
      deltasMeasured: latencies.length,
      changesSeenPerSecond: Math.round(latencies.length / seconds),
      changesMadePerSecond: madePerSecond,
      viewersReceived: received,
      fanOutStatisticsWidestViewer: viewerStats,
      widestViewerClosedWith: closedWith,
      changesStoredPerSecond: storedPerSecond,
      delayToStoreMs: {
        median: percentile(storeSorted, 50),
        p99: percentile(storeSorted, 99),
      },
      delayStoreToSocketMs: {
        median: percentile(backendSorted, 50),
        p99: percentile(backendSorted, 99),
      },
      delayMs: {
        median: percentile(sorted, 50),
        p99: percentile(sorted, 99),
        max: sorted[sorted.length - 1],
      },
      backendCpuShareOfOneCore: Number(cpuShare.toFixed(3)),
      membershipChurn: {
        everySeconds: membershipChurnSeconds,
        ...membership,
        relistedOnRejoin: relisted,
      },
      finalStoreEqualsClusters: truth,
      searchMs: {
        median: Number(percentile(searchMs, 50).toFixed(2)),
        p95: Number(percentile(searchMs, 95).toFixed(2)),
      },
      backendRss: mb(peakRss),
      memoryAtEnd: {
        heapUsed: mb(memory.heapUsed),
        heapTotal: mb(memory.heapTotal),
        external: mb(memory.external),
        arrayBuffers: mb(memory.arrayBuffers),
      },
    };
    console.log('');
    console.log(
      `store complete:          ${result.objectsInStore} objects in ${result.timeToCompleteStoreSeconds} s (${syncRequests} list/watch requests)`,
    );
    console.log(
      `memory per object:       ${result.heapBytesPerObject} B heap, ${result.rssBytesPerObject} B RSS (target < 2048)`,
    );
    console.log(
      `upstream requests:       ${oneViewer} with 1 viewer, ${manyViewers} with ${viewers} viewers (per ${
        seconds / 2
      } s)`,
    );
    console.log(
      `change -> socket delay:  median ${result.delayMs.median} ms, p99 ${result.delayMs.p99} ms over ${latencies.length} deltas (${result.changesSeenPerSecond}/s seen, ${storedPerSecond}/s stored, ${madePerSecond}/s made of ${rate}/s asked; target p99 < 100)`,
    );
    console.log(
      `change -> store delay:   median ${result.delayToStoreMs.median} ms, p99 ${result.delayToStoreMs.p99} ms (the watch's share: the simulator's and the network's too)`,
    );
    console.log(
      `store -> socket delay:   median ${result.delayStoreToSocketMs.median} ms, p99 ${result.delayStoreToSocketMs.p99} ms (the fan-out's share)`,
    );
    console.log(
      `viewers received:        ${received.window ?? 0} windows and ${
        received.rows ?? 0
      } row updates, ${(received.bytes / 1024 / 1024 / seconds).toFixed(
        2,
      )} MB/s for all ${viewers} viewers`,
    );
    console.log(
      `membership churn:        ${membership.left} left and ${membership.joined} rejoined (one every ${membershipChurnSeconds} s); ${relisted} objects relisted on rejoin, not counted as delays`,
    );
    console.log(
      `final store vs clusters: ${
        truth.equal
          ? `equal (${truth.objects} objects)`
          : `DIFFERENT: ${truth.missing} missing, ${truth.extra} extra, ${truth.stale} stale of ${truth.objects}`
      }`,
    );
    console.log(
      `backend CPU:             ${(cpuShare * 100).toFixed(
        0,
      )}% of one core; RSS ${result.backendRss} (heap ${
        result.memoryAtEnd.heapUsed
      } used of ${result.memoryAtEnd.heapTotal}, external ${
        result.memoryAtEnd.external
      })`,
    );
    const reports = join(repoRoot, '.cache', 'reports');
    mkdirSync(reports, { recursive: true });
    writeFileSync(
      join(reports, 'bench-backend.json'),
      `${JSON.stringify(result, null, 2)}\n`,
    );
    console.log(`\nfigures written to .cache/reports/bench-backend.json`);
    console.log(
      `backend: ${result.objectsInStore} objects, complete ${
        result.timeToCompleteStoreSeconds
      } s, rss ${Math.round(peakRss / 1024 / 1024)} MB, ${
        result.heapBytesPerObject
      } B/object, p99 ${result.delayMs.p99} ms, search p95 ${
        result.searchMs.p95
      } ms`,
    );
  } finally {
    for (const stop of stopAll) stop();
  }
}

/**
 * How long `n` name searches over the store take, in ms: each for a piece of a stored object's
 * name (a case-insensitive substring), answered as `GET /search` answers it: the total and the
 * first 100 matches as tree paths.
 */
function searchTimes(store: FleetStore, pool: WatchPool, n: number): number[] {
  const source = { store, clusters: () => pool.clusters() };
  const scope = viewScope({});
  const sample = store.query({ cluster: pool.clusters()[0]?.name });
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const name = sample[Math.floor(Math.random() * sample.length)]?.name ?? 'x';
    const start = Math.floor(Math.random() * Math.max(1, name.length - 5));
    const term = name.slice(start, start + 5);
    const began = performance.now();
    searchTree(source, scope, { name: term }, 0, 100);
    times.push(performance.now() - began);
  }
  return times;
}

/**
 * Waits until every cluster is watched and connected and the store stops changing, then
 * compares it with fresh lists of every watched type from each API server.
 */
async function settledTruth(
  pool: WatchPool,
  store: FleetStore,
  names: string[],
) {
  const deadline = Date.now() + 60_000;
  let revision = -1;
  while (Date.now() < deadline) {
    const connected = names.every(
      n => pool.cluster(n)?.clusterStatus.state === 'connected',
    );
    if (connected && store.revision === revision) break;
    revision = store.revision;
    await sleep(1000);
  }
  let objects = 0;
  let missing = 0;
  let extra = 0;
  let stale = 0;
  for (const name of names) {
    const watch = pool.cluster(name);
    if (!watch) {
      missing++;
      continue;
    }
    const held = new Map(
      store.query({ cluster: name }).map(r => [r.uid, r.resourceVersion]),
    );
    for (const target of watch.watchedTypes) {
      const list = await watch.client.getJson(apiPathOf(target));
      for (const item of list.items ?? []) {
        if (watch.excludes(item.metadata?.namespace)) continue;
        objects++;
        const version = held.get(item.metadata.uid);
        if (version === undefined) missing++;
        else if (version !== item.metadata.resourceVersion) stale++;
        held.delete(item.metadata.uid);
      }
    }
    extra += held.size;
  }
  return {
    equal: missing === 0 && extra === 0 && stale === 0,
    objects,
    missing,
    extra,
    stale,
  };
}

main().then(
  () => process.exit(0),
  error => {
    console.error(`bench: ${error instanceof Error ? error.stack : error}`);
    process.exit(1);
  },
);
