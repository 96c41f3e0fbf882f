import { mockCredentials } from '@backstage/backend-test-utils';
import {
  FLEET_STREAM_PATH,
  LOGS_SOCKET_PATH,
  LOGS_STREAM_PATH,
  LogServerMessage,
  SOCKET_CLOSE_CODES,
  WECS_SOCKET_PROTOCOL,
} from '@kubestellar/plugin-wecs-common';
import { KubeConfig } from '@kubernetes/client-node';
import { ClusterClient } from '@kubestellar/plugin-wecs-node';
import { connect } from 'node:net';
import { WebSocket } from 'ws';
import { readEventStream } from './__testUtils__/eventStreamClient';
import { startFleet, waitFor } from './__testUtils__/simulatedFleet';
import { startWecsBackend } from './__testUtils__/testBackends';

jest.setTimeout(120_000);

/** Small limits, so that each is met in a few steps; each test has users of its own. */
const LIMITS = {
  fleetSocketsPerUser: 2,
  logStreamsPerUser: 2,
  viewsPerSocket: 3,
  messagesPerSecond: 1,
  messageBurst: 1000,
  queuedBytesPerSocket: 1024 * 1024,
  requestsPerSecond: 1,
  requestBurst: 20,
  requestBodyBytes: 4096,
  jsonDepth: 20,
};

const as = (name: string) =>
  mockCredentials.user.header(`user:default/${name}`);

interface Closed {
  code: number;
  reason: string;
}

/** A WebSocket client that keeps what it was sent and how it ended. */
class Client {
  readonly messages: any[] = [];
  /** The HTTP status of the handshake: 101 when it opened. */
  readonly handshake: Promise<number>;
  /** The body of a refused handshake. */
  refusal = '';
  readonly closed: Promise<Closed>;

  constructor(
    url: string,
    headers: Record<string, string>,
    options: { perMessageDeflate?: boolean } = {},
  ) {
    this.ws = new WebSocket(url, [WECS_SOCKET_PROTOCOL], {
      headers,
      ...options,
    });
    this.ws.on('message', data => this.messages.push(JSON.parse(String(data))));
    this.handshake = new Promise(resolve => {
      this.ws.once('open', () => resolve(101));
      this.ws.once('unexpected-response', (_request, response) => {
        response.on('data', chunk => (this.refusal += chunk));
        response.on('end', () => resolve(response.statusCode ?? 0));
      });
    });
    this.closed = new Promise(resolve =>
      this.ws.once('close', (code, reason) =>
        resolve({ code, reason: String(reason) }),
      ),
    );
    this.ws.on('error', () => {});
  }

  readonly ws: WebSocket;

  send(message: unknown) {
    this.ws.send(
      typeof message === 'string' ? message : JSON.stringify(message),
    );
  }

  /** Waits for a message of `type`, counting from the `after`th. */
  async next(type: string, after = 0) {
    await waitFor(`a ${type} message`, () =>
      this.messages.slice(after).some(m => m.type === type),
    );
    return this.messages.slice(after).find(m => m.type === type);
  }
}

/**
 * Each limit of `wecs.limits` on a real backend (the newest backend-defaults, with its
 * WebSocket routes and production middleware) over the simulator: refused with its code and
 * a message that names it, while a client under the limit is served as before.
 */
