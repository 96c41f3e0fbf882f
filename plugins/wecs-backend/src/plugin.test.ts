import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  BackendFeature,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { KubeConfig } from '@kubernetes/client-node';
import {
  ClusterClient,
  ClusterSource,
  wecsClusterSourcesExtensionPoint,
} from '@kubestellar/plugin-wecs-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  FLEET_STREAM_PATH,
  FleetServerMessage,
  LOGS_SOCKET_PATH,
  LOGS_STREAM_PATH,
  LogServerMessage,
  SOCKET_CLOSE_CODES,
  WECS_SOCKET_PROTOCOL,
  WecsHealth,
} from '@kubestellar/plugin-wecs-common';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { WebSocket } from 'ws';
import { runningStorefrontPod } from './__testUtils__/backendClients';
import { readEventStream } from './__testUtils__/eventStreamClient';
import { startFleet, waitFor } from './__testUtils__/simulatedFleet';
import { startWecsBackend } from './__testUtils__/testBackends';
import { wecsPlugin } from './plugin';

const kubeconfig = `
apiVersion: v1
kind: Config
clusters:
  - name: east
    cluster: { server: 'https://east.example:6443' }
users:
  - name: admin
    user: { token: secret }
contexts:
  - name: cluster1
    context: { cluster: east, user: admin }
current-context: cluster1
`;

describe('wecs backend plugin', () => {
  let dir: string;
  let kubeconfigPath: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'wecs-plugin-'));
    kubeconfigPath = join(dir, 'config');
    writeFileSync(kubeconfigPath, kubeconfig);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const startBackend = (
    result:
      | AuthorizeResult.ALLOW
      | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
  ) =>
    startTestBackend({
      features: [
        wecsPlugin,
        mockServices.rootConfig.factory({
          data: { wecs: { kubeconfig: { path: kubeconfigPath } } },
        }),
        mockServices.permissions.factory({ result }),
      ],
    });

  it('answers health without credentials', async () => {
    const { server } = await startBackend();
    const response = await request(server).get('/api/wecs/health');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'ok' });
  });

  it('refuses the cluster list without credentials', async () => {
    const { server } = await startBackend();
    const response = await request(server)
      .get('/api/wecs/clusters')
      .set('Authorization', mockCredentials.none.header());
    expect(response.status).toBe(401);
  });

  it('lists the kubeconfig clusters for a signed-in user', async () => {
    const { server } = await startBackend();
    const response = await request(server)
      .get('/api/wecs/clusters')
      .set('Authorization', mockCredentials.user.header());
    expect(response.status).toBe(200);
    expect(response.body.errors).toEqual([]);
    expect(response.body.items).toHaveLength(1);
    expect(response.body.items[0]).toMatchObject({
      name: 'cluster1',
      source: 'kubeconfig',
      context: 'cluster1',
      server: 'https://east.example:6443',
      access: 'direct',
      counts: { total: 0 },
    });
    expect(['connecting', 'disconnected']).toContain(
      response.body.items[0].state,
    );
  });

  it('watches the clusters a backend module adds through the extension point', async () => {
    const base = new KubeConfig();
    base.loadFromFile(kubeconfigPath);
    const inventory: ClusterSource = {
      description: 'an inventory of tests',
      start(report) {
        report({
          clusters: [
            {
              identity: {
                name: 'inventoried',
                source: 'inventory',
                context: 'cluster1',
                labels: { team: 'shop' },
              },
              client: new ClusterClient(base, 'cluster1'),
            },
          ],
          errors: ['the inventory is only a test'],
        });
      },
      stop() {},
    };
    const { server } = await startTestBackend({
      features: [
        wecsPlugin,
        createBackendModule({
          pluginId: 'wecs',
          moduleId: 'test-inventory',
          register(env) {
            env.registerInit({
              deps: { sources: wecsClusterSourcesExtensionPoint },
              async init({ sources }) {
                sources.addClusterSource(inventory);
              },
            });
          },
        }),
        mockServices.rootConfig.factory({ data: { wecs: {} } }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      ],
    });
    const response = await request(server)
      .get('/api/wecs/clusters')
      .set('Authorization', mockCredentials.user.header());
    expect(response.body.errors).toEqual(['the inventory is only a test']);
    expect(response.body.items).toEqual([
      expect.objectContaining({
        name: 'inventoried',
        source: 'inventory',
        role: 'wec',
        access: 'direct',
        labels: { team: 'shop' },
      }),
    ]);
  });

  it('validates resource filters before touching the store', async () => {
    const { server } = await startBackend();
    const bad = await request(server)
      .get('/api/wecs/resources?status=sleeping')
      .set('Authorization', mockCredentials.user.header());
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('Invalid status "sleeping"');
    const unknown = await request(server)
      .get('/api/wecs/cluster9/resources')
      .set('Authorization', mockCredentials.user.header());
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe(
      'No cluster named cluster9 is monitored',
    );
  });

  it('answers 403 with a clear message when the read permission is denied', async () => {
    const { server } = await startBackend(AuthorizeResult.DENY);
    const response = await request(server)
      .get('/api/wecs/clusters')
      .set('Authorization', mockCredentials.user.header());
    expect(response.status).toBe(403);
    expect(response.body.error.message).toContain('wecs.resources.read');
  });
});

