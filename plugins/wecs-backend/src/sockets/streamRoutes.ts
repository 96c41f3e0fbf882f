import {
  AuthService,
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { BasicPermission } from '@backstage/plugin-permission-common';
import {
  FLEET_SNAPSHOT_PATH,
  FLEET_STREAM_PATH,
  FleetServerMessage,
  LOGS_STREAM_PATH,
  LogServerMessage,
  wecsLogsReadPermission,
  wecsResourcesReadPermission,
} from '@kubestellar/plugin-wecs-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { FleetStore } from '../store/FleetStore';
import { WatchPool } from '../watch/WatchPool';
import { liveStreamRefusal, mayReadSecrets } from './access';
import { openEventStream } from './eventStream';
import { FleetFanOut } from './FleetFanOut';
import { parseLogSocketRequest, serveLogStream } from './logStream';
import { FleetMessageLimits, parseFleetMessage } from './messages';
import { PerUserLimit } from './PerUserLimit';
import { secretSafeChannel } from './secretSafeChannel';

/** As large as a fleet socket message may be. */
const MAX_MESSAGE_BYTES = 64 * 1024;

export interface StreamRouterOptions {
  httpAuth: HttpAuthService;
  auth: AuthService;
  permissions: PermissionsService;
  fanOut: FleetFanOut;
  pool: WatchPool;
  store: FleetStore;
  /** The log streams per user, shared with the log socket and the followed REST logs. */
  logStreams: PerUserLimit;
  /** The fleet subscriptions per user, shared with the fleet socket. */
  fleetStreams: PerUserLimit;
  /** How deeply a message may nest, and how many views it may ask for. */
  messageLimits: FleetMessageLimits;
  logger: LoggerService;
}

/**
 * The sockets' live protocol over ordinary HTTP routes, for backends whose router has no
 * WebSocket routes and for networks that block WebSockets:
 * - `POST /fleet/stream` with a views (or subscribe) message: Server-Sent Events of the fleet
 *   socket's messages; one request is one subscription, ended when the client goes.
 * - `POST /fleet/snapshot` with a views message: the messages a socket would send first (each
 *   view's window and the fleet notice), as a JSON array; with a subscribe message, its snapshot.
 * - `GET /logs/stream` with the log socket's query: Server-Sent Events of its messages, under the
 *   same per-user limit as the log socket.
 * `POST /fleet/stream` counts under the same per-user limit as the fleet socket.
 * Each needs a user (not a service) holding the permission its socket needs. Mount it before
 * the REST routes, so that `/:cluster/...` never shadows these paths.
 */
export function createStreamRouter(
  options: StreamRouterOptions,
): express.Router {
  const {
    httpAuth,
    auth,
    permissions,
    fanOut,
    pool,
    store,
    logStreams,
    fleetStreams,
    messageLimits,
    logger,
  } = options;
  const router = Router();
  // Raw text, parsed as the socket parses its messages; only on these routes, so that the
  // REST routes behind still read their own bodies.
  const messageBody = express.text({
    type: () => true,
    limit: MAX_MESSAGE_BYTES,
  });

  const requireUser = async (req: Request, permission: BasicPermission) => {
    // No credentials at all is a 401, as on every route; a service's are refused below.
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const refusal = await liveStreamRefusal(
      auth,
      permissions,
      credentials,
      permission,
    );
    if (refusal) throw new NotAllowedError(refusal);
    return credentials as BackstageCredentials<BackstageUserPrincipal>;
  };

  const clientMessage = (req: Request) => {
    const message = parseFleetMessage(
      typeof req.body === 'string' ? req.body : '',
      messageLimits,
    );
    if (message.type === 'ping') {
      throw new InputError(
        'Send a views or subscribe message; to change them, make a new request',
      );
    }
    if (message.type === 'search') {
      throw new InputError(
        'Send a views or subscribe message; searches go to GET /api/wecs/search',
      );
    }
    return message;
  };

  router.post(FLEET_STREAM_PATH, messageBody, async (req, res) => {
    const credentials = await requireUser(req, wecsResourcesReadPermission);
    const message = clientMessage(req);
    const release = fleetStreams.acquire(credentials.principal.userEntityRef);
    const channel = secretSafeChannel(
      openEventStream<FleetServerMessage>(res),
      await mayReadSecrets(permissions, credentials),
    );
    channel.onClose(release);
    const unsubscribe =
      message.type === 'views'
        ? fanOut.views.update(channel, message)
        : fanOut.subscribe(channel, message.filters, message.resume);
    channel.onClose(unsubscribe);
  });

  router.post(FLEET_SNAPSHOT_PATH, messageBody, async (req, res) => {
    await requireUser(req, wecsResourcesReadPermission);
    const message = clientMessage(req);
    // A views message gets every message a socket would send first; a subscribe message its
    // snapshot.
    res.json(
      message.type === 'views'
        ? fanOut.views.snapshot(message)
        : fanOut.snapshot(message.filters),
    );
  });

  router.get(LOGS_STREAM_PATH, async (req, res) => {
    const credentials = await requireUser(req, wecsLogsReadPermission);
    const request = parseLogSocketRequest(req.url);
    const release = logStreams.acquire(credentials.principal.userEntityRef);
    const channel = openEventStream<LogServerMessage>(res);
    channel.onClose(release);
    await serveLogStream(channel, request, pool, store, logger);
  });

  return router;
}
