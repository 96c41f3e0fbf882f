import { ClusterClient } from '@kubestellar/plugin-wecs-node';
import { testWatchOptions, waitFor } from '../__testUtils__/simulatedFleet';
import {
  startTestFleetWithPool,
  TestFleet,
  testFleetKinds,
} from '../__testUtils__/testFleets';
import { ListGate } from '../cluster/ListGate';
import { FleetStore } from '../store/FleetStore';
import { WatchEvent } from './events';
import { WatchPool } from './WatchPool';

jest.setTimeout(120_000);

const CONFIGMAPS = '/api/v1/namespaces/shop/configmaps';

/** Counts the LIST requests a client sends (its watches open with `open`, not `getJson`). */
function countLists(client: ClusterClient) {
  const counter = { lists: 0, running: 0, mostAtOnce: 0 };
  const getJson = client.getJson.bind(client);
  jest.spyOn(client, 'getJson').mockImplementation(async (path, signal) => {
    const isList = !/\/namespaces\/[^/]+\/[^/]+\/[^/?]+$/.test(
      path.split('?')[0],
    );
    if (isList) {
      counter.lists++;
      counter.running++;
      counter.mostAtOnce = Math.max(counter.mostAtOnce, counter.running);
    }
    try {
      return await getJson(path, signal);
    } finally {
      if (isList) counter.running--;
    }
  });
  return counter;
}

/**
 * A refresh lists every watched type again from the API server and puts the store right, even
 * when the watches missed what changed: their streams stalled, and the stall is never noticed
 * (the stall timeout is far longer than the test).
 */