describe('wecs backend limits', () => {
  let fleet: Awaited<ReturnType<typeof startFleet>>;
  let backend: Awaited<ReturnType<typeof startWecsBackend>>;
  let wsBase: string;
  let pod = '';

  beforeAll(async () => {
    fleet = await startFleet({
      clusters: 1,
      tickMs: 100,
      rolloutEveryMs: 0,
      availabilityFlipMs: 0,
    });
    backend = await startWecsBackend({
      webSockets: true,
      wecs: {
        kubeconfig: { path: fleet.kubeconfigPath, contexts: ['cluster1'] },
        limits: LIMITS,
      },
    });
    wsBase = backend.baseUrl.replace(/^http/, 'ws');
    await waitFor(
      'a running storefront pod',
      async () => {
        const res = await fetch(
          `${backend.baseUrl}/cluster1/resources?kind=Pod&namespace=shop&name=storefront-&status=running`,
          { headers: { Authorization: as('setup') } },
        );
        pod = res.ok ? (await res.json()).items[0]?.name ?? '' : '';
        return pod !== '';
      },
      60_000,
    );
  });

  afterAll(async () => {
    await backend?.stop();
    await fleet?.stop();
  });

  const fleetSocket = (user: string, headers: Record<string, string> = {}) =>
    new Client(`${wsBase}/fleet`, { Authorization: as(user), ...headers });

  const CLUSTER_ROWS = {
    type: 'views',
    views: [{ id: 'clusters', query: { level: 'clusters' } }],
  };

  /** A fleet socket that is served: it answers a views message with a window. */
  const expectServed = async (client: Client) => {
    expect(await client.handshake).toBe(101);
    const from = client.messages.length;
    client.send(CLUSTER_ROWS);
    expect(await client.next('window', from)).toMatchObject({
      view: 'clusters',
      total: 1,
    });
  };

  /** Whether a fleet socket is served, or refused (closed before it answers). */
  const served = (client: Client) =>
    new Promise<boolean>(resolve => {
      client.closed.then(() => resolve(false));
      client.ws.on('message', data => {
        if (JSON.parse(String(data)).type === 'window') resolve(true);
      });
      client.handshake.then(status => {
        if (status === 101) client.send(CLUSTER_ROWS);
        else resolve(false);
      });
    });

  describe('Origin of socket upgrades', () => {
    it('refuses a page of another site with 403 before the handshake, on both sockets', async () => {
      const foreign = fleetSocket('origin', { Origin: 'https://evil.example' });
      expect(await foreign.handshake).toBe(403);
      expect(JSON.parse(foreign.refusal).error.message).toBe(
        'WebSocket connections from "https://evil.example" are not allowed: only the app\'s own origins (app.baseUrl, backend.cors.origin) may open them',
      );
      const logs = new Client(
        `${wsBase}${LOGS_SOCKET_PATH}?cluster=cluster1&namespace=shop&pod=${pod}&container=web`,
        { Authorization: as('origin'), Origin: 'https://evil.example' },
      );
      expect(await logs.handshake).toBe(403);
    });

    it("serves the app's own origin, and clients that send no Origin", async () => {
      const own = fleetSocket('origin', {
        Origin: new URL(backend.baseUrl).origin,
      });
      expect(await served(own)).toBe(true);
      const cli = fleetSocket('origin');
      expect(await served(cli)).toBe(true);
      own.ws.close();
      cli.ws.close();
    });
  });

  describe('fleet sockets per user', () => {
    it('closes one past the limit with 4429 and the limit, counts streamed fleets too, and frees a slot on close', async () => {
      const first = fleetSocket('fleet');
      const second = fleetSocket('fleet');
      await expectServed(first);
      await expectServed(second);
      const third = fleetSocket('fleet');
      expect(await third.handshake).toBe(101);
      const message =
        'At most 2 fleet sockets may be open per user; close one first';
      expect(await third.closed).toEqual({
        code: SOCKET_CLOSE_CODES.tooMany,
        reason: message,
      });
      expect(third.messages).toEqual([{ type: 'error', message }]);
      const stream = await fetch(`${backend.baseUrl}${FLEET_STREAM_PATH}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: as('fleet'),
        },
        body: JSON.stringify(CLUSTER_ROWS),
      });
      expect(stream.status).toBe(429);
      expect((await stream.json()).error.message).toBe(message);

      // Another user is not affected.
      const other = fleetSocket('fleet-other');
      await expectServed(other);
      other.ws.close();

      first.ws.close();
      await first.closed;
      await waitFor('a slot to be given back', async () => {
        const again = fleetSocket('fleet');
        const isServed = await served(again);
        again.ws.close();
        return isServed;
      });
      second.ws.close();
    });
  });

  describe('messages of one socket', () => {
    it('refuses messages past the rate, then closes a client that goes on, with 4429', async () => {
      const client = fleetSocket('rate');
      await expectServed(client);
      for (let i = 0; i < LIMITS.messageBurst; i++)
        client.send({ type: 'ping' });
      const refusal = await client.next('error');
      expect(refusal.message).toBe(
        'Too many messages: a socket may send 1 a second (1000 at once); this one was dropped',
      );
      for (let i = 0; i <= LIMITS.messageBurst; i++)
        client.send({ type: 'ping' });
      expect(await client.closed).toEqual({
        code: SOCKET_CLOSE_CODES.tooMany,
        reason: 'Too many messages: over 1 a second',
      });
    });

    it('refuses more views than a socket may hold, and a message nested too deeply', async () => {
      const client = fleetSocket('views');
      expect(await client.handshake).toBe(101);
      const view = (id: string) => ({ id, query: { level: 'clusters' } });
      client.send({
        type: 'views',
        views: ['a', 'b', 'c', 'd'].map(view),
      });
      expect((await client.next('error')).message).toBe(
        'At most 3 views may be open on one socket; this message asks for 4',
      );
      // The streamed fleet response holds its views message to the same limit.
      const streamed = await fetch(`${backend.baseUrl}${FLEET_STREAM_PATH}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: as('views'),
        },
        body: JSON.stringify({
          type: 'views',
          views: ['a', 'b', 'c', 'd'].map(view),
        }),
      });
      expect(streamed.status).toBe(400);
      expect((await streamed.json()).error.message).toBe(
        'At most 3 views may be open on one socket; this message asks for 4',
      );
      let from = client.messages.length;
      client.send(
        `{"type":"views","views":[],"x":${'['.repeat(30)}${']'.repeat(30)}}`,
      );
      expect((await client.next('error', from)).message).toBe(
        'JSON may nest objects and lists at most 20 levels deep',
      );
      from = client.messages.length;
      client.send({ type: 'views', views: ['a', 'b', 'c'].map(view) });
      await waitFor(
        'three windows',
        () =>
          client.messages.slice(from).filter(m => m.type === 'window')
            .length === 3,
      );
      client.ws.close();
    });

    it('cuts off a client that stopped reading with 4413, and serves one that reads', async () => {
      const reader = fleetSocket('reader');
      expect(await reader.handshake).toBe(101);
      let snapshotBytes = 0;
      for (let i = 0; i < 20; i++) {
        const from = reader.messages.length;
        reader.send({ type: 'subscribe' });
        const snapshot = await reader.next('snapshot', from);
        snapshotBytes = JSON.stringify(snapshot).length;
      }
      expect(snapshotBytes).toBeGreaterThan(10_000);
      reader.ws.close();

      // Without compression, so that what waits is as large as what was sent.
      const stalled = new Client(
        `${wsBase}/fleet`,
        { Authorization: as('stalled') },
        { perMessageDeflate: false },
      );
      expect(await stalled.handshake).toBe(101);
      const tcp = (stalled.ws as any)._socket;
      tcp.pause();
      // Enough snapshots to fill the kernel's buffers on both sides and the limit behind them.
      const needed = Math.ceil((64 * 1024 * 1024) / snapshotBytes);
      for (let i = 0; i < Math.min(needed, LIMITS.messageBurst - 1); i++)
        stalled.send({ type: 'subscribe' });
      tcp.resume();
      expect(await stalled.closed).toEqual({
        code: SOCKET_CLOSE_CODES.tooSlow,
        reason:
          'This page stopped reading what the backend sends: more than 1 MiB waited for it',
      });
    });
  });

  describe('log streams per user, on one counter for every transport', () => {
    const query = () =>
      `cluster=cluster1&namespace=shop&pod=${pod}&container=web&follow=true&tailLines=1`;
    const logSocket = (user: string) =>
      new Client(`${wsBase}${LOGS_SOCKET_PATH}?${query()}`, {
        Authorization: as(user),
      });
    const logEvents = (user: string) =>
      readEventStream<LogServerMessage>(
        `${backend.baseUrl}${LOGS_STREAM_PATH}?${query()}`,
        { headers: { Authorization: as(user) } },
      );
    /** A followed REST log, held open until aborted. */
    const restFollow = async (user: string, podName = pod) => {
      const abort = new AbortController();
      const response = await fetch(
        `${backend.baseUrl}/cluster1/logs?namespace=shop&pod=${podName}&container=web&follow=true&tailLines=1`,
        { headers: { Authorization: as(user) }, signal: abort.signal },
      );
      return { response, abort: () => abort.abort() };
    };
    /** Whether `user` can open `count` more streams now: they are opened and closed again. */
    const canOpen = async (user: string, count: number) => {
      const opened = [];
      for (let i = 0; i < count; i++) opened.push(await logEvents(user));
      opened.forEach(stream => stream.close());
      return opened.every(stream => stream.response.status === 200);
    };
    const slotsBack = (user: string) =>
      waitFor(`${user}'s log streams to be given back`, () =>
        canOpen(user, LIMITS.logStreamsPerUser),
      );

    it('counts followed REST logs, log sockets and streamed logs together, and refuses past the limit with the limit', async () => {
      const rest = await restFollow('logs');
      expect(rest.response.status).toBe(200);
      const socket = logSocket('logs');
      expect(await socket.handshake).toBe(101);
      await socket.next('sources');
      const message =
        'At most 2 log streams may be open per user; close one first';
      const overStream = await logEvents('logs');
      expect(overStream.response.status).toBe(429);
      expect((await overStream.response.json()).error.message).toBe(message);
      const overRest = await restFollow('logs');
      expect(overRest.response.status).toBe(429);
      expect((await overRest.response.json()).error.message).toBe(message);
      const overSocket = logSocket('logs');
      expect(await overSocket.closed).toEqual({
        code: SOCKET_CLOSE_CODES.tooMany,
        reason: message,
      });
      // Another user is not affected.
      expect(await canOpen('logs-other', 2)).toBe(true);

      // Ways out: the socket closed, the REST request aborted.
      socket.ws.close();
      rest.abort();
      await slotsBack('logs');
    });

    it('gives a slot back when a log socket breaks (its connection destroyed)', async () => {
      const socket = logSocket('logs-broken');
      expect(await socket.next('sources')).toMatchObject({
        sources: [{ pod, container: 'web' }],
      });
      socket.ws.terminate();
      await slotsBack('logs-broken');
    });

    it('gives a slot back when a followed REST log fails', async () => {
      const failed = await restFollow('logs-failed', 'no-such-pod');
      expect(failed.response.status).toBeGreaterThanOrEqual(400);
      expect(failed.response.status).toBeLessThan(500);
      await slotsBack('logs-failed');
    });

    it('never counts a malformed or abandoned handshake', async () => {
      const { port, hostname } = new URL(backend.baseUrl);
      const rawHandshake = (version: string, abandon: boolean) =>
        new Promise<string>(resolve => {
          const tcp = connect(Number(port), hostname);
          let answer = '';
          tcp.on('data', chunk => (answer += chunk));
          tcp.on('close', () => resolve(answer));
          tcp.on('error', () => {});
          tcp.write(
            [
              `GET /api/wecs${LOGS_SOCKET_PATH}?${query()} HTTP/1.1`,
              `Host: ${hostname}:${port}`,
              'Upgrade: websocket',
              'Connection: Upgrade',
              'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
              `Sec-WebSocket-Version: ${version}`,
              `Sec-WebSocket-Protocol: ${WECS_SOCKET_PROTOCOL}`,
              `Authorization: ${as('logs-handshake')}`,
              '',
              '',
            ].join('\r\n'),
          );
          if (abandon) tcp.destroy();
        });
      for (let i = 0; i < 3; i++) {
        expect(await rawHandshake('7', false)).toMatch(/^HTTP\/1.1 400/);
        await rawHandshake('13', true);
        // A handshake refused for its query (no cluster) after the token check.
        const refused = new Client(
          `${wsBase}${LOGS_SOCKET_PATH}?namespace=shop&pod=${pod}`,
          { Authorization: as('logs-handshake') },
        );
        expect(await refused.handshake).toBe(400);
      }
      await slotsBack('logs-handshake');
    });
  });

  describe('REST requests', () => {
    it('refuses a user past the rate with 429, Retry-After and the limit, and serves another user', async () => {
      const responses = await Promise.all(
        Array.from({ length: 30 }, () =>
          fetch(`${backend.baseUrl}/clusters`, {
            headers: { Authorization: as('rest') },
          }),
        ),
      );
      const statuses = responses.map(r => r.status);
      expect(statuses.filter(s => s === 200).length).toBeGreaterThanOrEqual(
        LIMITS.requestBurst,
      );
      const refused = responses.find(r => r.status === 429);
      expect(refused).toBeDefined();
      expect(
        Number(refused!.headers.get('retry-after')),
      ).toBeGreaterThanOrEqual(1);
      expect((await refused!.json()).error.message).toMatch(
        /^Too many requests: at most 1 a second per user \(20 at once\); retry in \d+ s$/,
      );
      const other = await fetch(`${backend.baseUrl}/clusters`, {
        headers: { Authorization: as('rest-other') },
      });
      expect(other.status).toBe(200);
    });

    it('refuses a body over the size limit with 413 and one nested too deeply with 400, and takes a normal one', async () => {
      const post = (body: string) =>
        fetch(`${backend.baseUrl}/clusters/cluster1/reconnect`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            Authorization: as('bodies'),
          },
          body,
        });
      const large = await post(JSON.stringify({ pad: 'x'.repeat(5000) }));
      expect(large.status).toBe(413);
      expect((await large.json()).error.message).toBe(
        'Request bodies may be at most 4 KiB',
      );
      const deep = await post(`${'['.repeat(1000)}${']'.repeat(1000)}`);
      expect(deep.status).toBe(400);
      expect((await deep.json()).error.message).toBe(
        'JSON may nest objects and lists at most 20 levels deep',
      );
      const normal = await post(JSON.stringify({ reason: 'a test' }));
      expect(normal.status).toBe(202);
    });
  });

  describe('slim objects', () => {
    it('sends a ConfigMap of 20,000 keys as a bounded slim object that says what it left out', async () => {
      const kubeConfig = new KubeConfig();
      kubeConfig.loadFromFile(fleet.kubeconfigPath);
      const keys = 20_000;
      await new ClusterClient(kubeConfig, 'cluster1').sendJson(
        'POST',
        '/api/v1/namespaces/shop/configmaps',
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'twenty-thousand-keys', namespace: 'shop' },
          data: Object.fromEntries(
            Array.from({ length: keys }, (_, i) => [`key-${i}`, 'value']),
          ),
        },
      );
      let item: any;
      await waitFor('the ConfigMap in the store', async () => {
        const res = await fetch(
          `${backend.baseUrl}/cluster1/resources?kind=ConfigMap&namespace=shop&name=twenty-thousand-keys`,
          { headers: { Authorization: as('slim') } },
        );
        item = res.ok ? (await res.json()).items[0] : undefined;
        return item !== undefined;
      });
      expect(item.summary.dataKeys).toHaveLength(100);
      expect(item.omitted).toEqual({ dataKeys: keys - 100 });
      expect(JSON.stringify(item).length).toBeLessThan(5_000);
    });
  });
});
