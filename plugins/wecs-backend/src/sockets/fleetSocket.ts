import {
  AuthService,
  HttpRouterService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  FleetClientMessage,
  FleetServerMessage,
  wecsResourcesReadPermission,
} from '@kubestellar/plugin-wecs-common';
import { WebSocket, WebSocketServer } from 'ws';
import { FleetFanOut } from './FleetFanOut';
import { parseFleetMessage } from './messages';
import { authorizeUpgrade, upgrade } from './socketServer';

type HandlerContext = Parameters<
  Parameters<HttpRouterService['addWebSocketHandler']>[0]['handler']
>[0];

/** Serves one fleet subscription over a WebSocket. */
export function serveFleetSocket(
  ws: WebSocket,
  fanOut: FleetFanOut,
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
    unsubscribe = fanOut.subscribe(
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
  fanOut: FleetFanOut;
  server: WebSocketServer;
  logger: LoggerService;
  path: string;
}) {
  const { httpRouter, auth, permissions, fanOut, server, logger, path } =
    options;
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
        fanOut,
        logger,
      );
    },
  });
}
