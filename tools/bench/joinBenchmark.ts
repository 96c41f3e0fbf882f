/* eslint-disable no-console -- a benchmark prints its figures */
/**
 * `./wecs bench joins`: how long a cluster takes from its acceptance on the hub to its objects
 * on an open fleet socket. A simulated fleet (controllers on) and the backend's path from the
 * ITS to the socket: ItsClusterSource, WatchPool, FleetStore, FleetFanOut and the fleet
 * socket. N times: a cluster asks to join (as `clusteradm join` leaves it), the operator accepts
 * it (CSR approved, hubAcceptsClient set, as `clusteradm accept` does), and the clock runs until
 * the first object of that cluster arrives on the socket.
 */
import { Fleet } from '@kubestellar/fleet-sim';
import { FleetServerMessage } from '@kubestellar/plugin-wecs-common';
import { ClusterClient } from '@kubestellar/plugin-wecs-node';
import { KubeConfig } from '@kubernetes/client-node';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { WebSocket } from 'ws';
import { ItsClusterSource } from '../../plugins/wecs-backend/src/cluster/ItsClusterSource';
import { FleetFanOut } from '../../plugins/wecs-backend/src/sockets/FleetFanOut';
import { FleetStore } from '../../plugins/wecs-backend/src/store/FleetStore';
import { followWatchPool } from '../../plugins/wecs-backend/src/store/followWatchPool';
import { DEFAULT_BUILTIN_RESOURCES } from '../../plugins/wecs-backend/src/watch/discovery';
import { DEFAULT_EXCLUDED_NAMESPACES } from '../../plugins/wecs-backend/src/watch/options';
import { DEFAULT_WATCHER_OPTIONS } from '../../plugins/wecs-backend/src/cluster/ResourceWatcher';
import { WatchPool } from '../../plugins/wecs-backend/src/watch/WatchPool';
import { quietLogger, serveFleetSocketForBench } from './fleetSocketServer';

const { values } = parseArgs({
  options: { joins: { type: 'string', default: '10' } },
});
const joins = Number(values.joins);
const CSRS = '/apis/certificates.k8s.io/v1/certificatesigningrequests';
const MANAGED_CLUSTERS =
  '/apis/cluster.open-cluster-management.io/v1/managedclusters';

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** What `clusteradm accept --clusters NAME` does on the hub. */
async function accept(its: ClusterClient, name: string) {
  const csrs = await its.getJson(
    `${CSRS}?labelSelector=${encodeURIComponent(
      `open-cluster-management.io/cluster-name=${name}`,
    )}`,
  );
  for (const csr of csrs.items ?? []) {
    const conditions = [
      ...(csr.status?.conditions ?? []),
      { type: 'Approved', status: 'True', reason: 'Benchmark', message: '' },
    ];
    await its.sendJson('PUT', `${CSRS}/${csr.metadata.name}/approval`, {
      ...csr,
      status: { ...csr.status, conditions },
    });
  }
  await its.sendJson(
    'PATCH',
    `${MANAGED_CLUSTERS}/${name}`,
    { spec: { hubAcceptsClient: true } },
    'application/merge-patch+json',
  );
}

async function main() {
  if (!Number.isInteger(joins) || joins < 1)
    throw new Error('--joins must be a positive whole number');
  const dir = mkdtempSync(join(tmpdir(), 'wecs-bench-joins-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  const fleet = await Fleet.start({
    clusters: 2,
    rolloutEveryMs: 0,
    availabilityFlipMs: 0,
  });
  fleet.writeKubeconfig(kubeconfigPath);
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(kubeconfigPath);
  const its = new ClusterClient(kubeConfig, 'its1');

  const pool = new WatchPool(
    [new ItsClusterSource({ kubeconfigPath, itsContext: 'its1' })],
    {
      discovery: {
        builtinResources: DEFAULT_BUILTIN_RESOURCES,
        extraResources: [],
        customResources: true,
      },
      watcher: DEFAULT_WATCHER_OPTIONS,
      excludedNamespaces: DEFAULT_EXCLUDED_NAMESPACES,
      rediscoverEveryMs: 600_000,
    },
    quietLogger,
  );
  const store = new FleetStore();
  followWatchPool(store, pool);
  await pool.start();
  const fanOut = new FleetFanOut(store, pool);
  const server = await serveFleetSocketForBench(fanOut);
  const ws = new WebSocket(server.url, ['wecs.v1']);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  /** When each cluster was first pending, and its first object arrived, on the socket. */
  const pendingAt = new Map<string, number>();
  const firstObjectAt = new Map<string, number>();
  ws.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString()) as FleetServerMessage;
    if (message.type !== 'deltas') return;
    const now = Date.now();
    for (const cluster of message.clusters)
      if (cluster.state === 'pending' && !pendingAt.has(cluster.name))
        pendingAt.set(cluster.name, now);
    for (const change of message.changes)
      if (change.op === 'upsert' && !firstObjectAt.has(change.resource.cluster))
        firstObjectAt.set(change.resource.cluster, now);
  });
  ws.send(JSON.stringify({ type: 'subscribe' }));

  const durations: number[] = [];
  try {
    for (let i = 1; i <= joins; i++) {
      const name = `joining${i}`;
      await fleet.addCluster(name, { 'location-group': 'edge' });
      while (!pendingAt.has(name)) await sleep(20);
      const acceptedAt = Date.now();
      await accept(its, name);
      const deadline = acceptedAt + 60_000;
      while (!firstObjectAt.has(name)) {
        if (Date.now() > deadline)
          throw new Error(`${name}'s objects did not arrive within 60 s`);
        await sleep(10);
      }
      const seconds = (firstObjectAt.get(name)! - acceptedAt) / 1000;
      durations.push(seconds);
      console.log(`  ${name}: ${seconds.toFixed(2)} s`);
    }
  } finally {
    ws.close();
    server.close();
    fanOut.close();
    pool.stop();
    await fleet.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const sorted = [...durations].sort((a, b) => a - b);
  console.log(
    `joins: ${joins} joins, acceptance -> first object on a socket median ${percentile(
      sorted,
      50,
    ).toFixed(2)} s, max ${sorted[sorted.length - 1].toFixed(2)} s`,
  );
}

main().then(
  () => process.exit(0),
  error => {
    console.error(`bench: ${error instanceof Error ? error.stack : error}`);
    process.exit(1);
  },
);
