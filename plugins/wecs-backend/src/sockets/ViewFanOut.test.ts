import {
  FleetRowsMessage,
  FleetServerMessage,
  FleetViewRequest,
  FleetWindowMessage,
  SlimResource,
} from '@kubestellar/plugin-wecs-common';
import { FleetStore } from '../store/FleetStore';
import { WatchListener } from '../watch/events';
import { DEFAULT_VIEW_OPTIONS, ViewFanOut } from './ViewFanOut';
import { watchStatus } from '../__testUtils__/watchStatus';

const pod = (
  cluster: string,
  namespace: string,
  i: number,
  rv = '1',
  phase: 'running' | 'failed' = 'running',
): SlimResource => ({
  cluster,
  apiVersion: 'v1',
  kind: 'Pod',
  resource: 'pods',
  namespace,
  name: `pod-${i}`,
  uid: `${cluster}-${namespace}-${i}`,
  resourceVersion: rv,
  status: { phase },
});

const settle = (ms = 40) => new Promise(resolve => setTimeout(resolve, ms));

function setUp() {
  const store = new FleetStore();
  const clusters = [watchStatus('cluster1'), watchStatus('cluster2')];
  const listeners: WatchListener[] = [];
  let errors: string[] = [];
  const pool = {
    clusters: () => clusters,
    get errors() {
      return errors;
    },
    subscribe: (listener: WatchListener) => {
      listeners.push(listener);
      return () => {};
    },
  };
  for (const cluster of ['cluster1', 'cluster2']) {
    for (const ns of ['a', 'b']) {
      for (let i = 0; i < 300; i++) store.upsert(pod(cluster, ns, i));
    }
  }
  const fanOut = new ViewFanOut(store, pool, 'epoch-1', {
    ...DEFAULT_VIEW_OPTIONS,
    batchMs: 5,
    countsIntervalMs: 200,
  });
  const sent: FleetServerMessage[] = [];
  const channel = {
    bufferedAmount: 0,
    send: (m: FleetServerMessage) => sent.push(m),
  };
  const windows = (view: string) =>
    sent.filter(
      (m): m is FleetWindowMessage => m.type === 'window' && m.view === view,
    );
  /** Every window and rows message of a view, in order. */
  const updates = (view: string) =>
    sent.filter(
      (m): m is FleetWindowMessage | FleetRowsMessage =>
        (m.type === 'window' || m.type === 'rows') && m.view === view,
    );
  const show = (views: FleetViewRequest[]) =>
    fanOut.update(channel, { type: 'views', views });
  const setErrors = (next: string[]) => {
    errors = next;
    listeners.forEach(l => l({ type: 'sourceErrors', errors: next }));
  };
  const emit = (event: Parameters<WatchListener>[0]) =>
    listeners.forEach(l => l(event));
  return {
    store,
    fanOut,
    sent,
    channel,
    windows,
    updates,
    show,
    setErrors,
    emit,
    clusters,
  };
}

const CLUSTERS: FleetViewRequest = {
  id: 'clusters',
  query: { level: 'clusters' },
};
const podsOf = (
  namespace: string,
  offset = 0,
  limit = 50,
): FleetViewRequest => ({
  id: `pods-${namespace}`,
  query: { level: 'instances', cluster: 'cluster1', namespace, kind: 'Pod' },
  offset,
  limit,
});

