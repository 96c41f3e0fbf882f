import { Fleet } from '@kubestellar/fleet-sim';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import {
  startFleetWithPool,
  startPool,
  testWatchOptions,
  waitFor,
} from '../__testUtils__/simulatedFleet';
import {
  rolloutRestart,
  stallTimeoutFor,
  startTestFleet,
  startTestFleetWithPool,
  TestFleet,
  testFleetKinds,
} from '../__testUtils__/testFleets';
import { KubeconfigClusterSource } from '../cluster/KubeconfigClusterSource';
import { FleetStore } from '../store/FleetStore';
import { namespaceMatcher } from './ClusterWatch';
import { DEFAULT_EXCLUDED_NAMESPACES } from './options';
import { apiPathOf } from '../cluster/ResourceWatcher';
import { WatchPool } from './WatchPool';

jest.setTimeout(240_000);

/**
 * The watch pool against the simulated fleet and against real API servers (when built), with
 * the same faults injected into both. The store must end equal to what each API server lists.
 */
describe.each(testFleetKinds())('WatchPool against the %s', kind => {
  let fleet: TestFleet;
  let pool: WatchPool;
  let store: FleetStore;
  let stop: () => Promise<void>;
  // Real clusters run kwok's pod lifecycle (seconds per stage) and a CronJob: allow for it.
  const settleMs = kind === 'kwok' ? 90_000 : 20_000;

  beforeAll(async () => {
    ({ fleet, pool, store, stop } = await startTestFleetWithPool(
      kind,
      testWatchOptions({
        watcher: {
          pageSize: 7,
          stallTimeoutMs: stallTimeoutFor(kind),
          watchTimeoutSeconds: 300,
          backoff: { initialMs: 100, maxMs: 1000 },
        },
        rediscoverEveryMs: 500,
      }),
    ));
  });

  afterAll(() => stop?.());

  const excluded = namespaceMatcher(DEFAULT_EXCLUDED_NAMESPACES);

  /** What the API server lists of the watched types right now, as `kind ns/name@rv`. */
  const clusterView = async (name: string) => {
    const client = fleet.client(name);
    const lists = await Promise.all(
      pool.cluster(name)!.watchedTypes.map(async target => {
        const list = await client.getJson(apiPathOf(target));
        return (list.items ?? []).map((o: any) => ({
          kind: target.kind,
          ...o,
        }));
      }),
    );
    return lists
      .flat()
      .filter(o => !excluded(o.metadata.namespace))
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
      async () =>
        JSON.stringify(storeView(name)) ===
        JSON.stringify(await clusterView(name)),
      settleMs,
    );

  const state = (name: string) => pool.clusters().find(c => c.name === name)!;

  const runningPods = (name: string) =>
    store
      .query({ cluster: name, kinds: ['Pod'] })
      .filter(p => p.status.phase === 'running').length;

  it('lists and watches every cluster until the store equals it', async () => {
    await waitFor(
      'both clusters connected',
      () => pool.clusters().every(c => c.state === 'connected'),
      settleMs,
    );
    await waitFor('pods running', () => runningPods('cluster1') > 5, settleMs);
    await expect(storeEqualsCluster('cluster1')).resolves.toBe(true);
    await expect(storeEqualsCluster('cluster2')).resolves.toBe(true);
    const counts = store.clusterStatus(state('cluster1')).counts;
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
    const secret = store.query({
      cluster: 'cluster1',
      kinds: ['Secret'],
      name: 'payments-credentials',
    })[0];
    expect(JSON.stringify(secret)).not.toContain(
      Buffer.from('s3cr3t-demo-password').toString('base64'),
    );
    // As a real API server answers: Go writes map keys sorted.
    expect(secret.summary?.dataKeys).toEqual(['password', 'username']);
    await waitFor(
      'the canary to crash-loop',
      () =>
        store
          .query({
            cluster: 'cluster2',
            kinds: ['Pod'],
            name: 'recommendations',
          })
          .some(p => p.status.phase === 'failed'),
      settleMs,
    );
  });

  it('resumes after cut watches', async () => {
    fleet.cutWatches('cluster1');
    await rolloutRestart(fleet, 'cluster1', 'shop', 'storefront');
    await expect(storeEqualsCluster('cluster1')).resolves.toBe(true);
    expect(state('cluster1').state).toBe('connected');
  });

  it('relists after 410 Gone', async () => {
    const watch = pool.cluster('cluster1')!;
    const expirationsBefore = watch.expirationCount;
    await fleet.expireHistory('cluster1');
    fleet.cutWatches('cluster1');
    await rolloutRestart(fleet, 'cluster1', 'shop', 'storefront');
    await expect(storeEqualsCluster('cluster1')).resolves.toBe(true);
    expect(watch.expirationCount).toBeGreaterThan(expirationsBefore);
  });

  it('restarts watches that go silent', async () => {
    fleet.stallWatches('cluster2', true);
    await new Promise(resolve => setTimeout(resolve, 300));
    fleet.stallWatches('cluster2', false);
    await rolloutRestart(fleet, 'cluster2', 'shop', 'storefront');
    // Streams opened before the stall stay silent; only the stall timeout revives them.
    await expect(storeEqualsCluster('cluster2')).resolves.toBe(true);
  });

  it('reports a cluster that goes down with its error, and recovers', async () => {
    await fleet.setReachable('cluster2', false);
    // Connections cut mid-handshake fail their own ways first; the retries meet a closed port.
    await waitFor(
      'cluster2 disconnected, its connections refused',
      () =>
        state('cluster2').state === 'disconnected' &&
        /ECONNREFUSED/.test(state('cluster2').lastError ?? ''),
    );
    expect(state('cluster1').state).toBe('connected');
    await fleet.setReachable('cluster2', true);
    await waitFor(
      'cluster2 connected again',
      () => state('cluster2').state === 'connected',
    );
    await expect(storeEqualsCluster('cluster2')).resolves.toBe(true);
  });

  it('catches up after the API server is killed and restarted while watched', async () => {
    await fleet.restartApiServer('cluster2');
    await rolloutRestart(fleet, 'cluster2', 'shop', 'storefront');
    await waitFor(
      'cluster2 connected after the restart',
      () => state('cluster2').state === 'connected',
      settleMs,
    );
    await expect(storeEqualsCluster('cluster2')).resolves.toBe(true);
  });

  it('discovers a custom resource type defined while running', async () => {
    const client = fleet.client('cluster1');
    await client.sendJson(
      'POST',
      '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
      {
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
              schema: {
                openAPIV3Schema: {
                  type: 'object',
                  'x-kubernetes-preserve-unknown-fields': true,
                },
              },
            },
          ],
        },
      },
    );
    // A real API server serves a new CRD's kind only once it is Established.
    await waitFor('the Cache kind to be served', async () => {
      try {
        await client.sendJson(
          'POST',
          '/apis/shop.example.com/v1/namespaces/shop/caches',
          {
            apiVersion: 'shop.example.com/v1',
            kind: 'Cache',
            metadata: { name: 'sessions' },
            spec: { size: '1Gi' },
          },
        );
        return true;
      } catch {
        return false;
      }
    });
    await waitFor(
      'the new kind in the store',
      () => store.query({ cluster: 'cluster1', kinds: ['Cache'] }).length === 1,
    );
    await expect(storeEqualsCluster('cluster1')).resolves.toBe(true);
  });

  it('shows a user what RBAC refuses it, and what it may see', async () => {
    const { pool: restricted, store: restrictedStore } = await startPool([
      new KubeconfigClusterSource(fleet.restrictedKubeconfigPath, ['cluster1']),
    ]);
    try {
      const status = () =>
        restrictedStore.clusterStatus(restricted.clusters()[0]);
      await waitFor(
        'the refused kinds to be reported',
        () =>
          status().state === 'connected' &&
          status().counts.byKind.Namespace > 0 &&
          (status().refused ?? []).some(r => r.kind === 'Pod'),
        settleMs,
      );
      const refusedPods = status().refused!.find(r => r.kind === 'Pod')!;
      expect(refusedPods.message).toMatch(/403|forbidden/i);
      expect(
        restrictedStore.query({ cluster: 'cluster1', kinds: ['Namespace'] })
          .length,
      ).toBeGreaterThan(0);
      expect(
        restrictedStore.query({ cluster: 'cluster1', kinds: ['Pod'] }),
      ).toEqual([]);
    } finally {
      restricted.stop();
    }
  });
});

