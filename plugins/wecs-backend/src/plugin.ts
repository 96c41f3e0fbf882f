import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { wecsPermissions } from '@kubestellar/plugin-wecs-common';
import { KubeconfigClusterSource } from './cluster/KubeconfigClusterSource';
import { createRouter } from './service/router';
import { FleetStore } from './store/FleetStore';
import { watchOptionsFromConfig } from './watch/options';
import { WatchPool } from './watch/WatchPool';

/**
 * The WECS backend plugin, mounted at /api/wecs.
 *
 * @public
 */
export const wecsPlugin = createBackendPlugin({
  pluginId: 'wecs',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        lifecycle: coreServices.lifecycle,
      },
      async init({
        config,
        logger,
        httpRouter,
        httpAuth,
        permissions,
        permissionsRegistry,
        lifecycle,
      }) {
        permissionsRegistry.addPermissions(wecsPermissions);
        const sources = [KubeconfigClusterSource.fromConfig(config)].filter(
          source => source !== undefined,
        );
        if (sources.length === 0) {
          logger.info(
            'No cluster source configured under wecs.kubeconfig; the fleet is empty',
          );
        }
        const pool = new WatchPool(
          sources,
          new FleetStore(),
          watchOptionsFromConfig(config),
          logger,
        );
        await pool.start();
        lifecycle.addShutdownHook(() => pool.stop());
        httpRouter.use(
          await createRouter({ logger, httpAuth, permissions, pool }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