describe('ViewFanOut', () => {
  it('sends each new or moved window at once, and nothing for what stays', () => {
    const { fanOut, sent, windows, show } = setUp();
    show([CLUSTERS]);
    expect(sent[0]).toEqual({
      type: 'fleet',
      seq: expect.any(Number),
      errors: [],
    });
    expect(windows('clusters')[0]).toMatchObject({
      total: 2,
      offset: 0,
      rows: [
        {
          type: 'cluster',
          key: 'cluster1',
          counts: { total: 600, failed: 0, pending: 0 },
        },
        { type: 'cluster', key: 'cluster2' },
      ],
    });
    show([CLUSTERS, podsOf('a', 100, 3)]);
    expect(windows('clusters')).toHaveLength(1);
    const pods = windows('pods-a')[0];
    expect(pods.total).toBe(300);
    expect(
      pods.rows.map(r => r.type === 'instance' && r.resource.name),
    ).toEqual(['pod-100', 'pod-101', 'pod-102']);
    show([CLUSTERS, podsOf('a', 250, 100)]);
    expect(windows('pods-a')[1]).toMatchObject({ offset: 250, total: 300 });
    expect(windows('pods-a')[1].rows).toHaveLength(50);
    expect(windows('pods-a')[1].keys).toBeUndefined();
    // A window that moves over rows the client holds names those by key, and sends the rest.
    show([CLUSTERS, podsOf('a', 240, 20)]);
    const moved = windows('pods-a')[2];
    expect(moved.keys).toEqual(
      Array.from({ length: 20 }, (_, i) => `cluster1-a-${240 + i}`),
    );
    expect(moved.rows.map(r => r.key)).toEqual(
      Array.from({ length: 10 }, (_, i) => `cluster1-a-${240 + i}`),
    );
    fanOut.close();
  });

  it('sends the rows that change in a window, a window naming its rows by key when rows come or go, and nothing for changes outside it', async () => {
    const { store, fanOut, updates, show } = setUp();
    show([podsOf('a', 0, 10), podsOf('b', 0, 10)]);
    store.upsert(pod('cluster1', 'a', 5, '2', 'failed'));
    store.upsert(pod('cluster1', 'a', 200, '2'));
    store.upsert(pod('cluster2', 'b', 5, '2'));
    await settle();
    expect(updates('pods-a').map(m => m.type)).toEqual(['window', 'rows']);
    expect(updates('pods-a')[1].rows).toEqual([
      expect.objectContaining({
        key: 'cluster1-a-5',
        resource: expect.objectContaining({ resourceVersion: '2' }),
        counts: { total: 1, failed: 1, pending: 0 },
      }),
    ]);
    // Namespace b of cluster1 did not change; cluster2's b is another cluster.
    expect(updates('pods-b')).toHaveLength(1);
    // A new pod changes the total: the window is sent whole.
    store.upsert(pod('cluster1', 'a', 1000));
    await settle();
    const last = updates('pods-a')[2] as FleetWindowMessage;
    expect(last.type === 'window' && last.total).toBe(301);
    // Its rows are those the client holds: named, not sent again.
    expect(last.keys).toHaveLength(10);
    expect(last.rows).toEqual([]);
    // A row that comes into the window is the one row sent.
    store.delete('cluster1', 'cluster1-a-0');
    await settle();
    const shifted = updates('pods-a')[3] as FleetWindowMessage;
    expect(shifted.keys?.at(-1)).toBe('cluster1-a-10');
    expect(shifted.rows.map(r => r.key)).toEqual(['cluster1-a-10']);
    fanOut.close();
  });

  it("sends an object's row again when the ITS says which policy delivered it, and recounts that policy's filter", async () => {
    const { store, fanOut, updates, show, channel } = setUp();
    const owner = {
      apiVersion: 'work.open-cluster-management.io/v1',
      kind: 'AppliedManifestWork',
      name: `${'0'.repeat(64)}-shop-wds1-0`,
      uid: 'amw-1',
    };
    store.upsert({ ...pod('cluster1', 'a', 7, '2'), owners: [owner] });
    show([podsOf('a', 0, 10)]);
    const row = (update: FleetWindowMessage | FleetRowsMessage) =>
      update.rows.find(r => r.key === 'cluster1-a-7');
    expect(row(updates('pods-a')[0])).toMatchObject({ policies: [] });
    const filtered: typeof channel = { bufferedAmount: 0, send: jest.fn() };
    fanOut.update(filtered, {
      type: 'views',
      filters: { policies: ['shop'] },
      views: [CLUSTERS],
    });
    const clusterCounts = () =>
      (filtered.send as jest.Mock).mock.calls
        .map(([m]) => m)
        .filter(m => m.type === 'window' || m.type === 'rows')
        .at(-1)
        .rows.map((r: { key: string; counts: { total: number } }) => [
          r.key,
          r.counts.total,
        ]);
    expect(clusterCounts()).toEqual([
      ['cluster1', 0],
      ['cluster2', 0],
    ]);
    store.upsert({
      cluster: 'its1',
      apiVersion: 'work.open-cluster-management.io/v1',
      kind: 'ManifestWork',
      resource: 'manifestworks',
      namespace: 'cluster1',
      name: 'shop-wds1-0',
      uid: 'mw-1',
      resourceVersion: '1',
      status: { phase: 'running' },
      labels: {
        'transport.kubestellar.io/originOwnerReferenceBindingKey': 'shop',
      },
    });
    await settle();
    expect(updates('pods-a').map(m => m.type)).toEqual(['window', 'rows']);
    expect(updates('pods-a')[1].rows).toEqual([
      expect.objectContaining({ key: 'cluster1-a-7', policies: ['shop'] }),
    ]);
    await settle(250);
    expect(clusterCounts()).toEqual([['cluster1', 1]]);
    fanOut.close();
  });

  it('coalesces counts-only changes to a few a second', async () => {
    const { store, fanOut, updates, show } = setUp();
    show([CLUSTERS]);
    const started = Date.now();
    for (let rv = 2; rv < 30; rv++) {
      store.upsert(
        pod('cluster2', 'a', 1, String(rv), rv % 2 ? 'failed' : 'running'),
      );
      await settle(10);
    }
    // The row's counts moved 28 times; windows went out no more often than every 200 ms
    // (plus the first, and one that may be due as the loop ends).
    const elapsed = Date.now() - started;
    const sentSoFar = updates('clusters').length - 1;
    expect(sentSoFar).toBeGreaterThanOrEqual(1);
    expect(sentSoFar).toBeLessThanOrEqual(Math.floor(elapsed / 200) + 1);
    await settle(250);
    // Only the row whose counts moved.
    const last = updates('clusters')[updates('clusters').length - 1];
    expect(last.type).toBe('rows');
    expect(last.rows).toEqual([
      expect.objectContaining({
        key: 'cluster2',
        counts: { total: 600, failed: 1, pending: 0 },
      }),
    ]);
    fanOut.close();
  });

  it('stops sending a view once the client no longer shows it, and forgets a client that leaves', async () => {
    const { store, fanOut, updates, show } = setUp();
    const leave = show([podsOf('a')]);
    show([]);
    store.upsert(pod('cluster1', 'a', 1, '2'));
    await settle();
    expect(updates('pods-a')).toHaveLength(1);
    show([podsOf('a')]);
    expect(updates('pods-a').map(m => m.type)).toEqual(['window', 'window']);
    leave();
    expect(fanOut.clientCount).toBe(0);
    fanOut.close();
  });

  it('lets a slow client catch up with the latest rows instead of queueing', async () => {
    const { store, fanOut, channel, updates, show } = setUp();
    show([podsOf('a', 0, 5)]);
    channel.bufferedAmount = 10 * 1024 * 1024;
    for (let rv = 2; rv < 50; rv++)
      store.upsert(pod('cluster1', 'a', 1, String(rv)));
    await settle(60);
    expect(updates('pods-a')).toHaveLength(1);
    channel.bufferedAmount = 0;
    await settle(150);
    // 48 changes while it was slow; it gets the row once, as it is now.
    expect(updates('pods-a')).toHaveLength(2);
    expect(updates('pods-a')[1].rows).toEqual([
      expect.objectContaining({
        key: 'cluster1-a-1',
        resource: expect.objectContaining({ resourceVersion: '49' }),
      }),
    ]);
    fanOut.close();
  });

  it('says when the sources’ problems change and which clusters left', async () => {
    const { store, fanOut, sent, show, setErrors, emit, clusters } = setUp();
    show([CLUSTERS]);
    setErrors(['the ITS cannot be reached']);
    store.dropCluster('cluster2');
    clusters.pop();
    emit({ type: 'clusterRemoved', cluster: 'cluster2' });
    await settle();
    const notices = sent.filter(m => m.type === 'fleet');
    expect(notices[notices.length - 1]).toMatchObject({
      errors: ['the ITS cannot be reached'],
      left: ['cluster2'],
    });
    const lastWindow = [...sent].reverse().find(m => m.type === 'window');
    expect(lastWindow).toMatchObject({ total: 1 });
    fanOut.close();
  });

  it('answers a poll with the messages a socket would get first, keeping nothing', () => {
    const { fanOut } = setUp();
    const messages = fanOut.snapshot({
      type: 'views',
      views: [CLUSTERS, podsOf('b', 0, 2)],
    });
    expect(messages.map(m => m.type)).toEqual(['fleet', 'window', 'window']);
    expect(fanOut.clientCount).toBe(0);
    fanOut.close();
  });

  it('keeps counts for a filter once, however many views share it, and drops them with the last', () => {
    const { fanOut, windows } = setUp();
    const a = { bufferedAmount: 0, send: () => {} };
    const b = { bufferedAmount: 0, send: () => {} };
    const filters = { phases: ['failed' as const] };
    const leaveA = fanOut.update(a, {
      type: 'views',
      filters,
      views: [CLUSTERS],
    });
    const leaveB = fanOut.update(b, {
      type: 'views',
      filters,
      views: [CLUSTERS],
    });
    expect(fanOut.filteredCountsKept).toBe(1);
    leaveA();
    expect(fanOut.filteredCountsKept).toBe(1);
    leaveB();
    expect(fanOut.filteredCountsKept).toBe(0);
    expect(windows('clusters')).toHaveLength(0);
    fanOut.close();
  });
});
