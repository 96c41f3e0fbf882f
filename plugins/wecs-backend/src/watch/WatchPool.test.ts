import { Fleet } from '@kubestellar/fleet-sim';
import {
  startFleetWithPool,
  testWatchOptions,
  waitFor,
} from '../__testUtils__/simulatedFleet';
import { FleetStore } from '../store/FleetStore';
import { WatchPool } from './WatchPool';

jest.setTimeout(90_000);

/** The watch pool against the simulated fleet, with the simulator's faults injected. */
describe('WatchPool', () => {
  let fleet: Fleet;
  let pool: WatchPool;
  let store: FleetStore;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ fleet, pool, store, stop } = await startFleetWithPool(
      {
        clusters: 2,
        tickMs: 200,
        bookmarkIntervalMs: 500,
        rolloutEveryMs: 0,
        availabilityFlipMs: 0,
      },
      ['cluster1', 'cluster2'],
      testWatchOptions({
        watcher: {
          pageSize: 7,
          stallTimeoutMs: 1500,
          watchTimeoutSeconds: 300,
          backoff: { initialMs: 100, maxMs: 1000 },
        },
        rediscoverEveryMs: 500,
      }),
    ));
  });

  afterAll(() => stop());

  /** What the cluster holds of the watched types right now, as `kind ns/name@rv`. */
  const clusterView = (name: string) => {
    const { cluster } = fleet.member(name);
    const watched = pool.cluster(name)!.watchedTypes;
    const excluded = new Set(['kube-system', 'kube-public', 'kube-node-lease']);
    return watched
      .flatMap(target => {
        const type = cluster.types.findByKind(target.apiVersion, target.kind);
        return type ? cluster.list(type) : [];
      })
      .filter(o => !excluded.has(o.metadata.namespace ?? ''))
      .map(
        o =>
          `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}@${
            o.metadata.resourceVersion
          }`,
      )
      .sort();
  };

  const storeView = (name: string) =>
    store
      .query({ cluster: name })
      .map(r => `${r.kind} ${r.namespace ?? ''}/${r.name}@${r.resourceVersion}`)
      .sort();

  const storeEqualsCluster = (name: string) =>
    waitFor(
      `the store to equal ${name}`,
      () =>
        JSON.stringify(storeView(name)) === JSON.stringify(clusterView(name)),
    );

  const state = (name: string) => pool.clusters().find(c => c.name === name)!;

  it('lists and watches every cluster until the store equals it', async () => {
    await waitFor('both clusters connected', () =>
      pool.clusters().every(c => c.state === 'connected'),
    );
    await expect(storeEqualsCluster('cluster1')).resolves.toBe(true);
    await expect(storeEqualsCluster('cluster2')).resolves.toBe(true);
    const counts = state('cluster1').counts;
    expect(counts.byKind.Pod).toBeGreaterThan(5);
    expect(counts.byKind.Deployment).toBeGreaterThan(0);
    expect(counts.byKind.Database).toBe(1);
    expect(
      store.query({ cluster: 'cluster1', namespaces: ['kube-system'] }),
    ).toEqual([]);
  });

  it('keeps slim objects with owners, normalized status and no Secret values', async () => {
    const pod = store.query({
      cluster: 'cluster1',
      kinds: ['Pod'],
      name: 'storefront-',
    })[0];
    expect(pod.owners?.[0]).toMatchObject({
      kind: 'ReplicaSet',
      controller: true,
    });
    expect(pod.summary?.containers?.map(c => `${c.name}:${c.role}`)).toEqual([
      'migrate:init',
      'web:main',
      'log-shipper-sidecar:sidecar',
    ]);
    const secret = store.query({ cluster: 'cluster1', kinds: ['Secret'] })[0];
    expect(JSON.stringify(secret)).not.toContain(
      Buffer.from('s3cr3t-demo-password').toString('base64'),
    );
    expect(secret.summary?.dataKeys).toEqual(['username', 'password']);
    await waitFor('the canary to crash-loop', () =>
      store
        .query({ cluster: 'cluster2', kinds: ['Pod'], name: 'recommendations' })
        .some(p => p.status.phase === 'failed'),
    );
  });

  it('resumes after cut watches', async () => {
    fleet.cutWatches('cluster1');
    fleet.rolloutStorefront();
    await expect(storeEqualsCluster('cluster1')).resolves.toBe(true);
    expect(state('cluster1').state).toBe('connected');
  });

  it('relists after 410 Gone', async () => {
    fleet.expireHistory('cluster1');
    fleet.cutWatches('cluster1');
    fleet.rolloutStorefront();
    await expect(storeEqualsCluster('cluster1')).resolves.toBe(true);
  });

  it('restarts watches that go silent', async () => {
    fleet.stallWatches('cluster2', true);
    await new Promise(resolve => setTimeout(resolve, 300));
    fleet.stallWatches('cluster2', false);
    // Streams opened before the stall stay silent; only the stall timeout revives them.
    await expect(storeEqualsCluster('cluster2')).resolves.toBe(true);
  });

  it('reports a cluster that goes down with its error, and recovers', async () => {
    await fleet.setReachable('cluster2', false);
    await waitFor(
      'cluster2 disconnected',
      () => state('cluster2').state === 'disconnected',
    );
    expect(state('cluster2').lastError).toMatch(/ECONNREFUSED|ECONNRESET/);
    expect(state('cluster1').state).toBe('connected');
    await fleet.setReachable('cluster2', true);
    await waitFor(
      'cluster2 connected again',
      () => state('cluster2').state === 'connected',
    );
    await expect(storeEqualsCluster('cluster2')).resolves.toBe(true);
  });

  it('rides out 500s and 429s', async () => {
    fleet.failRequests('cluster1', 500, 3);
    fleet.cutWatches('cluster1');
    await expect(storeEqualsCluster('cluster1')).resolves.toBe(true);
    fleet.failRequests('cluster1', 429, 2);
    fleet.cutWatches('cluster1');
    await expect(storeEqualsCluster('cluster1')).resolves.toBe(true);
  });

  it('discovers a custom resource type defined while running', async () => {
    const { cluster } = fleet.member('cluster1');
    const crdType = cluster.types.find(
      'apiextensions.k8s.io',
      'v1',
      'customresourcedefinitions',
    )!;
    cluster.create(crdType, undefined, {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'caches.shop.example.com' },
      spec: {
        group: 'shop.example.com',
        scope: 'Namespaced',
        names: {
          kind: 'Cache',
          plural: 'caches',
          singular: 'cache',
          listKind: 'CacheList',
        },
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: { openAPIV3Schema: { type: 'object' } },
          },
        ],
      },
    });
    const cacheType = cluster.types.find('shop.example.com', 'v1', 'caches')!;
    cluster.create(cacheType, 'shop', {
      apiVersion: 'shop.example.com/v1',
      kind: 'Cache',
      metadata: { name: 'sessions' },
      spec: { size: '1Gi' },
    });
    await waitFor(
      'the new kind in the store',
      () => store.query({ cluster: 'cluster1', kinds: ['Cache'] }).length === 1,
    );
    await expect(storeEqualsCluster('cluster1')).resolves.toBe(true);
  });
});
