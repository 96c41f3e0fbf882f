import {
  AuthService,
  BackstageCredentials,
  HttpRouterService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { BasicPermission } from '@backstage/plugin-permission-common';
import {
  SOCKET_CLOSE_CODES,
  WECS_SOCKET_PROTOCOL,
} from '@kubestellar/plugin-wecs-common';
import { IncomingMessage } from 'node:http';
import { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { liveStreamRefusal } from './access';
import { PerUserLimit } from './PerUserLimit';

const PING_INTERVAL_MS = 30_000;

/**
 * permessage-deflate, as browsers offer it: a tree window repeats the same keys row after row
 * and the last window's uids, so it shrinks several times over on the wire. Small messages
 * (a changed row, a count) go as they are, as do those of clients that do not offer it. The
 * windows are smaller than zlib's defaults so that a socket's compressor holds about 100 KB
 * rather than 300 KB, and level 1 spends the least CPU for most of the gain on JSON.
 */
const COMPRESSION = {
  threshold: 1024,
  serverMaxWindowBits: 13,
  clientMaxWindowBits: 13,
  zlibDeflateOptions: { level: 1, memLevel: 7 },
};

const REFUSALS = {
  400: { status: 'Bad Request', name: 'InputError' },
  403: { status: 'Forbidden', name: 'NotAllowedError' },
  429: { status: 'Too Many Requests', name: 'TooManyRequests' },
};

/** Answers an upgrade with an HTTP error, in Backstage's error body, and closes the socket. */
export function refuseUpgrade(
  socket: Duplex,
  code: keyof typeof REFUSALS,
  reason: string,
) {
  const { status, name } = REFUSALS[code];
  const body = JSON.stringify({ error: { name, message: reason } });
  socket.end(
    `HTTP/1.1 ${code} ${status}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(
      body,
    )}\r\nConnection: close\r\n\r\n${body}`,
    () => socket.destroy(),
  );
}

/**
 * Refuses, with 403 before any handshake, an upgrade whose Origin the app does not serve
 * (`allowed` says, see `originCheck`); returns whether the upgrade may go on.
 */
export function checkUpgradeOrigin(
  request: IncomingMessage,
  socket: Duplex,
  allowed: (origin: string | undefined) => boolean,
): boolean {
  const origin = request.headers.origin;
  if (allowed(origin)) return true;
  refuseUpgrade(
    socket,
    403,
    `WebSocket connections from ${JSON.stringify(
      origin,
    )} are not allowed: only the app's own origins (app.baseUrl, backend.cors.origin) may open them`,
  );
  return false;
}

/** The longest close reason a WebSocket close frame carries, in bytes. */
const MAX_CLOSE_REASON_BYTES = 123;

/**
 * Closes an open socket that met a limit: the whole message first, as an `error` message both
 * sockets' clients show, then the close `code` with the message as its reason, cut to what a
 * close frame carries.
 */
export function closeRefused(ws: WebSocket, code: number, message: string) {
  if (ws.readyState !== WebSocket.OPEN) return;
  ws.send(JSON.stringify({ type: 'error', message }));
  ws.close(code, closeReason(message));
}

/** `message` as a close frame's reason: whole when it fits, else cut with an ellipsis. */
export function closeReason(message: string): string {
  if (Buffer.byteLength(message) <= MAX_CLOSE_REASON_BYTES) return message;
  let cut = message;
  while (Buffer.byteLength(`${cut}…`) > MAX_CLOSE_REASON_BYTES)
    cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** Checks the caller is a user (not a service) holding a permission; refuses the upgrade otherwise. */
export async function authorizeUpgrade(
  auth: AuthService,
  permissions: PermissionsService,
  credentials: BackstageCredentials,
  socket: Duplex,
  permission: BasicPermission,
): Promise<boolean> {
  const refusal = await liveStreamRefusal(
    auth,
    permissions,
    credentials,
    permission,
  );
  if (refusal) {
    refuseUpgrade(socket, 403, refusal);
    return false;
  }
  return !socket.destroyed;
}

/** What registering either socket takes: its path, the services it uses, the origins it allows. */
export interface SocketRouteOptions {
  httpRouter: HttpRouterService;
  auth: AuthService;
  permissions: PermissionsService;
  server: WebSocketServer;
  logger: LoggerService;
  path: string;
  originAllowed: (origin: string | undefined) => boolean;
  /** How often an open socket's permission is checked again. */
  recheckMs: number;
}

/**
 * Everything both sockets check before a handshake: the Origin, then a user holding
 * `permission`. Resolves with the user's entity ref, or undefined when the upgrade was
 * refused (answered already).
 */
export async function admitUpgrade(options: {
  auth: AuthService;
  permissions: PermissionsService;
  credentials: BackstageCredentials;
  request: IncomingMessage;
  socket: Duplex;
  permission: BasicPermission;
  originAllowed: (origin: string | undefined) => boolean;
}): Promise<string | undefined> {
  const { auth, credentials, request, socket, originAllowed } = options;
  if (!checkUpgradeOrigin(request, socket, originAllowed)) return undefined;
  const allowed = await authorizeUpgrade(
    auth,
    options.permissions,
    credentials,
    socket,
    options.permission,
  );
  return allowed && auth.isPrincipal(credentials, 'user')
    ? credentials.principal.userEntityRef
    : undefined;
}

/**
 * Counts an open socket as one of `user`'s under `limit` until it closes, however it closes.
 * Counted once the handshake completed, so a handshake that fails or is abandoned never holds
 * a slot. Past the limit the socket is closed with 4429 and the limit's message (a browser
 * never sees why a handshake was refused, but it sees a close reason); returns false then.
 */
export function holdSlot(
  ws: WebSocket,
  limit: PerUserLimit,
  user: string,
): boolean {
  let release: () => void;
  try {
    release = limit.acquire(user);
  } catch (error) {
    closeRefused(ws, SOCKET_CLOSE_CODES.tooMany, (error as Error).message);
    return false;
  }
  if (ws.readyState === WebSocket.CLOSED) release();
  else ws.once('close', release);
  return true;
}

/**
 * A WebSocketServer that completes handshakes handed over by Backstage's router. It answers
 * with the WECS protocol (never echoing the token the client offered beside it), compresses
 * what it sends to clients that offer it, and pings every client, dropping those that stop
 * answering.
 */
export function createSocketServer(
  pingIntervalMs = PING_INTERVAL_MS,
): WebSocketServer {
  const server = new WebSocketServer({
    noServer: true,
    clientTracking: true,
    maxPayload: 64 * 1024,
    perMessageDeflate: COMPRESSION,
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

/** Completes a handshake the router handed over, announcing the connection to the server. */
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