/**
 * Live updates on both kinds of host router, against the simulator: the transports `/health`
 * announces, the streamed routes, and one log stream limit for sockets and streams together.
 */
describe('wecs backend plugin live transports', () => {
  jest.setTimeout(120_000);
  let fleet: Awaited<ReturnType<typeof startFleet>>;
  const user = mockCredentials.user.header();

  beforeAll(async () => {
    fleet = await startFleet({
      clusters: 1,
      tickMs: 100,
      rolloutEveryMs: 0,
      availabilityFlipMs: 0,
    });
  });

  afterAll(() => fleet?.stop());

  let stopBackend: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stopBackend?.();
    stopBackend = undefined;
  });

  const start = async (
    webSockets: boolean,
    features: BackendFeature[] = [],
  ) => {
    const backend = await startWecsBackend({
      webSockets,
      features,
      wecs: {
        kubeconfig: { path: fleet.kubeconfigPath, contexts: ['cluster1'] },
        limits: { logStreamsPerUser: 2 },
      },
    });
    stopBackend = backend.stop;
    return backend;
  };

  const fleetStream = (baseUrl: string) =>
    readEventStream<FleetServerMessage>(`${baseUrl}${FLEET_STREAM_PATH}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: user },
      body: JSON.stringify({ type: 'subscribe', filters: { kinds: ['Pod'] } }),
    });

  it('streams over HTTP where the router has no WebSocket routes (backend-defaults 0.18, as create-app 1.55 pins)', async () => {
    const logger = mockServices.logger.mock();
    const backend = await start(false, [logger.factory]);
    const health = await fetch(`${backend.baseUrl}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject<Partial<WecsHealth>>({
      status: 'ok',
      transports: ['http-stream'],
    });
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining('live updates use streamed HTTP responses'),
    );

    await runningStorefrontPod(backend.baseUrl);
    const stream = await fleetStream(backend.baseUrl);
    expect(stream.response.status).toBe(200);
    await waitFor('a snapshot', () => stream.messages.length > 0);
    expect(stream.messages[0]).toMatchObject({
      type: 'snapshot',
      clusters: [{ name: 'cluster1', state: 'connected' }],
    });
    stream.close();

    const anonymous = await fetch(`${backend.baseUrl}${FLEET_STREAM_PATH}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: mockCredentials.none.header(),
      },
      body: JSON.stringify({ type: 'subscribe' }),
    });
    expect(anonymous.status).toBe(401);
  });

  it('offers both transports on the newest router, with one log stream limit for sockets and streams', async () => {
    const backend = await start(true);
    const health = await fetch(`${backend.baseUrl}/health`);
    expect((await health.json()).transports).toEqual([
      'websocket',
      'http-stream',
    ]);

    // Through the production middleware (compression included), events still flow at once.
    const stream = await fleetStream(backend.baseUrl);
    await waitFor('a snapshot', () => stream.messages.length > 0);
    expect(stream.response.headers.get('content-encoding')).toBeNull();
    stream.close();

    const pod = await runningStorefrontPod(backend.baseUrl);
    const query = `cluster=cluster1&namespace=shop&pod=${pod}&container=web&follow=true&tailLines=1`;
    const openSocket = () =>
      new WebSocket(
        `${backend.baseUrl.replace(/^http/, 'ws')}${LOGS_SOCKET_PATH}?${query}`,
        [WECS_SOCKET_PROTOCOL],
        { headers: { Authorization: user } },
      );
    const openStream = () =>
      readEventStream<LogServerMessage>(
        `${backend.baseUrl}${LOGS_STREAM_PATH}?${query}`,
        { headers: { Authorization: user } },
      );
    /** The HTTP status a socket's handshake got: 101 when it opened. */
    const handshake = (ws: WebSocket) =>
      new Promise<number>(resolve => {
        ws.once('open', () => resolve(101));
        ws.once('unexpected-response', (_req, res) =>
          resolve(res.statusCode ?? 0),
        );
      });

    const socket = openSocket();
    expect(await handshake(socket)).toBe(101);
    const logs = await openStream();
    expect(logs.response.status).toBe(200);
    await waitFor('followed lines', () =>
      logs.messages.some(m => m.type === 'lines'),
    );

    const overStream = await openStream();
    expect(overStream.response.status).toBe(429);
    expect((await overStream.response.json()).error.message).toBe(
      'At most 2 log streams may be open per user; close one first',
    );
    // A refused socket opens and closes at once, so that the browser learns why.
    const overSocket = openSocket();
    const refused = new Promise<{ code: number; reason: string }>(resolve =>
      overSocket.once('close', (code, reason) =>
        resolve({ code, reason: String(reason) }),
      ),
    );
    expect(await handshake(overSocket)).toBe(101);
    expect(await refused).toEqual({
      code: SOCKET_CLOSE_CODES.tooMany,
      reason: 'At most 2 log streams may be open per user; close one first',
    });

    socket.close();
    await waitFor('the slot of the closed socket to free up', async () => {
      const again = await openStream();
      again.close();
      return again.response.status === 200;
    });
    logs.close();
  });
});
