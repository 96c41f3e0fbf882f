/**
 * @jest-environment node
 */
import { SOCKET_CLOSE_CODES } from '@kubestellar/plugin-wecs-common';
import { FakeLiveBackend } from '../__testUtils__/FakeLiveBackend';
import { FakeSocket } from '../__testUtils__/FakeSocket';
import { FleetConnection, FleetView } from './FleetConnection';
import { FleetViewConnection } from './FleetViewConnection';
import { LiveTransports } from './LiveTransports';

/** A WebSocket that never gets through: closed before it opened, as behind a blocking proxy. */
const blockedWebSocket = (url: string, protocols: string[]) => {
  const socket = new FakeSocket(url, protocols);
  setTimeout(() => socket.drop(1006, ''));
  return socket;
};

describe('LiveTransports', () => {
  let backend: FakeLiveBackend;
  let baseUrl: string;
  let connection: FleetConnection | undefined;

  beforeEach(async () => {
    backend = new FakeLiveBackend();
    baseUrl = await backend.start();
  });

  afterEach(async () => {
    connection?.close();
    connection = undefined;
    await backend.stop();
  });

  function transportsFor(createWebSocket = blockedWebSocket) {
    return new LiveTransports({
      baseUrl: async () => baseUrl,
      fetch: (input, init) => fetch(input, init),
      health: async () => {
        const response = await fetch(`${baseUrl}/health`);
        if (!response.ok) throw new Error(`health: ${response.status}`);
        return response.json();
      },
      createWebSocket,
      pollIntervalMs: 50,
    });
  }

  function connect(createWebSocket = blockedWebSocket) {
    const transports = transportsFor(createWebSocket);
    connection = new FleetConnection({
      url: () => transports.fleetUrl(),
      token: async () => 'token',
      openSocket: transports.openFleetSocket,
      backoff: { initialMs: 10, maxMs: 20 },
      random: () => 0.5,
    });
    const views: FleetView[] = [];
    connection.onChange(view => views.push(view));
    connection.subscribe({ kinds: ['Pod'] });
    return views;
  }

  const until = async (check: () => boolean, what: string) => {
    const deadline = Date.now() + 5_000;
    while (!check()) {
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${what}`);
      await new Promise(resolve => setTimeout(resolve, 10));
    }
  };

  it('streams over HTTP when the backend has no WebSocket routes, and says why', async () => {
    backend.transports = ['http-stream'];
    const opened: string[] = [];
    const views = connect((url, protocols) => {
      opened.push(url);
      return blockedWebSocket(url, protocols);
    });
    await until(() => connection?.view.state === 'live', 'live');
    expect(opened).toEqual([]);
    expect(connection?.view.transport).toEqual({
      kind: 'http-stream',
      reason: expect.stringContaining('no WebSocket routes'),
    });
    expect(backend.subscriptions).toEqual([
      { type: 'subscribe', filters: { kinds: ['Pod'] } },
    ]);

    backend.broadcast({
      type: 'deltas',
      epoch: 'e1',
      seq: 2,
      changes: [
        {
          op: 'upsert',
          resource: {
            cluster: 'cluster1',
            apiVersion: 'v1',
            kind: 'Pod',
            resource: 'pods',
            namespace: 'shop',
            name: 'web-1',
            uid: 'u1',
            resourceVersion: '1',
            status: { phase: 'running' },
          },
        },
      ],
      clusters: [],
    });
    await until(() => connection?.view.resources.size === 1, 'the delta');
    expect(views.at(-1)?.resources.get('cluster1/u1')?.name).toBe('web-1');
  });

  it('falls back to the HTTP stream when WebSockets fail while the backend answers', async () => {
    const opened: string[] = [];
    connect((url, protocols) => {
      opened.push(url);
      return blockedWebSocket(url, protocols);
    });
    await until(() => connection?.view.state === 'live', 'live');
    expect(opened).toEqual([
      expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+\/api\/wecs\/fleet$/),
      expect.stringMatching(/^ws:/),
    ]);
    expect(connection?.view.transport).toEqual({
      kind: 'http-stream',
      reason: expect.stringContaining(
        'WebSocket connections to the backend fail',
      ),
    });
  });

  it('stays on WebSockets when the backend refuses a socket for a limit, and shows why', async () => {
    const reason =
      'At most 20 fleet sockets may be open per user; close one first';
    const opened: string[] = [];
    connect((url, protocols) => {
      opened.push(url);
      const socket = new FakeSocket(url, protocols);
      setTimeout(() => {
        socket.open();
        socket.drop(SOCKET_CLOSE_CODES.tooMany, reason);
      });
      return socket;
    });
    await until(() => opened.length >= 3, 'three attempts');
    expect(opened.every(url => url.startsWith('ws:'))).toBe(true);
    expect(connection?.view.transport).toEqual({ kind: 'websocket' });
    expect(connection?.view.lastError).toBe(reason);
    expect(backend.requests).not.toContain('POST /api/wecs/fleet/stream');
  });

  it('polls for snapshots when streamed responses never get through, and says so', async () => {
    backend.transports = ['http-stream'];
    backend.streams = 'silent';
    connect();
    await until(() => connection?.view.state === 'live', 'live');
    expect(connection?.view.transport).toEqual({
      kind: 'polling',
      reason: expect.stringContaining('every 10 s'),
    });
    const polled = () =>
      backend.requests.filter(r => r === 'POST /api/wecs/fleet/snapshot')
        .length;
    await until(() => polled() >= 3, 'two more polls');
    // A snapshot has everything: no resume position is sent.
    expect(backend.subscriptions.at(-1)).toEqual({
      type: 'subscribe',
      filters: { kinds: ['Pod'] },
    });
  });

  it('does not fall back while the backend itself is down', async () => {
    backend.transports = ['http-stream'];
    backend.streams = 'silent';
    connect();
    await until(() => connection?.view.lastError !== undefined, 'a failure');
    backend.up = false;
    await until(
      () =>
        backend.requests.filter(r => r === 'POST /api/wecs/fleet/stream')
          .length >= 4,
      'retries',
    );
    expect(backend.requests).not.toContain('POST /api/wecs/fleet/snapshot');
    expect(connection?.view.state).toBe('connecting');
  });

  describe('views', () => {
    let views: FleetViewConnection | undefined;

    afterEach(() => views?.close());

    /** A view connection showing the clusters and cluster1's namespaces, over `transports`. */
    function showViews() {
      const transports = transportsFor();
      views = new FleetViewConnection({
        url: () => transports.fleetUrl(),
        token: async () => 'token',
        openSocket: transports.openFleetSocket,
        backoff: { initialMs: 10, maxMs: 20 },
        random: () => 0.5,
      });
      views.show({ kinds: ['Deployment'] }, [
        { key: 'root', query: { level: 'clusters' } },
        {
          key: 'c:cluster1',
          query: { level: 'namespaces', cluster: 'cluster1' },
        },
      ]);
      return views;
    }

    it('come over the HTTP stream, a request per views message', async () => {
      backend.transports = ['http-stream'];
      const shown = showViews();
      await until(() => shown.view.windows.size === 2, 'two windows');
      expect(shown.view.transport?.kind).toBe('http-stream');
      expect(shown.view.windows.get('c:cluster1')?.rows).toEqual([
        expect.objectContaining({ type: 'namespace', key: 'shop' }),
      ]);
      shown.show({ kinds: ['Deployment'] }, [
        { key: 'root', query: { level: 'clusters' } },
      ]);
      await until(() => backend.subscriptions.length === 2, 'a new request');
      expect(backend.subscriptions).toEqual([
        expect.objectContaining({ type: 'views' }),
        {
          type: 'views',
          filters: { kinds: ['Deployment'] },
          views: [{ id: 'v1', query: { level: 'clusters' } }],
        },
      ]);
    });

    it('come polled, each answer an array of messages', async () => {
      backend.transports = ['http-stream'];
      backend.streams = 'silent';
      const shown = showViews();
      await until(
        () =>
          shown.view.transport?.kind === 'polling' &&
          shown.view.windows.size === 2,
        'polled windows',
      );
      expect(shown.view.state).toBe('live');
      expect(shown.view.windows.get('root')?.rows[0]).toMatchObject({
        type: 'cluster',
        key: 'cluster1',
        counts: { total: 1 },
      });
      expect(backend.subscriptions.at(-1)).toMatchObject({ type: 'views' });
    });
  });
});
