import {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  WecsClusterList,
  WecsHealth,
  wecsResourcesReadPermission,
} from '@kubestellar/plugin-wecs-common';
import express from 'express';
import Router from 'express-promise-router';

export interface ClusterLister {
  listClusters(): WecsClusterList;
}

export interface RouterOptions {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  clusters?: ClusterLister;
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, clusters } = options;
  const startedAt = Date.now();
  const router = Router();
  router.use(express.json());

  router.get('/health', (_req, res) => {
    const health: WecsHealth = {
      status: 'ok',
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    };
    res.json(health);
  });

  router.get('/clusters', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const [decision] = await permissions.authorize(
      [{ permission: wecsResourcesReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Permission ${wecsResourcesReadPermission.name} is required to list clusters`,
      );
    }
    const list: WecsClusterList = clusters?.listClusters() ?? {
      items: [],
      errors: [],
    };
    res.json(list);
  });

  return router;
}
