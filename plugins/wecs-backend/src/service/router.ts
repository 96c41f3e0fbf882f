import {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  StatusPhase,
  WecsClusterList,
  WecsHealth,
  WecsResourceList,
  wecsResourcesReadPermission,
} from '@kubestellar/plugin-wecs-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { ResourceQuery } from '../store/FleetStore';
import { WatchPool } from '../watch/WatchPool';

export interface RouterOptions {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  pool: WatchPool;
}

const NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
const KIND = /^[A-Za-z][A-Za-z0-9]{0,62}$/;
const PHASES: StatusPhase[] = [
  'running',
  'pending',
  'failed',
  'succeeded',
  'unknown',
];

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

function checked(values: string[], pattern: RegExp, what: string) {
  for (const value of values) {
    if (!pattern.test(value))
      throw new InputError(`Invalid ${what} "${value}"`);
  }
  return values;
}

/** The filters of a resource listing, validated. */
function resourceQuery(req: Request): ResourceQuery {
  const phases = listParam(req, 'status');
  for (const phase of phases) {
    if (!PHASES.includes(phase as StatusPhase)) {
      throw new InputError(
        `Invalid status "${phase}"; expected one of ${PHASES.join(', ')}`,
      );
    }
  }
  const name = typeof req.query.name === 'string' ? req.query.name : undefined;
  if (name !== undefined && name.length > 253)
    throw new InputError('The name filter is longer than 253 characters');
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
  return {
    kinds: checked(listParam(req, 'kind'), KIND, 'kind'),
    namespaces: checked(listParam(req, 'namespace'), NAME, 'namespace'),
    phases: phases as StatusPhase[],
    ...(name ? { name } : {}),
    ...(Object.keys(labels).length ? { labels } : {}),
  };
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, pool } = options;
  const startedAt = Date.now();
  const router = Router();
  router.use(express.json({ limit: '2mb' }));

  const requirePermission = async (
    req: Request,
    permission: BasicPermission,
  ) => {
    const credentials = await httpAuth.credentials(req);
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Permission ${permission.name} is required`);
    }
  };

  const knownCluster = (name: string) => {
    if (!NAME.test(name))
      throw new InputError(`Invalid cluster name "${name}"`);
    const cluster = pool.cluster(name);
    if (!cluster)
      throw new NotFoundError(`No cluster named ${name} is monitored`);
    return cluster;
  };

  router.get('/health', (_req, res) => {
    const health: WecsHealth = {
      status: 'ok',
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    };
    res.json(health);
  });

  router.get('/clusters', async (req, res) => {
    await requirePermission(req, wecsResourcesReadPermission);
    const list: WecsClusterList = {
      items: pool.clusters(),
      errors: pool.errors,
    };
    res.json(list);
  });

  router.post('/clusters/:cluster/reconnect', async (req, res) => {
    await requirePermission(req, wecsResourcesReadPermission);
    const cluster = knownCluster(req.params.cluster);
    cluster.reconnect();
    res.status(202).json(cluster.clusterStatus);
  });

  router.get('/resources', async (req, res) => {
    await requirePermission(req, wecsResourcesReadPermission);
    const clusters = checked(listParam(req, 'cluster'), NAME, 'cluster name');
    const query = resourceQuery(req);
    const items = clusters.length
      ? clusters.flatMap(cluster => pool.store.query({ ...query, cluster }))
      : pool.store.query(query);
    const list: WecsResourceList = { items };
    res.json(list);
  });

  router.get('/:cluster/resources', async (req, res) => {
    await requirePermission(req, wecsResourcesReadPermission);
    knownCluster(req.params.cluster);
    const list: WecsResourceList = {
      items: pool.store.query({
        ...resourceQuery(req),
        cluster: req.params.cluster,
      }),
    };
    res.json(list);
  });

  return router;
}
