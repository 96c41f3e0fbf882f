import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { wecsPermissions } from '@kubestellar/plugin-wecs-common';
import { KubeconfigClusterSource } from './clusters/KubeconfigClusterSource';
import { createRouter } from './service/router';

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
      },
      async init({
        config,
        logger,
        httpRouter,
        httpAuth,
        permissions,
        permissionsRegistry,
      }) {
        permissionsRegistry.addPermissions(wecsPermissions);
        const clusters = KubeconfigClusterSource.fromConfig(config);
        if (!clusters) {
          logger.info(
            'No cluster source configured under wecs.kubeconfig; the fleet is empty',
          );
        }
        httpRouter.use(
          await createRouter({ logger, httpAuth, permissions, clusters }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