/** Faults only the simulator can inject: API servers answering 500 and 429. */
describe('WatchPool against a failing simulated API server', () => {
  let fleet: Fleet;
  let pool: WatchPool;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ fleet, pool, stop } = await startFleetWithPool(
      { clusters: 1, tickMs: 200, rolloutEveryMs: 0, availabilityFlipMs: 0 },
      ['cluster1'],
    ));
  });

  afterAll(() => stop());

  const connected = () =>
    waitFor('cluster1 connected', () =>
      pool.clusters().every(c => c.state === 'connected'),
    );

  it('rides out 500s and 429s', async () => {
    const { server } = fleet.member('cluster1');
    const failuresServed = () =>
      waitFor(
        'the injected failures to be served',
        () => (server.faults.failures?.remaining ?? 0) === 0,
      );
    await connected();
    fleet.failRequests('cluster1', 500, 3);
    fleet.cutWatches('cluster1');
    await failuresServed();
    await expect(connected()).resolves.toBe(true);
    fleet.failRequests('cluster1', 429, 2);
    fleet.cutWatches('cluster1');
    await failuresServed();
    await expect(connected()).resolves.toBe(true);
  });
});

/**
 * The pool as the kubeconfig file it follows changes on disk: a context added is watched, one
 * removed leaves with its objects, new credentials are taken without dropping the store, and
 * a broken file keeps what was watched. Against both fleets: on real API servers objects come
 * and go meanwhile, so what must hold is that nothing still in the cluster was deleted.
 */
