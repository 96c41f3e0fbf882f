import {
  LOGS_SOCKET_PATH,
  FLEET_SOCKET_PATH,
  SOCKET_CLOSE_CODES,
} from '@kubestellar/plugin-wecs-common';
import { WebSocket } from 'ws';
import { startFleet, waitFor } from './__testUtils__/simulatedFleet';
import {
  openUserSocket as openSocket,
  runningStorefrontPod,
} from './__testUtils__/backendClients';
import { startWecsBackend } from './__testUtils__/testBackends';

jest.setTimeout(120_000);

/**
 * Open sockets stay as authorized as the request that opened them: a permission withdrawn
 * while a page is open closes its socket (checked again every second here), with 4403 and the
 * permission's name, on a real backend over the simulator.
 */
describe('sockets whose permission is withdrawn while open', () => {
  let stop: Array<() => Promise<void>> = [];
  let baseUrl: string;
  const denied = new Set<string>();

  beforeAll(async () => {
    const fleet = await startFleet({ clusters: 1 });
    stop.push(fleet.stop);
    const backend = await startWecsBackend({
      webSockets: true,
      denied,
      wecs: {
        kubeconfig: { path: fleet.kubeconfigPath, contexts: ['cluster1'] },
        limits: { permissionRecheckSeconds: 1 },
      },
    });
    stop.unshift(backend.stop);
    baseUrl = backend.baseUrl;
  });

  afterAll(async () => {
    for (const stopping of stop) await stopping();
    stop = [];
  });

  beforeEach(() => denied.clear());

  it('closes a fleet socket with 4403 once wecs.resources.read is withdrawn, and serves it until then', async () => {
    const socket = await openSocket(
      `${baseUrl.replace(/^http/, 'ws')}${FLEET_SOCKET_PATH}`,
    );
    socket.ws.send(
      JSON.stringify({
        type: 'views',
        views: [{ id: 'clusters', query: { level: 'clusters' } }],
      }),
    );
    await waitFor('the cluster rows', () =>
      socket.messages.some(m => m.includes('"type":"window"')),
    );
    // Two checks pass while the permission holds.
    await new Promise(resolve => setTimeout(resolve, 2_500));
    expect(socket.ws.readyState).toBe(WebSocket.OPEN);
    denied.add('wecs.resources.read');
    await expect(socket.closed).resolves.toEqual({
      code: SOCKET_CLOSE_CODES.withdrawn,
      reason: 'Permission wecs.resources.read was withdrawn',
    });
  });

  it('closes a log socket with 4403 once wecs.logs.read is withdrawn', async () => {
    const pod = await runningStorefrontPod(baseUrl);
    const socket = await openSocket(
      `${baseUrl.replace(
        /^http/,
        'ws',
      )}${LOGS_SOCKET_PATH}?cluster=cluster1&namespace=shop&pod=${pod}&container=web&follow=true&tailLines=1`,
    );
    await waitFor('a log line', () =>
      socket.messages.some(m => m.includes('"type":"lines"')),
    );
    denied.add('wecs.logs.read');
    await expect(socket.closed).resolves.toEqual({
      code: SOCKET_CLOSE_CODES.withdrawn,
      reason: 'Permission wecs.logs.read was withdrawn',
    });
  });
});
