import {
  LogServerMessage,
  wecsLogsReadPermission,
} from '@kubestellar/plugin-wecs-common';
import { FleetStore } from '../store/FleetStore';
import { WatchPool } from '../watch/WatchPool';
import { webSocketChannel } from './channel';
import {
  LogSocketRequest,
  parseLogSocketRequest,
  serveLogStream,
} from './logStream';
import { keepAuthorized } from './keepAuthorized';
import { PerUserLimit } from './PerUserLimit';
import {
  admitUpgrade,
  holdSlot,
  refuseUpgrade,
  SocketRouteOptions,
  upgrade,
} from './socketServer';

/**
 * Registers `/logs`: from the app's origins only, Backstage token, `wecs.logs.read`, and at
 * most `limit.max` open log streams per user, streamed and followed REST logs included. One
 * more is opened and closed at once with 4429 and the limit, which the page shows. A stream
 * is counted only once its handshake completed, and given back when its socket closes, so a
 * handshake that fails or is abandoned never holds a slot.
 */
export function addLogSocket(
  options: SocketRouteOptions & {
    pool: WatchPool;
    store: FleetStore;
    limit: PerUserLimit;
  },
) {
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
    originAllowed,
  } = options;
  httpRouter.addWebSocketHandler({
    path,
    async handler({ request, socket, head, credentials }) {
      const user = await admitUpgrade({
        auth,
        permissions,
        credentials,
        request,
        socket,
        permission: wecsLogsReadPermission,
        originAllowed,
      });
      if (user === undefined) return;
      let parsed: LogSocketRequest;
      try {
        parsed = parseLogSocketRequest(request.url ?? '');
      } catch (error) {
        refuseUpgrade(socket, 400, (error as Error).message);
        return;
      }
      const ws = await upgrade(server, request, socket, head);
      keepAuthorized(ws, {
        credentials,
        permissions,
        permission: wecsLogsReadPermission,
        recheckMs: options.recheckMs,
      });
      if (!holdSlot(ws, limit, user)) return;
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