describe.each(testFleetKinds())(
  'WatchPool following an edited kubeconfig, against the %s',
  kind => {
    let fleet: TestFleet;
    let fleetKubeconfig: any;
    let path: string;
    const settleMs = kind === 'kwok' ? 90_000 : 20_000;

    beforeAll(async () => {
      fleet = await startTestFleet(kind);
      fleetKubeconfig = parse(readFileSync(fleet.kubeconfigPath, 'utf8'));
      path = join(dirname(fleet.kubeconfigPath), 'followed');
    });

    afterAll(() => fleet?.stop());

    /** Writes the followed file with these contexts, as tools do: a new file renamed over it. */
    const write = (contexts: string[], renameUserOf?: string) => {
      const config = structuredClone(fleetKubeconfig);
      config.contexts = config.contexts.filter((c: any) =>
        contexts.includes(c.name),
      );
      if (renameUserOf) {
        const context = config.contexts.find(
          (c: any) => c.name === renameUserOf,
        );
        const user = config.users.find(
          (u: any) => u.name === context.context.user,
        );
        config.users.push({ ...user, name: `${user.name}-rotated` });
        context.context.user = `${user.name}-rotated`;
      }
      writeFileSync(`${path}.new`, stringify(config));
      renameSync(`${path}.new`, path);
    };

    it('adds, swaps credentials in place, removes, and survives a broken file', async () => {
      write(['cluster1']);
      const { pool, store, logger } = await startPool(
        [new KubeconfigClusterSource(path)],
        testWatchOptions({
          watcher: {
            ...testWatchOptions().watcher,
            stallTimeoutMs: stallTimeoutFor(kind),
          },
        }),
      );
      /** The uids the API server lists of the types watched in `cluster`, now. */
      const clusterUids = async (cluster: string) => {
        const watch = pool.cluster(cluster)!;
        const uids = new Set<string>();
        for (const target of watch.watchedTypes) {
          const list = await fleet.client(cluster).getJson(apiPathOf(target));
          for (const item of list.items ?? [])
            if (!watch.excludes(item.metadata?.namespace))
              uids.add(item.metadata.uid);
        }
        return uids;
      };
      const storeEqualsCluster = async (cluster: string) => {
        const listed = await clusterUids(cluster);
        const held = store.query({ cluster }).map(r => r.uid);
        return held.length === listed.size && held.every(u => listed.has(u));
      };
      try {
        await waitFor(
          'cluster1 connected',
          () => pool.cluster('cluster1')?.clusterStatus.state === 'connected',
          settleMs,
        );
        const deleted: string[] = [];
        store.subscribe(change => {
          if (change.op === 'delete' && change.resource.cluster === 'cluster1')
            deleted.push(change.resource.uid);
        });
        expect(store.counts('cluster1').total).toBeGreaterThan(20);
        const clientBefore = pool.cluster('cluster1')!.client;

        // cluster2's context appears; cluster1's credentials change.
        write(['cluster1', 'cluster2'], 'cluster1');
        await waitFor(
          'cluster2 connected with its objects',
          () =>
            Boolean(
              pool.cluster('cluster2')?.clusterStatus.state === 'connected' &&
                store.counts('cluster2').total > 20,
            ),
          settleMs,
        );
        await waitFor(
          'cluster1 watched with its new client',
          () => pool.cluster('cluster1')!.client !== clientBefore,
        );
        await waitFor(
          'cluster1 connected again, its store equal to the cluster',
          async () =>
            pool.cluster('cluster1')!.clusterStatus.state === 'connected' &&
            (await storeEqualsCluster('cluster1')),
          settleMs,
        );
        expect(logger.info).toHaveBeenCalledWith(
          'cluster cluster1: its credentials or server changed; watching again with the new ones',
        );
        // Only objects the cluster itself deleted left the store: the swap dropped nothing.
        const stillThere = await clusterUids('cluster1');
        expect(deleted.filter(uid => stillThere.has(uid))).toEqual([]);

        // cluster2's context goes: it leaves, with its objects.
        write(['cluster1']);
        await waitFor('cluster2 gone', () => !pool.cluster('cluster2'));
        expect(store.counts('cluster2').total).toBe(0);
        expect(pool.clusters().map(c => c.name)).toEqual(['cluster1']);

        // A broken file: the last good one stays in use, and the pool says so.
        writeFileSync(path, 'contexts: [ {{');
        await waitFor('the broken file reported', () =>
          pool.errors.some(e => e.includes('stays in use')),
        );
        // Still watched; a watch restarted after a quiet spell shows as connecting for a moment,
        // so the state is waited for, not sampled.
        expect(pool.cluster('cluster1')).toBeDefined();
        await waitFor(
          'cluster1 connected, its store still equal to the cluster',
          async () =>
            pool.cluster('cluster1')!.clusterStatus.state === 'connected' &&
            (await storeEqualsCluster('cluster1')),
          settleMs,
        );
      } finally {
        pool.stop();
      }
    });
  },
);
