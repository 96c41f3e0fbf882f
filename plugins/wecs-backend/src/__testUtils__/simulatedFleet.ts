import { mockServices } from '@backstage/backend-test-utils';
import { Fleet, FleetOptions } from '@kubestellar/fleet-sim';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ClusterMembership,
  ClusterSource,
} from '@kubestellar/plugin-wecs-node';
import { ItsClusterSource } from '../cluster/ItsClusterSource';
import { KubeconfigClusterSource } from '../cluster/KubeconfigClusterSource';
import { FleetStore } from '../store/FleetStore';
import { followWatchPool } from '../store/followWatchPool';
import { ClusterWatchOptions } from '../watch/ClusterWatch';
import { DEFAULT_BUILTIN_RESOURCES } from '../watch/discovery';
import { DEFAULT_EXCLUDED_NAMESPACES } from '../watch/options';
import { WatchPool } from '../watch/WatchPool';

/** Watch options for tests: quick back-offs and stall detection. */
export function testWatchOptions(
  overrides: Partial<ClusterWatchOptions> = {},
): ClusterWatchOptions {
  return {
    discovery: {
      builtinResources: DEFAULT_BUILTIN_RESOURCES,
      extraResources: [],
      customResources: true,
    },
    watcher: {
      pageSize: 100,
      stallTimeoutMs: 5000,
      watchTimeoutSeconds: 300,
      backoff: { initialMs: 100, maxMs: 1000 },
    },
    excludedNamespaces: DEFAULT_EXCLUDED_NAMESPACES,
    rediscoverEveryMs: 60_000,
    ...overrides,
  };
}

/** Polls until `check` holds; throws naming what never happened. */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A simulated fleet with its kubeconfig written to a temporary folder. */
export async function startFleet(options: FleetOptions) {
  const fleet = await Fleet.start(options);
  const dir = mkdtempSync(join(tmpdir(), 'wecs-test-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  fleet.writeKubeconfig(kubeconfigPath);
  return {
    fleet,
    kubeconfigPath,
    async stop() {
      await fleet.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A watch pool on `sources` and a store that follows it, wired as the plugin does; started. */
export async function startPool(
  sources: ClusterSource[],
  watchOptions: ClusterWatchOptions = testWatchOptions(),
) {
  const logger = mockServices.logger.mock();
  const pool = new WatchPool(sources, watchOptions, logger);
  const store = new FleetStore();
  followWatchPool(store, pool);
  await pool.start();
  return { pool, store, logger };
}

/** A simulated fleet and a watch pool on some of its contexts, started. */
export async function startFleetWithPool(
  fleetOptions: FleetOptions,
  contexts: string[],
  watchOptions: ClusterWatchOptions = testWatchOptions(),
) {
  const simulated = await startFleet(fleetOptions);
  const { pool, store, logger } = await startPool(
    [new KubeconfigClusterSource(simulated.kubeconfigPath, contexts)],
    watchOptions,
  );
  return {
    ...simulated,
    store,
    pool,
    logger,
    async stop() {
      pool.stop();
      await simulated.stop();
    },
  };
}

/**
 * A simulated KubeStellar hub and its WECs (two joined, one waiting to join, no dynamics), and
 * a pool that follows the ITS's ManagedClusters and the WDS, as a hub-configured backend does;
 * resolved once every joined cluster is connected.
 */
export async function startHubFleetWithPool() {
  const simulated = await startFleet({ clusters: 2, dynamics: false });
  const { pool, store } = await startPool([
    new ItsClusterSource({
      kubeconfigPath: simulated.kubeconfigPath,
      itsContext: 'its1',
    }),
    new KubeconfigClusterSource(simulated.kubeconfigPath, ['wds1'], 'wds'),
  ]);
  await waitFor(
    'every joined cluster connected',
    () =>
      pool
        .clusters()
        .filter(c => c.state !== 'pending')
        .every(c => c.state === 'connected'),
    30_000,
  );
  return {
    ...simulated,
    pool,
    store,
    async stop() {
      pool.stop();
      await simulated.stop();
    },
  };
}

/**
 * One quiet simulated WEC, cluster1 (no rollouts, no availability flips, no custom resources),
 * and a pool on it: for tests that look inside the simulator (its log followers, its runtime).
 */
export function startQuietFleetWithPool() {
  return startFleetWithPool(
    { clusters: 1, tickMs: 100, rolloutEveryMs: 0, availabilityFlipMs: 0 },
    ['cluster1'],
    testWatchOptions({
      discovery: {
        builtinResources: testWatchOptions().discovery.builtinResources,
        extraResources: [],
        customResources: false,
      },
    }),
  );
}

/** cluster1's running pods of the seeded storefront Deployment (three once it has settled). */
export const runningStorefrontPods = (store: FleetStore) =>
  store.query({
    cluster: 'cluster1',
    kinds: ['Pod'],
    name: 'storefront-',
    phases: ['running'],
  });

/** Starts a source, takes its first report and stops it. */
export function firstMembership(
  source: ClusterSource,
): Promise<ClusterMembership> {
  return new Promise(resolve => {
    source.start(membership => {
      source.stop();
      resolve(membership);
    });
  });
}

/**
 * Follows a live source; `next(check)` waits for a report that satisfies `check` (the latest
 * one first).
 */
export function followSource(source: ClusterSource) {
  let latest: ClusterMembership | undefined;
  const waiters = new Set<() => void>();
  source.start(membership => {
    latest = membership;
    waiters.forEach(wake => wake());
  });
  return {
    get latest() {
      return latest;
    },
    async next(
      what: string,
      check: (m: ClusterMembership) => boolean,
      timeoutMs = 20_000,
    ): Promise<ClusterMembership> {
      await waitFor(
        what,
        () => latest !== undefined && check(latest),
        timeoutMs,
      );
      return latest!;
    },
    stop: () => source.stop(),
  };
}
