import {
  AuthService,
  HttpRouterService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  LogServerMessage,
  wecsLogsReadPermission,
} from '@kubestellar/plugin-wecs-common';
import { WebSocketServer } from 'ws';
import { FleetStore } from '../store/FleetStore';
import { WatchPool } from '../watch/WatchPool';
import { webSocketChannel } from './channel';
import {
  LogSocketRequest,
  LogStreamLimit,
  parseLogSocketRequest,
  serveLogStream,
} from './logStream';
import { authorizeUpgrade, refuseUpgrade, upgrade } from './socketServer';

/**
 * Registers `/logs`: Backstage token, `wecs.logs.read`, and at most `limit.max` open log
 * streams per user, streamed responses included (further ones get 429).
 */
export function addLogSocket(options: {
  httpRouter: HttpRouterService;
  auth: AuthService;
  permissions: PermissionsService;
  pool: WatchPool;
  store: FleetStore;
  server: WebSocketServer;
  logger: LoggerService;
  path: string;
  limit: LogStreamLimit;
}) {
  const {
    httpRouter,
    auth,
    permissions,
    pool,
    store,
    server,
    logger,
    path,
    limit,
  } = options;
  httpRouter.addWebSocketHandler({
    path,
    async handler({ request, socket, head, credentials }) {
      if (
        !(await authorizeUpgrade(
          auth,
          permissions,
          credentials,
          socket,
          wecsLogsReadPermission,
        ))
      )
        return;
      const user = auth.isPrincipal(credentials, 'user')
        ? credentials.principal.userEntityRef
        : 'unknown';
      let parsed: LogSocketRequest;
      try {
        parsed = parseLogSocketRequest(request.url ?? '');
      } catch (error) {
        refuseUpgrade(socket, 400, (error as Error).message);
        return;
      }
      let release: () => void;
      try {
        release = limit.acquire(user);
      } catch (error) {
        refuseUpgrade(socket, 429, (error as Error).message);
        return;
      }
      // The raw socket's close also covers a handshake that never completes.
      socket.once('close', release);
      const ws = await upgrade(server, request, socket, head);
      await serveLogStream(
        webSocketChannel<LogServerMessage>(ws),
        parsed,
        pool,
        store,
        logger,
      );
    },
  });
}
