import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  FLEET_SOCKET_PATH,
  LiveTransport,
  LOGS_SOCKET_PATH,
  wecsPermissions,
} from '@kubestellar/plugin-wecs-common';
import { wecsClusterSourcesExtensionPoint } from '@kubestellar/plugin-wecs-node';
import express from 'express';
import { ClusterSourceRegistry } from './cluster/ClusterSourceRegistry';
import { limitsFromConfig } from './model/limits';
import { credentialsBarrier } from './service/credentialsBarrier';
import { errorResponses } from './service/errorResponses';
import { createRequestLimits } from './service/requestLimits';
import { createRouter } from './service/router';
import { secretSafeResponses } from './service/secretSafeHttp';
import { mayReadSecrets } from './sockets/access';
import { addFleetSocket } from './sockets/fleetSocket';
import { FleetFanOut } from './sockets/FleetFanOut';
import { addLogSocket } from './sockets/logSocket';
import { originCheck } from './sockets/origins';
import { PerUserLimit } from './sockets/PerUserLimit';
import { createSocketServer } from './sockets/socketServer';
import { createStreamRouter } from './sockets/streamRoutes';
import { FleetStore } from './store/FleetStore';
import { followWatchPool } from './store/followWatchPool';
import { watchOptionsFromConfig } from './watch/options';
import { WatchPool } from './watch/WatchPool';

/**
 * The WECS backend plugin, mounted at /api/wecs. It wires the data path: cluster sources feed
 * the watch pool, the store follows the pool, the sockets and streamed responses fan the store
 * out, and the REST routes read the store and the clusters.
 *
 * @public
 */
export const wecsPlugin = createBackendPlugin({
  pluginId: 'wecs',
  register(env) {
    const registry = new ClusterSourceRegistry();
    env.registerExtensionPoint(wecsClusterSourcesExtensionPoint, registry);
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        lifecycle: coreServices.lifecycle,
        auth: coreServices.auth,
        auditor: coreServices.auditor,
      },
      async init({
        config,
        logger,
        httpRouter,
        httpAuth,
        permissions,
        permissionsRegistry,
        lifecycle,
        auth,
        auditor,
      }) {
        permissionsRegistry.addPermissions(wecsPermissions);
        registry.addConfiguredSources(config);
        const { sources } = registry;
        if (sources.length === 0) {
          logger.info(
            'No cluster source configured under wecs.its or wecs.kubeconfig, and no module added one; the fleet is empty',
          );
        }
        const limits = limitsFromConfig(config);
        const pool = new WatchPool(
          sources,
          watchOptionsFromConfig(config),
          logger,
        );
        const store = new FleetStore();
        followWatchPool(store, pool, limits);
        await pool.start();
        const fanOut = new FleetFanOut(store, pool);
        const sockets = createSocketServer();
        lifecycle.addShutdownHook(() => {
          fanOut.close();
          // Told, not dropped: 1012 (service restart) has clients reconnect, and resume, at
          // once; a dropped connection looks like a network fault.
          for (const ws of sockets.clients)
            ws.close(1012, 'The backend is restarting');
          sockets.close();
          pool.stop();
        });
        // One count per user of each kind of live connection, whichever transport carries it.
        const logStreams = new PerUserLimit(
          limits.logStreamsPerUser,
          'log streams',
        );
        const fleetSockets = new PerUserLimit(
          limits.fleetSocketsPerUser,
          'fleet sockets',
        );
        const originAllowed = originCheck(config);
        // WebSocket routes arrived with backend-plugin-api 1.12; older backends stream the same
        // messages over ordinary HTTP responses, which every backend has.
        const webSockets = typeof httpRouter.addWebSocketHandler === 'function';
        const transports: LiveTransport[] = webSockets
          ? ['websocket', 'http-stream']
          : ['http-stream'];
        if (webSockets) {
          addFleetSocket({
            httpRouter,
            auth,
            permissions,
            fanOut,
            server: sockets,
            logger,
            path: FLEET_SOCKET_PATH,
            limits,
            sockets: fleetSockets,
            originAllowed,
            recheckMs: limits.permissionRecheckSeconds * 1000,
          });
          addLogSocket({
            httpRouter,
            auth,
            permissions,
            pool,
            store,
            server: sockets,
            logger,
            path: LOGS_SOCKET_PATH,
            limit: logStreams,
            originAllowed,
            recheckMs: limits.permissionRecheckSeconds * 1000,
          });
        } else {
          logger.info(
            'This backend has no WebSocket routes (backend-defaults 0.19 or later has them); live updates use streamed HTTP responses',
          );
        }
        // The plugin's HTTP routes, in one router that ends in the plugin's error handler.
        const routes = express.Router();
        // First: credentials, checked here rather than by Backstage's barrier (opened below), so
        // that a 401 gets the plugin's error answer, as every other refusal does.
        routes.use(credentialsBarrier(httpAuth, config));
        // Before every route: the request rate per caller, and followed logs counted.
        routes.use(createRequestLimits({ httpAuth, limits, logStreams }));
        // Before every route: whatever an answer carries, Secret values leave redacted unless
        // the user may read them.
        routes.use(
          secretSafeResponses(async req =>
            mayReadSecrets(permissions, await httpAuth.credentials(req)),
          ),
        );
        // Before the REST routes, so that their `/:cluster/...` paths never shadow these.
        routes.use(
          createStreamRouter({
            httpAuth,
            auth,
            permissions,
            fanOut,
            pool,
            store,
            logStreams,
            fleetStreams: fleetSockets,
            messageLimits: limits,
            logger,
          }),
        );
        routes.use(
          await createRouter({
            logger,
            httpAuth,
            permissions,
            auditor,
            pool,
            store,
            transports,
            limits,
          }),
        );
        // Last: every error of the routes above answered with a message and a request id, never
        // a stack, a path or the request's body.
        routes.use(errorResponses(logger));
        httpRouter.use(routes);
        httpRouter.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
      },
    });
  },
});
