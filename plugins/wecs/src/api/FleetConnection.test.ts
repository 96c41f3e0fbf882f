import { SlimResource } from '@kubestellar/plugin-wecs-common';
import { FakeSocket } from '../__testUtils__/FakeSocket';
import { FleetConnection, FleetView } from './FleetConnection';

const pod = (name: string, rv = '1'): SlimResource => ({
  cluster: 'cluster1',
  apiVersion: 'v1',
  kind: 'Pod',
  resource: 'pods',
  namespace: 'shop',
  name,
  uid: `uid-${name}`,
  resourceVersion: rv,
  status: { phase: 'running' },
});

const cluster = (name: string, state: 'connected' | 'disconnected') => ({
  name,
  source: 'kubeconfig' as const,
  context: name,
  server: 'https://127.0.0.1:6443',
  state,
  since: '2026-11-26T00:00:00Z',
  counts: { total: 1, byKind: {}, byNamespace: {} },
});

/** Lets the connection's awaited url() and token() resolve. */
const settle = () => jest.advanceTimersByTimeAsync(0);

describe('FleetConnection', () => {
  let sockets: FakeSocket[];
  let views: FleetView[];
  let connection: FleetConnection;
  const latest = () => sockets[sockets.length - 1];
  const view = () => views[views.length - 1];

  beforeEach(() => {
    jest.useFakeTimers();
    sockets = [];
    views = [];
    connection = new FleetConnection({
      url: async () => 'ws://backend/api/wecs/fleet',
      token: async () => 'a-backstage-token',
      openSocket: (url, protocols) => {
        const socket = new FakeSocket(url, protocols);
        sockets.push(socket);
        return socket;
      },
      backoff: { initialMs: 1000, maxMs: 8000 },
      silenceTimeoutMs: 45_000,
      random: () => 0,
    });
    connection.onChange(v => views.push(v));
  });

  afterEach(() => {
    connection.close();
    jest.useRealTimers();
  });

  async function connectLive() {
    connection.subscribe({ kinds: ['Pod'] });
    await settle();
    latest().open();
    latest().receive({
      type: 'snapshot',
      epoch: 'e1',
      seq: 4,
      clusters: [cluster('cluster1', 'connected')],
      resources: [pod('a'), pod('b')],
      errors: [],
    });
  }

  it('subscribes with the token beside the protocol and holds the snapshot', async () => {
    await connectLive();
    expect(sockets).toHaveLength(1);
    expect(latest().protocols).toEqual(['wecs.v1', 'a-backstage-token']);
    expect(latest().sent).toEqual([
      { type: 'subscribe', filters: { kinds: ['Pod'] } },
    ]);
    expect(view().state).toBe('live');
    expect([...view().resources.keys()]).toEqual([
      'cluster1/uid-a',
      'cluster1/uid-b',
    ]);
    expect(view().updatedAt).toBeInstanceOf(Date);
  });

  it('applies deltas in order and replaces the cluster statuses they carry', async () => {
    await connectLive();
    const before = view().resources;
    latest().receive({
      type: 'deltas',
      epoch: 'e1',
      seq: 5,
      changes: [
        { op: 'upsert', resource: pod('a', '2') },
        { op: 'delete', cluster: 'cluster1', uid: 'uid-b' },
        { op: 'upsert', resource: pod('c') },
      ],
      clusters: [cluster('cluster1', 'disconnected')],
    });
    expect(
      [...view().resources.values()].map(r => `${r.name}@${r.resourceVersion}`),
    ).toEqual(['a@2', 'c@1']);
    expect(view().clusters.map(c => c.state)).toEqual(['disconnected']);
    // A new map per change, so that React sees it.
    expect(view().resources).not.toBe(before);
  });

  it('reconnects after a lost connection with growing, jittered back-off, resuming where it was', async () => {
    await connectLive();
    latest().drop();
    expect(view()).toMatchObject({
      state: 'reconnecting',
      lastError: 'the connection to the backend was lost',
    });
    // random() = 0: the first wait is half of the 1 s window.
    await jest.advanceTimersByTimeAsync(499);
    expect(sockets).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(sockets).toHaveLength(2);
    latest().drop();
    await jest.advanceTimersByTimeAsync(999);
    expect(sockets).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(1);
    expect(sockets).toHaveLength(3);
    latest().open();
    expect(latest().sent).toEqual([
      {
        type: 'subscribe',
        filters: { kinds: ['Pod'] },
        resume: { epoch: 'e1', seq: 4 },
      },
    ]);
    latest().receive({
      type: 'deltas',
      epoch: 'e1',
      seq: 6,
      changes: [{ op: 'upsert', resource: pod('d') }],
      clusters: [],
    });
    expect(view().state).toBe('live');
    expect(view().resources.size).toBe(3);
    // Back-off starts over once messages flow again.
    latest().drop();
    await jest.advanceTimersByTimeAsync(500);
    expect(sockets).toHaveLength(4);
  });

  it('treats a connection that stays silent past the heartbeats as dead', async () => {
    await connectLive();
    await jest.advanceTimersByTimeAsync(44_000);
    latest().receive({ type: 'heartbeat', epoch: 'e1', seq: 4, at: 'now' });
    await jest.advanceTimersByTimeAsync(44_000);
    expect(latest().closedWith).toBeUndefined();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(sockets[0].closedWith).toBe(4000);
    expect(view().state).toBe('reconnecting');
    await jest.advanceTimersByTimeAsync(500);
    expect(sockets).toHaveLength(2);
  });

  it('asks for a fresh snapshot on refresh, and new filters replace the old', async () => {
    await connectLive();
    connection.refresh();
    connection.subscribe({ kinds: ['Deployment'] });
    expect(latest().sent.slice(1)).toEqual([
      { type: 'subscribe', filters: { kinds: ['Pod'] } },
      { type: 'subscribe', filters: { kinds: ['Deployment'] } },
    ]);
  });

  it("reports the server's error without dropping what it holds", async () => {
    await connectLive();
    latest().receive({ type: 'error', message: 'Invalid kind "Nope"' });
    expect(view()).toMatchObject({
      state: 'live',
      lastError: 'Invalid kind "Nope"',
    });
    expect(view().resources.size).toBe(2);
  });

  it('stays closed once closed', async () => {
    await connectLive();
    connection.close();
    latest().drop(1000);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(sockets).toHaveLength(1);
    expect(view().state).toBe('closed');
  });

  describe('clusters joining and leaving', () => {
    const ofCluster2 = (name: string) => ({
      ...pod(name),
      cluster: 'cluster2',
      uid: `uid2-${name}`,
    });
    const deltas = (seq: number, extra: object) =>
      latest().receive({
        type: 'deltas',
        epoch: 'e1',
        seq,
        changes: [],
        clusters: [],
        ...extra,
      });

    it('adds a cluster that joins, and drops one that leaves with any object still held', async () => {
      await connectLive();
      deltas(5, {
        clusters: [cluster('cluster2', 'connected')],
        changes: [
          { op: 'upsert', resource: ofCluster2('x') },
          { op: 'upsert', resource: ofCluster2('y') },
        ],
      });
      expect(view().clusters.map(c => c.name)).toEqual([
        'cluster1',
        'cluster2',
      ]);
      expect(view().resources.size).toBe(4);
      expect(view().left).toEqual([]);
      // The backend deletes x first; y was missed (a filter changed, a race): it goes too.
      deltas(6, {
        changes: [{ op: 'delete', cluster: 'cluster2', uid: 'uid2-x' }],
        removedClusters: ['cluster2'],
      });
      expect(view().clusters.map(c => c.name)).toEqual(['cluster1']);
      expect([...view().resources.keys()]).toEqual([
        'cluster1/uid-a',
        'cluster1/uid-b',
      ]);
      expect(view().left).toEqual([{ name: 'cluster2', at: expect.any(Date) }]);
    });

    it('remembers a cluster that left for a while, and forgets it once it is back', async () => {
      await connectLive();
      deltas(5, { removedClusters: ['cluster1'] });
      expect(view().clusters).toEqual([]);
      expect(view().resources.size).toBe(0);
      expect(view().left.map(l => l.name)).toEqual(['cluster1']);
      deltas(6, { clusters: [cluster('cluster1', 'connected')] });
      expect(view().left).toEqual([]);
      // Gone and back within one batch: the status came after the removal.
      deltas(7, {
        removedClusters: ['cluster1'],
        clusters: [cluster('cluster1', 'connected')],
      });
      expect(view().clusters.map(c => c.name)).toEqual(['cluster1']);
      expect(view().left).toEqual([]);
      deltas(8, { removedClusters: ['cluster1'] });
      // Ten minutes on the clock, without the timers that would have dropped the socket.
      jest.setSystemTime(Date.now() + 10 * 60_000 - 1);
      latest().receive({ type: 'heartbeat', epoch: 'e1', seq: 8, at: 'now' });
      expect(view().left.map(l => l.name)).toEqual(['cluster1']);
      jest.setSystemTime(Date.now() + 2);
      latest().receive({ type: 'heartbeat', epoch: 'e1', seq: 8, at: 'now' });
      expect(view().left).toEqual([]);
    });

    it("takes the sources' problems from deltas: replaced when sent, kept when not, cleared when empty", async () => {
      await connectLive();
      deltas(5, {
        errors: ['Cannot reach the ITS (its1): ECONNREFUSED; retrying in 8 s'],
      });
      expect(view().errors).toEqual([
        'Cannot reach the ITS (its1): ECONNREFUSED; retrying in 8 s',
      ]);
      deltas(6, {
        errors: [
          'Cannot read kubeconfig /k: EACCES; the version read at 12:03:04 stays in use',
        ],
      });
      expect(view().errors).toEqual([
        'Cannot read kubeconfig /k: EACCES; the version read at 12:03:04 stays in use',
      ]);
      deltas(7, { changes: [{ op: 'upsert', resource: pod('c') }] });
      expect(view().errors).toHaveLength(1);
      deltas(8, { errors: [] });
      expect(view().errors).toEqual([]);
    });
  });
});
