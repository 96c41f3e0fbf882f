import {
  HttpRouterService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  FleetServerMessage,
  SOCKET_CLOSE_CODES,
  wecsResourcesReadPermission,
} from '@kubestellar/plugin-wecs-common';
import { WebSocket } from 'ws';
import { DEFAULT_LIMITS, describeBytes, WecsLimits } from '../model/limits';
import { mayReadSecrets } from './access';
import { webSocketChannel } from './channel';
import { FleetFanOut } from './FleetFanOut';
import { keepAuthorized } from './keepAuthorized';
import { MessageBudget } from './MessageBudget';
import {
  ParsedFleetMessage,
  parseFleetMessage,
  SearchRefusal,
} from './messages';
import { PerUserLimit } from './PerUserLimit';
import { failedAnswer } from './failedAnswer';
import { secretSafeChannel } from './secretSafeChannel';
import {
  admitUpgrade,
  closeRefused,
  holdSlot,
  SocketRouteOptions,
  upgrade,
} from './socketServer';

/** The limits one fleet socket is held to. */
export type FleetSocketLimits = Pick<
  WecsLimits,
  | 'viewsPerSocket'
  | 'messagesPerSecond'
  | 'messageBurst'
  | 'queuedBytesPerSocket'
  | 'jsonDepth'
>;

type HandlerContext = Parameters<
  Parameters<HttpRouterService['addWebSocketHandler']>[0]['handler']
>[0];

/**
 * Serves one fleet subscription over a WebSocket, held to `limits`: messages a second (past
 * the rate each is refused, and a client that goes on is closed), views open, and bytes the
 * client has not read when it asks for more (it stopped reading: closed). A socket holds one
 * subscription at a time: a subscribe or views message replaces the one before. Every message
 * leaves redacted unless `showSecrets` (the user may read Secrets).
 */
export function serveFleetSocket(
  ws: WebSocket,
  fanOut: FleetFanOut,
  logger: LoggerService,
  limits: FleetSocketLimits = DEFAULT_LIMITS,
  showSecrets = false,
) {
  let unsubscribe: (() => void) | undefined;
  const channel = secretSafeChannel(
    webSocketChannel<FleetServerMessage>(ws),
    showSecrets,
  );
  const budget = new MessageBudget(
    limits.messagesPerSecond,
    limits.messageBurst,
  );
  ws.on('message', data => {
    const verdict = budget.take();
    if (verdict === 'close') {
      closeRefused(ws, SOCKET_CLOSE_CODES.tooMany, budget.closing);
      return;
    }
    if (verdict === 'refuse') {
      channel.send({ type: 'error', message: budget.refusal });
      return;
    }
    // Each answer is bounded; a client that has not read the answers before gets no more.
    if (ws.bufferedAmount > limits.queuedBytesPerSocket) {
      closeRefused(
        ws,
        SOCKET_CLOSE_CODES.tooSlow,
        `This page stopped reading what the backend sends: more than ${describeBytes(
          limits.queuedBytesPerSocket,
        )} waited for it`,
      );
      return;
    }
    let message: ParsedFleetMessage;
    try {
      message = parseFleetMessage(data.toString(), limits);
    } catch (error) {
      channel.send({
        type: 'error',
        message: (error as Error).message,
        ...(error instanceof SearchRefusal ? { search: error.search } : {}),
      });
      return;
    }
    // Whatever fails in answering is this message's failure: the socket answers so, and the
    // next message is served as ever.
    try {
      answer(message);
    } catch (error) {
      channel.send({ type: 'error', message: failedAnswer(logger, error) });
    }
  });

  function answer(message: ParsedFleetMessage) {
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
  }
  channel.onClose(() => unsubscribe?.());
  ws.on('error', error => logger.debug(`fleet socket error: ${error.message}`));
}

/**
 * Registers `/fleet`: from the app's origins only, authenticated with the Backstage token,
 * authorized to read resources, and at most `sockets.max` per user (streamed fleet responses
 * included): one more is opened and closed at once with 4429 and the limit, which the page
 * shows (a browser never sees why a handshake was refused).
 */
export function addFleetSocket(
  options: SocketRouteOptions & {
    fanOut: FleetFanOut;
    limits: WecsLimits;
    sockets: PerUserLimit;
  },
) {
  const {
    httpRouter,
    auth,
    permissions,
    fanOut,
    server,
    logger,
    path,
    limits,
    sockets,
    originAllowed,
  } = options;
  httpRouter.addWebSocketHandler({
    path,
    async handler({ request, socket, head, credentials }: HandlerContext) {
      const user = await admitUpgrade({
        auth,
        permissions,
        credentials,
        request,
        socket,
        permission: wecsResourcesReadPermission,
        originAllowed,
      });
      if (user === undefined) return;
      const showSecrets = await mayReadSecrets(permissions, credentials);
      const ws = await upgrade(server, request, socket, head);
      keepAuthorized(ws, {
        credentials,
        permissions,
        permission: wecsResourcesReadPermission,
        recheckMs: options.recheckMs,
      });
      if (holdSlot(ws, sockets, user))
        serveFleetSocket(ws, fanOut, logger, limits, showSecrets);
    },
  });
}
