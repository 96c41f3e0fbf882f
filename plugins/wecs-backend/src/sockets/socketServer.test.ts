import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  WECS_SOCKET_PROTOCOL,
  wecsLogsReadPermission,
  wecsResourcesReadPermission,
} from '@kubestellar/plugin-wecs-common';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { WebSocket } from 'ws';
import {
  authorizeUpgrade,
  closeReason,
  createSocketServer,
  upgrade,
} from './socketServer';

/** The upgrade check both sockets run before any handshake. */
describe('authorizeUpgrade', () => {
  const socketReply = () => {
    const socket = new PassThrough();
    let written = '';
    socket.on('data', chunk => (written += chunk));
    return { socket, written: () => written };
  };

  it.each([wecsResourcesReadPermission, wecsLogsReadPermission])(
    'refuses a user denied %s with 403',
    async permission => {
      const { socket, written } = socketReply();
      const allowed = await authorizeUpgrade(
        mockServices.auth(),
        mockServices.permissions({ result: AuthorizeResult.DENY }),
        mockCredentials.user(),
        socket,
        permission,
      );
      expect(allowed).toBe(false);
      expect(written()).toMatch(/^HTTP\/1.1 403 Forbidden/);
      expect(written()).toContain(`Permission ${permission.name} is required`);
    },
  );

  it('lets an allowed user through without writing anything', async () => {
    const { socket, written } = socketReply();
    const allowed = await authorizeUpgrade(
      mockServices.auth(),
      mockServices.permissions({ result: AuthorizeResult.ALLOW }),
      mockCredentials.user(),
      socket,
      wecsResourcesReadPermission,
    );
    expect(allowed).toBe(true);
    expect(written()).toBe('');
  });

  it('refuses service principals: the sockets are for people', async () => {
    const { socket, written } = socketReply();
    const allowed = await authorizeUpgrade(
      mockServices.auth(),
      mockServices.permissions({ result: AuthorizeResult.ALLOW }),
      mockCredentials.service(),
      socket,
      wecsResourcesReadPermission,
    );
    expect(allowed).toBe(false);
    expect(written()).toContain('Only users can open WECS sockets');
  });
});

/** What browsers get on the wire: permessage-deflate when they offer it. */
describe('createSocketServer', () => {
  const servers: Array<{ close(): void }> = [];
  afterEach(() => servers.splice(0).forEach(server => server.close()));

  /** A window of rows alike but for their names and uids, as a tree window is. */
  const WINDOW = JSON.stringify({
    type: 'window',
    rows: Array.from({ length: 200 }, (_, i) => ({
      type: 'instance',
      key: `0c2b6f5e-8a1c-4d1e-9f55-${String(i).padStart(12, '0')}`,
      resource: { kind: 'Pod', name: `pod-${i}`, status: { phase: 'running' } },
    })),
  });

  /** A socket server behind a real HTTP server; resolves with its port. */
  async function listen() {
    const sockets = createSocketServer();
    const http = createServer();
    http.on('upgrade', (request, socket, head) =>
      upgrade(sockets, request, socket, head).then(ws => ws.send(WINDOW)),
    );
    servers.push(sockets, http);
    await new Promise<void>(resolve => http.listen(0, '127.0.0.1', resolve));
    return (http.address() as AddressInfo).port;
  }

  /** The first message a client receives, and the bytes its TCP socket read for it. */
  async function receive(port: number, perMessageDeflate: boolean) {
    const client = new WebSocket(
      `ws://127.0.0.1:${port}`,
      WECS_SOCKET_PROTOCOL,
      {
        perMessageDeflate,
      },
    );
    const text = await new Promise<string>((resolve, reject) => {
      client.once('message', data => resolve(String(data)));
      client.once('error', reject);
    });
    const wire = (client as any)._socket.bytesRead as number;
    const extensions = client.extensions;
    client.close();
    return { text, wire, extensions };
  }

  it('compresses large messages for a client that offers permessage-deflate', async () => {
    const port = await listen();
    const { text, wire, extensions } = await receive(port, true);
    expect(extensions).toContain('permessage-deflate');
    expect(text).toBe(WINDOW);
    expect(wire).toBeLessThan(WINDOW.length / 4);
  });

  it('sends as they are to a client that does not offer it', async () => {
    const port = await listen();
    const { text, wire, extensions } = await receive(port, false);
    expect(extensions).toBe('');
    expect(text).toBe(WINDOW);
    expect(wire).toBeGreaterThan(WINDOW.length);
  });
});

/** A close frame carries at most 123 bytes of reason; a refusal's message may be longer. */
describe('closeReason', () => {
  it('keeps a short message whole', () => {
    const message =
      'At most 20 fleet sockets may be open per user; close one first';
    expect(closeReason(message)).toBe(message);
  });

  it('cuts a long one, multi-byte characters included, to 123 bytes with an ellipsis', () => {
    const reason = closeReason(`Too many: ${'é'.repeat(200)}`);
    expect(Buffer.byteLength(reason)).toBeLessThanOrEqual(123);
    expect(reason.startsWith('Too many: éé')).toBe(true);
    expect(reason.endsWith('…')).toBe(true);
  });
});
