import { KubeConfig } from '@kubernetes/client-node';
import { Fleet } from '@kubestellar/fleet-sim';
import { BINARIES_ENV, KwokFleet } from '@kubestellar/kwok-fleet';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClusterClient } from '@kubestellar/plugin-wecs-node';
import { KubeconfigClusterSource } from '../cluster/KubeconfigClusterSource';
import { ClusterWatchOptions } from '../watch/ClusterWatch';
import { startPool, testWatchOptions } from './simulatedFleet';

export type TestFleetKind = 'simulator' | 'kwok';

/**
 * A fleet of WECs cluster1 and cluster2 seeded with the same workloads, behind kubeconfigs, with
 * the faults both can inject. The backend's integration tests run against each kind unchanged.
 */
export interface TestFleet {
  kind: TestFleetKind;
  /** Contexts cluster1 and cluster2, as cluster-admin. */
  kubeconfigPath: string;
  /** The same contexts as a user RBAC bars from namespace `restricted` and from every write. */
  restrictedKubeconfigPath: string;
  /** A client for one cluster, as cluster-admin, to see what the API server itself holds. */
  client(cluster: string): ClusterClient;
  /** Connections refused until reachable again. */
  setReachable(cluster: string, reachable: boolean): Promise<void>;
  /** Every open connection, watches included, is cut. */
  cutWatches(cluster: string): void;
  /** Connections go silent without closing; those caught stay silent after the stall ends. */
  stallWatches(cluster: string, stalled: boolean): void;
  /** resourceVersions clients hold become too old: resuming a watch from one gets 410 Gone. */
  expireHistory(cluster: string): Promise<void>;
  /** The API server dies (SIGKILL for real ones) and comes back with its data. */
  restartApiServer(cluster: string): Promise<void>;
  /**
   * A new WEC asks to join the ITS, as `clusteradm join` leaves it: its API server up and in
   * both kubeconfigs, a pending ManagedCluster with `labels` and a pending CSR on the ITS.
   */
  addCluster(name: string, labels: Record<string, string>): Promise<void>;
  /**
   * Starts OCM cluster-proxy's service proxy in front of the WECs (needs the ITS) and writes a
   * kubeconfig holding the ITS context alone, as an operator of a fleet behind NAT has.
   */
  startClusterProxy(): Promise<{ url: string; hubKubeconfigPath: string }>;
  stop(): Promise<void>;
}

/** The simulator always; real control planes when tools/k8s/build.sh's folder is known. */
export function testFleetKinds(): TestFleetKind[] {
  return process.env[BINARIES_ENV] ? ['simulator', 'kwok'] : ['simulator'];
}

/** What the simulator's Fleet and the KwokFleet both offer, under the same names. */
interface FaultableFleet {
  users: { restricted: unknown };
  writeKubeconfig(path: string, user?: unknown): void;
  setReachable(cluster: string, reachable: boolean): Promise<void>;
  cutWatches(cluster: string): unknown;
  stallWatches(cluster: string, stalled: boolean): void;
  expireHistory(cluster: string): unknown;
  restartApiServer(cluster: string): Promise<void>;
  addCluster(name: string, labels: Record<string, string>): Promise<unknown>;
  startClusterProxy(): Promise<{ url: string }>;
  stop(): Promise<void>;
}

function asTestFleet(
  kind: TestFleetKind,
  fleet: FaultableFleet,
  dir: string,
): TestFleet {
  const kubeconfigPath = join(dir, 'kubeconfig');
  const restrictedKubeconfigPath = join(dir, 'kubeconfig.restricted');
  fleet.writeKubeconfig(kubeconfigPath);
  fleet.writeKubeconfig(restrictedKubeconfigPath, fleet.users.restricted);
  let kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(kubeconfigPath);
  return {
    kind,
    kubeconfigPath,
    restrictedKubeconfigPath,
    client: cluster => new ClusterClient(kubeConfig, cluster),
    setReachable: (cluster, reachable) =>
      fleet.setReachable(cluster, reachable),
    cutWatches: cluster => fleet.cutWatches(cluster),
    stallWatches: (cluster, stalled) => fleet.stallWatches(cluster, stalled),
    expireHistory: async cluster => {
      await fleet.expireHistory(cluster);
    },
    restartApiServer: cluster => fleet.restartApiServer(cluster),
    async addCluster(name, labels) {
      await fleet.addCluster(name, labels);
      fleet.writeKubeconfig(kubeconfigPath);
      fleet.writeKubeconfig(restrictedKubeconfigPath, fleet.users.restricted);
      kubeConfig = new KubeConfig();
      kubeConfig.loadFromFile(kubeconfigPath);
    },
    async startClusterProxy() {
      const { url } = await fleet.startClusterProxy();
      const hub = new KubeConfig();
      hub.loadFromFile(kubeconfigPath);
      const its = hub.getContextObject('its1')!;
      const onlyIts = new KubeConfig();
      onlyIts.loadFromOptions({
        clusters: [hub.getCluster(its.cluster)!],
        users: [hub.getUser(its.user)!],
        contexts: [its],
        currentContext: 'its1',
      });
      const hubKubeconfigPath = join(dir, 'kubeconfig.hub');
      writeFileSync(hubKubeconfigPath, onlyIts.exportConfig());
      return { url, hubKubeconfigPath };
    },
    async stop() {
      await fleet.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A test fleet of `kind`. `its`: with KubeStellar's ITS (context `its1`) holding a joined
 * ManagedCluster per WEC; the simulator always has one.
 */
export async function startTestFleet(
  kind: TestFleetKind,
  options: { its?: boolean } = {},
): Promise<TestFleet> {
  const dir = mkdtempSync(join(tmpdir(), 'wecs-test-'));
  const fleet =
    kind === 'kwok'
      ? await KwokFleet.start({ clusters: 2, its: options.its })
      : await Fleet.start({
          clusters: 2,
          tickMs: 200,
          bookmarkIntervalMs: 500,
          rolloutEveryMs: 0,
          availabilityFlipMs: 0,
        });
  return asTestFleet(kind, fleet, dir);
}

/** Real API servers send a bookmark about once a minute, and none without a watch cache. */
export const stallTimeoutFor = (kind: TestFleetKind) =>
  kind === 'kwok' ? 5000 : 1500;

/** A test fleet of `kind` and a watch pool on cluster1 and cluster2, started. */
export async function startTestFleetWithPool(
  kind: TestFleetKind,
  watchOptions: ClusterWatchOptions = testWatchOptions({
    watcher: {
      ...testWatchOptions().watcher,
      stallTimeoutMs: stallTimeoutFor(kind),
    },
  }),
) {
  const fleet = await startTestFleet(kind);
  const { pool, store, logger } = await startPool(
    [
      new KubeconfigClusterSource(fleet.kubeconfigPath, [
        'cluster1',
        'cluster2',
      ]),
    ],
    watchOptions,
  );
  return {
    fleet,
    store,
    pool,
    logger,
    async stop() {
      pool.stop();
      await fleet.stop();
    },
  };
}

/** Restarts a Deployment's pods as `kubectl rollout restart` does. */
export function rolloutRestart(
  fleet: TestFleet,
  cluster: string,
  namespace: string,
  name: string,
) {
  return fleet.client(cluster).sendJson(
    'PATCH',
    `/apis/apps/v1/namespaces/${namespace}/deployments/${name}`,
    {
      spec: {
        template: {
          metadata: {
            annotations: {
              'kubectl.kubernetes.io/restartedAt': new Date().toISOString(),
            },
          },
        },
      },
    },
    'application/strategic-merge-patch+json',
  );
}
