import {
  AuthService,
  HttpRouterService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  FleetServerMessage,
  wecsResourcesReadPermission,
} from '@kubestellar/plugin-wecs-common';
import { WebSocket, WebSocketServer } from 'ws';
import { mayReadSecrets } from './access';
import { webSocketChannel } from './channel';
import { FleetFanOut } from './FleetFanOut';
import { MessageBudget } from './MessageBudget';
import {
  ParsedFleetMessage,
  parseFleetMessage,
  SearchRefusal,
} from './messages';
import { secretSafeChannel } from './secretSafeChannel';
import { authorizeUpgrade, upgrade } from './socketServer';

type HandlerContext = Parameters<
  Parameters<HttpRouterService['addWebSocketHandler']>[0]['handler']
>[0];

/**
 * Serves one fleet subscription over a WebSocket; every message leaves redacted unless
 * `showSecrets` (the user may read Secrets).
 */
export function serveFleetSocket(
  ws: WebSocket,
  fanOut: FleetFanOut,
  logger: LoggerService,
  showSecrets = false,
) {
  let unsubscribe: (() => void) | undefined;
  const channel = secretSafeChannel(
    webSocketChannel<FleetServerMessage>(ws),
    showSecrets,
  );
  const budget = new MessageBudget();
  ws.on('message', data => {
    if (!budget.take()) {
      channel.send({ type: 'error', message: budget.refusal });
      return;
    }
    let message: ParsedFleetMessage;
    try {
      message = parseFleetMessage(data.toString());
    } catch (error) {
      channel.send({
        type: 'error',
        message: (error as Error).message,
        ...(error instanceof SearchRefusal ? { search: error.search } : {}),
      });
      return;
    }
    if (message.type === 'ping') return;
    if (message.type === 'search') {
      channel.send(fanOut.views.search(message));
      return;
    }
    if (message.type === 'views') {
      // The same client is updated in place: the views it keeps are not sent again.
      const stop = fanOut.views.update(channel, message);
      if (unsubscribe !== stop) unsubscribe?.();
      unsubscribe = stop;
      return;
    }
    unsubscribe?.();
    unsubscribe = fanOut.subscribe(channel, message.filters, message.resume);
  });
  channel.onClose(() => unsubscribe?.());
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
      const showSecrets = await mayReadSecrets(permissions, credentials);
      serveFleetSocket(
        await upgrade(server, request, socket, head),
        fanOut,
        logger,
        showSecrets,
      );
    },
  });
}
