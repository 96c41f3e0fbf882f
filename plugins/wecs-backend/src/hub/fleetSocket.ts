import {
  AuthService,
  BackstageCredentials,
  HttpRouterService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  FleetClientMessage,
  FleetServerMessage,
  WECS_SOCKET_PROTOCOL,
  wecsResourcesReadPermission,
} from '@kubestellar/plugin-wecs-common';
import { IncomingMessage } from 'node:http';
import { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { FleetHub } from './FleetHub';
import { parseFleetMessage } from './messages';

type HandlerContext = Parameters<
  Parameters<HttpRouterService['addWebSocketHandler']>[0]['handler']
>[0];

const PING_INTERVAL_MS = 30_000;

/** Answers an upgrade with an HTTP error and closes the socket. */
export function refuseUpgrade(socket: Duplex, code: 403 | 429, reason: string) {
  const body = JSON.stringify({
    error: {
      name: code === 403 ? 'NotAllowedError' : 'TooManyRequests',
      message: reason,
    },
  });
  socket.end(
    `HTTP/1.1 ${code} ${
      code === 403 ? 'Forbidden' : 'Too Many Requests'
    }\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(
      body,
    )}\r\nConnection: close\r\n\r\n${body}`,
    () => socket.destroy(),
  );
}

/** Checks the caller is a user (not a service) holding a permission; refuses the upgrade otherwise. */
export async function authorizeUpgrade(
  auth: AuthService,
  permissions: PermissionsService,
  credentials: BackstageCredentials,
  socket: Duplex,
  permission: BasicPermission,
): Promise<boolean> {
  if (!auth.isPrincipal(credentials, 'user')) {
    refuseUpgrade(socket, 403, 'Only users can open WECS sockets');
    return false;
  }
  const [decision] = await permissions.authorize([{ permission }], {
    credentials,
  });
  if (decision.result !== AuthorizeResult.ALLOW) {
    refuseUpgrade(socket, 403, `Permission ${permission.name} is required`);
    return false;
  }
  return !socket.destroyed;
}

/**
 * A WebSocketServer that completes handshakes handed over by Backstage's router. It answers
 * with the WECS protocol (never echoing the token the client offered beside it) and pings
 * every client, dropping those that stop answering.
 */
export function createSocketServer(
  pingIntervalMs = PING_INTERVAL_MS,
): WebSocketServer {
  const server = new WebSocketServer({
    noServer: true,
    clientTracking: true,
    maxPayload: 64 * 1024,
    handleProtocols: protocols =>
      protocols.has(WECS_SOCKET_PROTOCOL) ? WECS_SOCKET_PROTOCOL : false,
  });
  const alive = new WeakSet<WebSocket>();
  server.on('connection', ws => {
    alive.add(ws);
    ws.on('pong', () => alive.add(ws));
  });
  const timer = setInterval(() => {
    for (const ws of server.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, pingIntervalMs);
  timer.unref?.();
  server.on('close', () => clearInterval(timer));
  return server;
}

export function upgrade(
  server: WebSocketServer,
  request: IncomingMessage,
  socket: Duplex,
  head: Buffer,
) {
  return new Promise<WebSocket>(resolve =>
    server.handleUpgrade(request, socket, head, ws => {
      // handleUpgrade does not announce the connection itself; the liveness pings rely on it.
      server.emit('connection', ws, request);
      resolve(ws);
    }),
  );
}

/** Serves one fleet subscription over a WebSocket. */
export function serveFleetSocket(
  ws: WebSocket,
  hub: FleetHub,
  logger: LoggerService,
) {
  let unsubscribe: (() => void) | undefined;
  const send = (message: FleetServerMessage) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
  };
  ws.on('message', data => {
    let message: FleetClientMessage;
    try {
      message = parseFleetMessage(data.toString());
    } catch (error) {
      send({ type: 'error', message: (error as Error).message });
      return;
    }
    if (message.type === 'ping') return;
    unsubscribe?.();
    unsubscribe = hub.subscribe(
      {
        send,
        get bufferedAmount() {
          return ws.bufferedAmount;
        },
      },
      message.filters,
      message.resume,
    );
  });
  ws.on('close', () => unsubscribe?.());
  ws.on('error', error => logger.debug(`fleet socket error: ${error.message}`));
}

/** Registers `/fleet`: authenticated with the Backstage token, authorized to read resources. */
export function addFleetSocket(options: {
  httpRouter: HttpRouterService;
  auth: AuthService;
  permissions: PermissionsService;
  hub: FleetHub;
  server: WebSocketServer;
  logger: LoggerService;
  path: string;
}) {
  const { httpRouter, auth, permissions, hub, server, logger, path } = options;
  httpRouter.addWebSocketHandler({
    path,
    async handler({ request, socket, head, credentials }: HandlerContext) {
      if (
        !(await authorizeUpgrade(
          auth,
          permissions,
          credentials,
          socket,
          wecsResourcesReadPermission,
        ))
      )
        return;
      serveFleetSocket(
        await upgrade(server, request, socket, head),
        hub,
        logger,
      );
    },
  });
}
