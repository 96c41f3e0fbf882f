import {
  FleetTreePath,
  FleetViewRow,
  WecsSearchResult,
} from '@kubestellar/plugin-wecs-common';
import { clusterStatus } from '../__testUtils__/fixtures';
import { FakeSocket } from '../__testUtils__/FakeSocket';
import { FleetViewConnection, FleetViews } from './FleetViewConnection';

const clusterRow = (name: string): FleetViewRow => {
  const { counts: _counts, ...status } = clusterStatus(name);
  return {
    type: 'cluster',
    key: name,
    status,
    counts: { total: 1, failed: 0, pending: 0 },
  };
};

const clusters = { key: 'root', query: { level: 'clusters' as const } };
const namespaces = {
  key: 'c:cluster1',
  query: { level: 'namespaces' as const, cluster: 'cluster1' },
};

/** Lets the connection's awaited url() and token() resolve. */
const settle = () => jest.advanceTimersByTimeAsync(0);

describe('FleetViewConnection', () => {
  let sockets: FakeSocket[];
  let views: FleetViews[];
  let connection: FleetViewConnection;
  let searchedOverHttp: unknown[];
  const latest = () => sockets[sockets.length - 1];
  const view = () => connection.view;
  const window = (id: string, rows: FleetViewRow[], offset = 0, total = 2) =>
    latest().receive({ type: 'window', view: id, seq: 3, total, offset, rows });

  beforeEach(() => {
    jest.useFakeTimers();
    sockets = [];
    views = [];
    searchedOverHttp = [];
    connection = new FleetViewConnection({
      searchOverHttp: async query => {
        searchedOverHttp.push(query);
        return { total: 0, offset: 0, matches: [] };
      },
      url: async () => 'ws://backend/api/wecs/fleet',
      token: async () => 'a-backstage-token',
      openSocket: (url, protocols) => {
        const socket = new FakeSocket(url, protocols);
        sockets.push(socket);
        return socket;
      },
      backoff: { initialMs: 1000, maxMs: 8000 },
      random: () => 0,
    });
    connection.onChange(v => views.push(v));
  });

  afterEach(() => {
    connection.close();
    jest.useRealTimers();
  });

  async function connectLive() {
    connection.show({ kinds: ['Pod'] }, [clusters]);
    await settle();
    latest().open();
    latest().receive({ type: 'fleet', seq: 1, errors: [] });
    window('v1', [clusterRow('cluster1'), clusterRow('cluster2')]);
  }

  it('replaces the rows a rows message brings, keeping the window around them', async () => {
    await connectLive();
    const failing = {
      ...clusterRow('cluster2'),
      counts: { total: 1, failed: 1, pending: 0 },
    };
    latest().receive({ type: 'rows', view: 'v1', seq: 4, rows: [failing] });
    expect(view().windows.get('root')).toEqual({
      total: 2,
      offset: 0,
      seq: 4,
      rows: [clusterRow('cluster1'), failing],
    });
    // Rows of a view it does not hold are ignored.
    latest().receive({ type: 'rows', view: 'v9', seq: 5, rows: [failing] });
    expect(view().windows.get('root')?.seq).toBe(4);
  });

  it('fills a window that names its rows by key from the rows it holds, and asks anew when one is missing', async () => {
    await connectLive();
    latest().receive({
      type: 'window',
      view: 'v1',
      seq: 4,
      total: 3,
      offset: 0,
      keys: ['cluster0', 'cluster1', 'cluster2'],
      rows: [clusterRow('cluster0')],
    });
    expect(view().windows.get('root')?.rows).toEqual([
      clusterRow('cluster0'),
      clusterRow('cluster1'),
      clusterRow('cluster2'),
    ]);
    // A key it holds no row for: the window is not guessed, every view is asked for again.
    latest().receive({
      type: 'window',
      view: 'v1',
      seq: 5,
      total: 2,
      offset: 0,
      keys: ['cluster1', 'cluster9'],
      rows: [],
    });
    expect(view().windows.get('root')?.seq).toBe(4);
    expect(latest().sent.at(-1)).toEqual({
      type: 'views',
      filters: { kinds: ['Pod'] },
      views: [{ id: 'v2', query: { level: 'clusters' } }],
    });
  });

  it('sends the views it shows as one message, with short ids, and holds their windows by key', async () => {
    await connectLive();
    expect(latest().protocols).toEqual(['wecs.v1', 'a-backstage-token']);
    expect(latest().sent).toEqual([
      {
        type: 'views',
        filters: { kinds: ['Pod'] },
        views: [{ id: 'v1', query: { level: 'clusters' } }],
      },
    ]);
    expect(view().state).toBe('live');
    expect(view().windows.get('root')).toEqual({
      total: 2,
      offset: 0,
      seq: 3,
      rows: [clusterRow('cluster1'), clusterRow('cluster2')],
    });
  });

  it('coalesces changes into one message a frame, and sends nothing when nothing changed', async () => {
    await connectLive();
    connection.show({ kinds: ['Pod'] }, [clusters, namespaces]);
    connection.show({ kinds: ['Pod'] }, [
      clusters,
      { ...namespaces, offset: 100, limit: 200 },
    ]);
    expect(latest().sent).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(16);
    expect(latest().sent[1].views).toEqual([
      { id: 'v1', query: { level: 'clusters' } },
      { id: 'v2', query: namespaces.query, offset: 100, limit: 200 },
    ]);
    connection.show({ kinds: ['Pod'] }, [
      clusters,
      { ...namespaces, offset: 100, limit: 200 },
    ]);
    await jest.advanceTimersByTimeAsync(16);
    expect(latest().sent).toHaveLength(2);
  });

  it('sends the first change after a quiet spell at once, and those close behind it together', async () => {
    await connectLive();
    await jest.advanceTimersByTimeAsync(100);
    connection.show({ kinds: ['Pod'] }, [clusters, namespaces]);
    expect(latest().sent).toHaveLength(2);
    connection.show({ kinds: ['Pod'] }, [clusters]);
    connection.show({ kinds: ['Pod'] }, [{ ...clusters, offset: 1 }]);
    expect(latest().sent).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(16);
    expect(latest().sent).toHaveLength(3);
    expect(latest().sent[2].views).toEqual([
      { id: 'v1', query: { level: 'clusters' }, offset: 1 },
    ]);
  });

  it('keeps a moved window until the new one comes, and ignores windows of views it closed', async () => {
    await connectLive();
    connection.show({ kinds: ['Pod'] }, [clusters, namespaces]);
    await jest.advanceTimersByTimeAsync(16);
    window('v2', [], 0, 0);
    connection.show({ kinds: ['Pod'] }, [{ ...clusters, offset: 1 }]);
    await jest.advanceTimersByTimeAsync(16);
    expect(view().windows.get('root')?.offset).toBe(0);
    // The backend had not read the new views yet.
    window('v2', [], 0, 5);
    expect(view().windows.get('c:cluster1')?.total).toBe(0);
    window('v1', [clusterRow('cluster2')], 1);
    expect(view().windows.get('root')?.offset).toBe(1);
    // Wanted again: a new id, and the window it had meanwhile.
    connection.show({ kinds: ['Pod'] }, [clusters, namespaces]);
    await jest.advanceTimersByTimeAsync(16);
    expect(
      latest()
        .sent.at(-1)
        .views.map((v: { id: string }) => v.id),
    ).toEqual(['v1', 'v3']);
    expect(view().windows.get('c:cluster1')?.total).toBe(0);
  });

  it('asks for every view anew under other filters, and on refresh', async () => {
    await connectLive();
    connection.show({ kinds: ['Deployment'] }, [clusters]);
    await jest.advanceTimersByTimeAsync(16);
    expect(latest().sent.at(-1)).toEqual({
      type: 'views',
      filters: { kinds: ['Deployment'] },
      views: [{ id: 'v2', query: { level: 'clusters' } }],
    });
    // A window read under the old filters is not taken for the new.
    window('v1', [clusterRow('old')]);
    expect(view().windows.get('root')?.rows[0].key).toBe('cluster1');
    connection.refresh();
    expect(latest().sent.at(-1).views[0].id).toBe('v3');
  });

  it('sends its views again after a reconnect, showing the old windows until fresh ones come', async () => {
    await connectLive();
    latest().drop();
    expect(view()).toMatchObject({
      state: 'reconnecting',
      lastError: 'the connection to the backend was lost',
    });
    await jest.advanceTimersByTimeAsync(500);
    expect(sockets).toHaveLength(2);
    latest().open();
    expect(latest().sent).toEqual([
      {
        type: 'views',
        filters: { kinds: ['Pod'] },
        views: [{ id: 'v1', query: { level: 'clusters' } }],
      },
    ]);
    expect(view().windows.get('root')?.rows).toHaveLength(2);
    latest().receive({ type: 'heartbeat', epoch: 'e2', seq: 9, at: 'now' });
    expect(view().state).toBe('live');
  });

  it('reconnects at once with a fresh token when its sign-in expired, keeping its windows', async () => {
    let tokens = 0;
    connection.close();
    connection = new FleetViewConnection({
      url: async () => 'ws://backend/api/wecs/fleet',
      token: async () => `token-${++tokens}`,
      openSocket: (url, protocols) => {
        const socket = new FakeSocket(url, protocols);
        sockets.push(socket);
        return socket;
      },
      backoff: { initialMs: 1000, maxMs: 8000 },
      random: () => 0,
    });
    await connectLive();
    latest().drop(4401, 'Your sign-in expired; reconnecting with a fresh one');
    expect(view()).toMatchObject({
      state: 'reconnecting',
      lastError: 'Your sign-in expired; reconnecting with a fresh one',
    });
    // No back-off: the next socket is on its way before any timer runs.
    await settle();
    expect(sockets).toHaveLength(2);
    expect(latest().protocols).toEqual(['wecs.v1', 'token-2']);
    latest().open();
    expect(latest().sent).toEqual([
      {
        type: 'views',
        filters: { kinds: ['Pod'] },
        views: [{ id: 'v1', query: { level: 'clusters' } }],
      },
    ]);
    expect(view().windows.get('root')?.rows).toHaveLength(2);
  });

  it('with live updates off, shows a window only when it answers a request: a view new or moved, or a refresh', async () => {
    await connectLive();
    const asShown = () =>
      view()
        .windows.get('root')
        ?.rows.map(row => row.key);
    connection.setLive(false);
    expect(view().paused).toBe(true);
    const pausedAt = view().updatedAt;
    // What the backend sends by itself is held back.
    latest().receive({
      type: 'rows',
      view: 'v1',
      seq: 4,
      rows: [
        {
          ...clusterRow('cluster2'),
          counts: { total: 1, failed: 1, pending: 0 },
        },
      ],
    });
    window('v1', [clusterRow('cluster3')]);
    expect(asShown()).toEqual(['cluster1', 'cluster2']);
    expect(view().updatedAt).toBe(pausedAt);
    // A view shown now, and one moved: their windows, as they come.
    await jest.advanceTimersByTimeAsync(100);
    connection.show({ kinds: ['Pod'] }, [
      { ...clusters, offset: 1 },
      namespaces,
    ]);
    window('v1', [clusterRow('cluster4')], 1);
    window('v2', [clusterRow('cluster1')]);
    expect(asShown()).toEqual(['cluster4']);
    expect(view().windows.get('c:cluster1')?.rows).toHaveLength(1);
    // A refresh: every view asked for anew, and their answers shown.
    connection.refresh();
    expect(
      latest()
        .sent.at(-1)
        .views.map((v: { id: string }) => v.id),
    ).toEqual(['v3', 'v4']);
    window('v3', [clusterRow('cluster5')], 1);
    expect(asShown()).toEqual(['cluster5']);
    expect(view().updatedAt).not.toBe(pausedAt);
    // Live again: the latest windows, and changes as they come.
    connection.setLive(true);
    expect(view().paused).toBeUndefined();
    window('v3', [clusterRow('cluster6')], 1);
    expect(asShown()).toEqual(['cluster6']);
  });

  it("keeps the sources' problems and the clusters that left, until they are back", async () => {
    await connectLive();
    latest().receive({
      type: 'fleet',
      seq: 4,
      errors: ['Cannot reach the ITS (its1)'],
      left: ['cluster2'],
    });
    window('v1', [clusterRow('cluster1')], 0, 1);
    expect(view().errors).toEqual(['Cannot reach the ITS (its1)']);
    expect(view().left).toEqual([{ name: 'cluster2', at: expect.any(Date) }]);
    latest().receive({ type: 'fleet', seq: 5, errors: [] });
    expect(view().errors).toEqual([]);
    expect(view().left.map(l => l.name)).toEqual(['cluster2']);
    window('v1', [clusterRow('cluster1'), clusterRow('cluster2')]);
    expect(view().left).toEqual([]);
  });

  it("reports the backend's refusals: of a view under its key, else as the last error", async () => {
    await connectLive();
    connection.show({ kinds: ['Pod'] }, [clusters, namespaces]);
    await jest.advanceTimersByTimeAsync(16);
    latest().receive({
      type: 'error',
      view: 'v2',
      message: 'at most 200 views per socket',
    });
    expect([...view().refused]).toEqual([
      ['c:cluster1', 'at most 200 views per socket'],
    ]);
    window('v2', [], 0, 0);
    expect(view().refused.size).toBe(0);
    latest().receive({ type: 'error', message: 'Invalid kind "Nope"' });
    expect(view()).toMatchObject({
      state: 'live',
      lastError: 'Invalid kind "Nope"',
    });
    expect(view().windows.get('root')?.rows).toHaveLength(2);
  });

  it('stays closed once closed, until shown again', async () => {
    await connectLive();
    connection.close();
    latest().drop(1000);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(sockets).toHaveLength(1);
    expect(view().state).toBe('closed');
    connection.show({}, [clusters]);
    await settle();
    expect(sockets).toHaveLength(2);
  });

  describe('search', () => {
    const match: FleetTreePath = {
      cluster: 'cluster1',
      namespace: 'ns-13',
      kind: 'Pod',
      uids: ['uid-1233'],
      positions: [61],
      name: 'pod-1233',
      objectKind: 'Pod',
    };
    const query = {
      name: 'pod-1233',
      filters: { kinds: ['Pod'] },
      limit: 100,
    };

    it('asks on the open socket and resolves with the answer that names it', async () => {
      await connectLive();
      const found = connection.search(query);
      const sent = latest().sent.at(-1) as { id: string };
      expect(sent).toEqual({ type: 'search', id: 's1', ...query });
      const updates = views.length;
      latest().receive({
        type: 'found',
        search: 's2',
        total: 0,
        offset: 0,
        matches: [],
      });
      latest().receive({
        type: 'found',
        search: sent.id,
        total: 100,
        offset: 0,
        matches: [match],
      });
      await expect(found).resolves.toEqual<WecsSearchResult>({
        total: 100,
        offset: 0,
        matches: [match],
      });
      // An answer is the search's, not a change of the views.
      expect(views).toHaveLength(updates);
      expect(searchedOverHttp).toEqual([]);
    });

    it("fails with the backend's refusal of that search alone, the views untouched", async () => {
      await connectLive();
      const found = connection.search({ selector: 'tier in (web' });
      latest().receive({
        type: 'error',
        search: 's1',
        message: 'Invalid label selector "tier in (web"',
      });
      await expect(found).rejects.toThrow(
        'Invalid label selector "tier in (web"',
      );
      expect(view()).toMatchObject({ state: 'live' });
      expect(view().lastError).toBeUndefined();
    });

    it('searches over HTTP while the socket is down, and again there when it drops one', async () => {
      await expect(connection.search(query)).resolves.toMatchObject({
        total: 0,
      });
      expect(searchedOverHttp).toEqual([query]);
      await connectLive();
      const found = connection.search({ ...query, offset: 100 });
      latest().drop();
      await expect(found).resolves.toMatchObject({ total: 0 });
      expect(searchedOverHttp).toEqual([query, { ...query, offset: 100 }]);
    });
  });
});
