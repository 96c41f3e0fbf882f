import {
  BackendFeature,
  coreServices,
  createServiceFactory,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { createBackend } from '@backstage/backend-defaults';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createServer } from 'node:net';
import { wecsPlugin } from '../plugin';
import { startFleet } from './simulatedFleet';

/**
 * A permission policy that denies whichever permissions `denied` holds when asked, and allows
 * the rest; tests add and remove names as they go.
 */
export function denyingPermissions(denied: Set<string>): PermissionsService {
  return {
    authorize: async requests =>
      requests.map(r => ({
        result: denied.has(r.permission.name)
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
      })),
    authorizeConditional: async requests =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
  } as PermissionsService;
}

/** `denyingPermissions` as the backend's permissions service. */
export const denyingPermissionsFactory = (denied: Set<string>) =>
  createServiceFactory({
    service: coreServices.permissions,
    deps: {},
    factory: () => denyingPermissions(denied),
  });

/** A TCP port free at the time of asking. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise(resolve => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * A Backstage backend with the WECS plugin and `wecs` as its configuration, its permissions
 * decided by `denied`, with Backstage's test tokens. Two kinds of HTTP router:
 * - `webSockets: false`: `startTestBackend`'s, whose plugin router comes from backend-defaults
 *   0.18 (what apps made by create-app 1.55 pin) and has no WebSocket routes;
 * - `webSockets: true`: `createBackend` of the newest backend-defaults, with its production
 *   middleware (helmet, CORS, compression) and WebSocket routes, on a free port.
 * `baseUrl` is the plugin's, e.g. `http://127.0.0.1:PORT/api/wecs`; call `stop` when done.
 */
export async function startWecsBackend(options: {
  wecs: JsonObject;
  denied?: Set<string>;
  webSockets: boolean;
  /** More features or service factories, e.g. a logger mock. */
  features?: Array<BackendFeature>;
  /** The port of a backend with WebSocket routes (one started again takes its port); default free. */
  port?: number;
}): Promise<{ baseUrl: string; stop(): Promise<void> }> {
  const {
    wecs,
    denied = new Set<string>(),
    webSockets,
    features = [],
  } = options;
  const common = [wecsPlugin, denyingPermissionsFactory(denied), ...features];
  if (!webSockets) {
    const backend = await startTestBackend({
      features: [
        mockServices.rootConfig.factory({ data: { wecs } }),
        ...common,
      ],
    });
    return {
      baseUrl: `http://127.0.0.1:${backend.server.port()}/api/wecs`,
      stop: () => backend.stop(),
    };
  }
  const port = options.port ?? (await freePort());
  const backend = createBackend();
  for (const feature of [
    mockServices.rootConfig.factory({
      data: {
        wecs,
        backend: {
          baseUrl: `http://127.0.0.1:${port}`,
          listen: { host: '127.0.0.1', port },
        },
      },
    }),
    mockServices.rootLogger.factory(),
    mockServices.auth.factory(),
    mockServices.httpAuth.factory(),
    ...common,
  ]) {
    backend.add(feature);
  }
  await backend.start();
  return {
    baseUrl: `http://127.0.0.1:${port}/api/wecs`,
    stop: () => backend.stop(),
  };
}

/**
 * One quiet simulated WEC, cluster1, and a backend (without WebSocket routes) that watches it:
 * for route tests that make its API server misbehave through the simulator's faults. `stop`
 * ends both.
 */
export async function startBackendOnOneSimulatedCluster(
  features: Array<BackendFeature> = [],
) {
  const simulated = await startFleet({ clusters: 1, dynamics: false });
  const backend = await startWecsBackend({
    wecs: {
      kubeconfig: { path: simulated.kubeconfigPath, contexts: ['cluster1'] },
    },
    webSockets: false,
    features,
  });
  return {
    fleet: simulated.fleet,
    baseUrl: backend.baseUrl,
    async stop() {
      await backend.stop();
      await simulated.stop();
    },
  };
}