describe.each(testFleetKinds())('ClusterWatch.refresh against the %s', kind => {
  const listGate = new ListGate(2);
  let fleet: TestFleet;
  let pool: WatchPool;
  let store: FleetStore;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ fleet, pool, store, stop } = await startTestFleetWithPool(
      kind,
      testWatchOptions({
        watcher: {
          pageSize: 100,
          stallTimeoutMs: 600_000,
          watchTimeoutSeconds: 300,
          backoff: { initialMs: 100, maxMs: 1000 },
          listGate,
        },
      }),
    ));
    await waitFor(
      'both clusters connected',
      () => pool.clusters().every(c => c.state === 'connected'),
      90_000,
    );
  });

  afterEach(() => jest.restoreAllMocks());
  afterAll(() => stop?.());

  const configMap = (name: string) =>
    store
      .query({
        cluster: 'cluster1',
        kinds: ['ConfigMap'],
        namespaces: ['shop'],
      })
      .find(o => o.name === name);

  // The KWOK fleet stalls a cluster's whole network path, the test's own writes included; only
  // the simulator can stall its watches alone and take writes meanwhile.
  (kind === 'simulator' ? describe : describe.skip)(
    'when its watches stall alone',
    () => {
      it('corrects what a stalled watch missed, with one LIST per type, and keeps the rows meanwhile', async () => {
        const client = fleet.client('cluster1');
        await client.sendJson('POST', CONFIGMAPS, {
          metadata: { name: 'gone-behind' },
          data: { a: '1' },
        });
        await waitFor('the watch sees the new ConfigMap', () =>
          Boolean(configMap('gone-behind')),
        );

        fleet.stallWatches('cluster1', true);
        await client.sendJson(
          'PATCH',
          `${CONFIGMAPS}/storefront-config`,
          { metadata: { labels: { changed: 'behind-the-watch' } } },
          'application/merge-patch+json',
        );
        await client.sendJson('POST', CONFIGMAPS, {
          metadata: { name: 'made-behind' },
          data: { b: '2' },
        });
        await client.sendJson('DELETE', `${CONFIGMAPS}/gone-behind`, undefined);
        await new Promise(resolve => setTimeout(resolve, 500));
        // The watches missed all three.
        expect(configMap('storefront-config')?.labels?.changed).toBeUndefined();
        expect(configMap('made-behind')).toBeUndefined();
        expect(configMap('gone-behind')).toBeDefined();

        // New connections go through again; those the stall caught stay silent (the simulator's
        // stalled watches, the KWOK proxy's whole connections).
        fleet.stallWatches('cluster1', false);
        const watch = pool.cluster('cluster1')!;
        const counter = countLists(watch.client);
        const events: WatchEvent[] = [];
        const unsubscribe = pool.subscribe(event => events.push(event));
        const held = () =>
          new Set(store.query({ cluster: 'cluster1' }).map(r => r.uid));
        const heldBefore = held();
        const goneUid = configMap('gone-behind')!.uid;
        // A second refresh while the first runs joins it.
        const [fromPool, joined] = await Promise.all([
          pool.refresh(['cluster1']),
          watch.refresh(),
        ]);
        unsubscribe();

        expect(fromPool).toEqual([joined]);
        expect(joined.error).toBeUndefined();
        expect(joined.types).toBe(watch.watchedTypes.length);
        expect(joined.lists).toBe(counter.lists);
        // Every type fits in one page here: exactly one LIST each.
        expect(counter.lists).toBe(watch.watchedTypes.length);
        expect(counter.mostAtOnce).toBeLessThanOrEqual(listGate.max);

        expect(configMap('storefront-config')?.labels?.changed).toBe(
          'behind-the-watch',
        );
        expect(configMap('made-behind')).toBeDefined();
        expect(configMap('gone-behind')).toBeUndefined();
        // Put right in place: one object removed, one added, nothing else dropped, and the
        // cluster connected throughout.
        const deleted = events.filter(e => e.type === 'objectDeleted');
        expect(deleted).toEqual([]);
        // (The simulator's controllers go on meanwhile: a CronJob may start a pod, which the
        // refresh rightly brings too.)
        const heldAfter = held();
        expect([...heldBefore].filter(uid => !heldAfter.has(uid))).toEqual([
          goneUid,
        ]);
        expect(
          events.filter(
            e => e.type === 'clusterStatus' && e.status.state !== 'connected',
          ),
        ).toEqual([]);
        expect(events.some(e => e.type === 'clusterUnwatched')).toBe(false);

        // Then the watch resumes from the fresh list: what changes next arrives by itself.
        await client.sendJson('DELETE', `${CONFIGMAPS}/made-behind`, undefined);
        await waitFor(
          'the watch sees the deletion',
          () => !configMap('made-behind'),
        );
      });
    },
  );

  it('refreshes the whole fleet through the list gate, never more lists at once than it allows', async () => {
    const counters = ['cluster1', 'cluster2'].map(name =>
      countLists(pool.cluster(name)!.client),
    );
    const results = await pool.refresh();
    expect(results.map(r => r.cluster).sort()).toEqual([
      'cluster1',
      'cluster2',
    ]);
    for (const [index, result] of results.entries()) {
      expect(result.error).toBeUndefined();
      expect(result.lists).toBeGreaterThan(0);
      expect(counters[index].lists).toBe(result.lists);
    }
    const running = counters.reduce((n, c) => n + c.mostAtOnce, 0);
    expect(running).toBeGreaterThan(0);
    expect(Math.max(...counters.map(c => c.mostAtOnce))).toBeLessThanOrEqual(
      listGate.max,
    );
  });

  it('says what failed when the API server cannot be reached, and keeps the rows', async () => {
    const objectsBefore = store.query({ cluster: 'cluster2' }).length;
    await fleet.setReachable('cluster2', false);
    try {
      const [result] = await pool.refresh(['cluster2']);
      expect(result.cluster).toBe('cluster2');
      expect(result.error).toMatch(/pods/);
      expect(store.query({ cluster: 'cluster2' }).length).toBe(objectsBefore);
    } finally {
      await fleet.setReachable('cluster2', true);
    }
  });
});
