import {
  AuditorService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  LiveTransport,
  WecsClusterList,
  WecsHealth,
  WecsResourceList,
  wecsResourcesReadPermission,
} from '@kubestellar/plugin-wecs-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import {
  checkAll,
  checkNameFilter,
  checkPhases,
  KIND_PATTERN,
  NAME_PATTERN,
} from '../model/validation';
import { FleetStore, ResourceQuery } from '../store/FleetStore';
import { WatchPool } from '../watch/WatchPool';
import { addEventRoutes } from './eventRoutes';
import { addListRoutes } from './listRoutes';
import { addLogRoutes } from './logRoutes';
import { addMembershipRoutes } from './membershipRoutes';
import { addObjectRoutes } from './objectRoutes';
import { createRouteContext } from './routeContext';

export interface RouterOptions {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  pool: WatchPool;
  store: FleetStore;
  /** How this backend serves live updates, best first; `GET /health` tells the frontend. */
  transports: LiveTransport[];
}

/** Reads a query parameter given once or several times, or as a comma-separated list. */
function listParam(req: Request, key: string): string[] {
  const raw = req.query[key];
  if (raw === undefined) return [];
  const values = (Array.isArray(raw) ? raw : [raw]).map(String);
  return values
    .flatMap(v => v.split(','))
    .map(v => v.trim())
    .filter(Boolean);
}

/** The filters of a resource listing, validated. */
function resourceQuery(req: Request): ResourceQuery {
  const labels: Record<string, string> = {};
  for (const pair of listParam(req, 'label')) {
    const [key, value, ...rest] = pair.split('=');
    if (!key || value === undefined || rest.length) {
      throw new InputError(
        `Invalid label filter "${pair}"; expected key=value`,
      );
    }
    labels[key] = value;
  }
  const name = checkNameFilter(req.query.name);
  return {
    kinds: checkAll(listParam(req, 'kind'), KIND_PATTERN, 'kind'),
    namespaces: checkAll(
      listParam(req, 'namespace'),
      NAME_PATTERN,
      'namespace',
    ),
    phases: checkPhases(listParam(req, 'status')),
    ...(name ? { name } : {}),
    ...(Object.keys(labels).length ? { labels } : {}),
  };
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { pool, store, transports } = options;
  const context = createRouteContext(options);
  const { requirePermission, knownCluster } = context;
  const startedAt = Date.now();
  const router = Router();
  router.use(
    express.json({
      limit: '2mb',
      type: ['application/json', 'application/*+json'],
    }),
  );

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

  router.post('/clusters/:cluster/reconnect', async (req, res) => {
    await requirePermission(req, wecsResourcesReadPermission);
    const cluster = knownCluster(req.params.cluster);
    cluster.reconnect();
    res.status(202).json(store.clusterStatus(cluster.clusterStatus));
  });

  router.get('/resources', async (req, res) => {
    await requirePermission(req, wecsResourcesReadPermission);
    const clusters = checkAll(
      listParam(req, 'cluster'),
      NAME_PATTERN,
      'cluster name',
    );
    const query = resourceQuery(req);
    const items = clusters.length
      ? clusters.flatMap(cluster => store.query({ ...query, cluster }))
      : store.query(query);
    const list: WecsResourceList = { items };
    res.json(list);
  });

  router.get('/:cluster/resources', async (req, res) => {
    await requirePermission(req, wecsResourcesReadPermission);
    knownCluster(req.params.cluster);
    const list: WecsResourceList = {
      items: store.query({
        ...resourceQuery(req),
        cluster: req.params.cluster,
      }),
    };
    res.json(list);
  });

  addEventRoutes(router, context);
  addListRoutes(router, context);
  addLogRoutes(router, context);
  addObjectRoutes(router, context);
  addMembershipRoutes(router, context);
  return router;
}
