import {
  AuditorService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  LiveTransport,
  WecsClusterList,
  wecsClustersManagePermission,
  WecsHealth,
  wecsResourcesReadPermission,
} from '@kubestellar/plugin-wecs-common';
import express from 'express';
import Router from 'express-promise-router';
import { DEFAULT_LIMITS, WecsLimits } from '../model/limits';
import { FleetStore } from '../store/FleetStore';
import { WatchPool } from '../watch/WatchPool';
import { boundedJson } from './boundedJson';
import { addEventRoutes } from './eventRoutes';
import { addFleetRoutes } from './fleetRoutes';
import { requireJsonBodies } from './jsonBodies';
import { addListRoutes } from './listRoutes';
import { addLogRoutes } from './logRoutes';
import { addMembershipRoutes } from './membershipRoutes';
import { addObjectRoutes } from './objectRoutes';
import { addRefreshRoutes } from './refreshRoutes';
import { createRouteContext } from './routeContext';
import { refuseRedactedWrites } from './secretSafeHttp';

export interface RouterOptions {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  pool: WatchPool;
  store: FleetStore;
  /** How this backend serves live updates, best first; `GET /health` tells the frontend. */
  transports: LiveTransport[];
  /** Request body size and depth; the defaults when omitted. */
  limits?: WecsLimits;
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { pool, store, transports } = options;
  const context = createRouteContext(options);
  const { requirePermission, knownCluster } = context;
  const startedAt = Date.now();
  const router = Router();
  router.use(requireJsonBodies);
  router.use(boundedJson(options.limits ?? DEFAULT_LIMITS));
  router.use(refuseRedactedWrites);

  router.get('/health', (_req, res) => {
    const health: WecsHealth = {
      status: 'ok',
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      transports,
    };
    res.json(health);
  });

  router.get('/clusters', async (req, res) => {
    await requirePermission(req, wecsResourcesReadPermission);
    const list: WecsClusterList = {
      items: pool.clusters().map(status => store.clusterStatus(status)),
      errors: pool.errors,
    };
    res.json(list);
  });

  // Managing the fleet's clusters, not reading them: it skips the back-off that spares a
  // failing API server, so it needs what accepting and detaching need.
  router.post('/clusters/:cluster/reconnect', async (req, res) => {
    await requirePermission(req, wecsClustersManagePermission);
    const cluster = knownCluster(req.params.cluster);
    cluster.reconnect();
    res.status(202).json(store.clusterStatus(cluster.clusterStatus));
  });

  addFleetRoutes(router, context);
  addEventRoutes(router, context);
  addListRoutes(router, context);
  addLogRoutes(router, context);
  addObjectRoutes(router, context);
  addMembershipRoutes(router, context);
  addRefreshRoutes(router, context);
  return router;
}
