import { InputError, NotFoundError } from '@backstage/errors';
import {
  wecsResourcesReadPermission,
  WecsObjectList,
  WecsTypeList,
} from '@kubestellar/plugin-wecs-common';
import { Router } from 'express';
import { objectShapeProblem } from '../model/objectShape';
import { slimResource } from '../model/slimResource';
import { objectPath } from './objectRoutes';
import { fromClusterError, RouteContext } from './routeContext';
import {
  API_VERSION_PATTERN,
  KIND_PATTERN,
  NAME_PATTERN,
  optionalParam,
} from '../model/validation';

/** The most objects one on-demand list returns; the answer says when there were more. */
export const LIST_LIMIT = 2000;

/**
 * Routes for the kinds the backend does not watch, so that users can still see them:
 *
 *   GET /:cluster/types                                  every type the cluster lets WECS list
 *   GET /:cluster/objects?kind=&apiVersion=&namespace=   one list of a kind, read when asked
 *
 * Listed objects get the same shape check (a malformed one is left out and logged once), slim
 * projection and namespace exclusions as watched ones.
 */
export function addListRoutes(router: Router, context: RouteContext) {
  const { requirePermission, knownCluster } = context;

  router.get('/:cluster/types', async (req, res) => {
    await requirePermission(req, wecsResourcesReadPermission);
    const watch = knownCluster(req.params.cluster);
    const list: WecsTypeList = { items: watch.servedTypes };
    res.json(list);
  });

  router.get('/:cluster/objects', async (req, res) => {
    await requirePermission(req, wecsResourcesReadPermission);
    const watch = knownCluster(req.params.cluster);
    const cluster = watch.identity.name;
    const kind = optionalParam(req, 'kind', KIND_PATTERN, 'kind');
    if (!kind) throw new InputError('Name the kind to list with ?kind=');
    const apiVersion = optionalParam(
      req,
      'apiVersion',
      API_VERSION_PATTERN,
      'apiVersion',
    );
    const namespace = optionalParam(
      req,
      'namespace',
      NAME_PATTERN,
      'namespace',
    );
    const type = watch.resolveType(kind, apiVersion);
    if (!type || !type.verbs.includes('list')) {
      throw new NotFoundError(
        `${cluster} serves no kind ${kind} that can be listed${
          apiVersion ? ` in ${apiVersion}` : ''
        }`,
      );
    }
    const query = new URLSearchParams({ limit: String(LIST_LIMIT) });
    let page: any;
    try {
      page = await watch.client.getJson(
        `${objectPath(type, namespace)}?${query}`,
      );
    } catch (error) {
      throw fromClusterError(error, cluster);
    }
    const listed: unknown[] = Array.isArray(page?.items) ? page.items : [];
    const wellFormed = listed.flatMap((item: any) => {
      const object = { apiVersion: type.apiVersion, kind: type.kind, ...item };
      const problem = objectShapeProblem(object);
      if (problem) watch.reportMalformed(type.resource, object, problem);
      return problem ? [] : [object];
    });
    const list: WecsObjectList = {
      items: wellFormed
        .filter(object => !watch.excludes(object.metadata.namespace))
        .map(object => slimResource(cluster, type.resource, object)),
      listedAt: new Date().toISOString(),
      truncated: Boolean(page.metadata?.continue),
    };
    res.json(list);
  });
}
