import {
  WecsRefreshResult,
  wecsResourcesReadPermission,
} from '@kubestellar/plugin-wecs-common';
import { Router } from 'express';
import { checkRoles } from '../model/validation';
import { listParam } from './fleetRoutes';
import { RouteContext } from './routeContext';

/**
 * Refresh: every watched type listed again from the API servers, for the whole fleet
 * (`POST /refresh`, narrowed by `?role=`) or one cluster (`POST /clusters/:cluster/refresh`),
 * answered once the store has been put right. It needs the right to read, unlike reconnect
 * (which needs wecs.clusters.manage, as it skips the back-off that spares a failing API
 * server): it shows nothing new to the user, only makes what they may already see exact, and
 * its cost to the API servers is bounded: one refresh at a time per cluster (another joins
 * it), and the lists queue at the pool's list gate as startup's do. (A cluster not discovered
 * yet is still reconnected by it: its first lists are the refresh.)
 */
export function addRefreshRoutes(router: Router, context: RouteContext) {
  const { requirePermission, knownCluster, pool } = context;

  router.post('/refresh', async (req, res) => {
    await requirePermission(req, wecsResourcesReadPermission);
    const roles = checkRoles(listParam(req, 'role'));
    const names = pool
      .clusters()
      .filter(c => c.state !== 'pending')
      .filter(c => roles.length === 0 || roles.includes(c.role))
      .map(c => c.name);
    const result: WecsRefreshResult = { items: await pool.refresh(names) };
    res.json(result);
  });

  router.post('/clusters/:cluster/refresh', async (req, res) => {
    await requirePermission(req, wecsResourcesReadPermission);
    const cluster = knownCluster(req.params.cluster);
    const result: WecsRefreshResult = { items: [await cluster.refresh()] };
    res.json(result);
  });
}
