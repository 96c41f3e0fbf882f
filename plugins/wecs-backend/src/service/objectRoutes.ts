import { InputError, NotFoundError } from '@backstage/errors';
import {
  wecsResourcesCreatePermission,
  wecsResourcesDeletePermission,
  wecsResourcesReadPermission,
  wecsResourcesUpdatePermission,
} from '@kubestellar/plugin-wecs-common';
import { Request, Router } from 'express';
import { DiscoveredType } from '../watch/discovery';
import { RouteContext } from './routeContext';
import { requireSecretsToChangeCarrier } from './secretCarrierWrites';
import {
  API_VERSION_PATTERN,
  KIND_PATTERN,
  NAME_PATTERN,
  optionalParam,
  wholeNumberParam,
} from '../model/validation';
import { hasBody } from './jsonBodies';

/** The path segment that stands for "no namespace" in object URLs. */
export const CLUSTER_SCOPE = '-';

/** The patch types, by the name `?type=` gives; a Map, so that `__proto__` names none. */
const PATCH_TYPES = new Map([
  ['merge', 'application/merge-patch+json'],
  ['json', 'application/json-patch+json'],
  ['strategic', 'application/strategic-merge-patch+json'],
]);

/** The longest grace period a delete may ask for, in seconds. */
const MAX_GRACE_SECONDS = 2 ** 31 - 1;

const PROPAGATION = ['Foreground', 'Background', 'Orphan'];

export function objectPath(
  type: DiscoveredType,
  namespace: string | undefined,
  name?: string,
) {
  const base = type.apiVersion.includes('/')
    ? `/apis/${type.apiVersion}`
    : `/api/${type.apiVersion}`;
  const scope =
    type.namespaced && namespace
      ? `/namespaces/${encodeURIComponent(namespace)}`
      : '';
  return `${base}${scope}/${type.resource}${
    name ? `/${encodeURIComponent(name)}` : ''
  }`;
}

function withoutManagedFields(object: any) {
  if (!object?.metadata?.managedFields) return object;
  const { managedFields: _omitted, ...metadata } = object.metadata;
  return { ...object, metadata };
}

/**
 * Single-object routes for any kind the cluster serves:
 *
 *   GET    /:cluster/:namespace/:kind/:name   the object, fresh from the cluster
 *   PUT    /:cluster/:namespace/:kind/:name   replace (409 when the resourceVersion is stale)
 *   PATCH  /:cluster/:namespace/:kind/:name   ?type=merge|json|strategic
 *   DELETE /:cluster/:namespace/:kind/:name   ?propagationPolicy=&gracePeriodSeconds=
 *   POST   /:cluster/objects                  create the object in the body
 *   GET    /clusters/:cluster/object          the cluster's own object (its ManagedCluster)
 *   PUT    /clusters/:cluster/object          replace it (409 when stale)
 *
 * `:namespace` is `-` for cluster-scoped kinds; `?apiVersion=` picks a group version when a
 * kind is served by several. Answers carry objects as the cluster has them: the plugin's one
 * redaction step (`secretSafeResponses`) hides their Secret values from users without
 * `wecs.secrets.read`, and a body that still holds the marker is refused before any write.
 */
export function addObjectRoutes(router: Router, context: RouteContext) {
  const { knownCluster, requirePermission, audited, call, clusterObject } =
    context;

  const target = (req: Request) => {
    const { cluster, namespace, kind, name } = req.params;
    const watch = knownCluster(cluster);
    if (!KIND_PATTERN.test(kind))
      throw new InputError(`Invalid kind "${kind}"`);
    if (!NAME_PATTERN.test(name))
      throw new InputError(`Invalid name "${name}"`);
    if (namespace !== CLUSTER_SCOPE && !NAME_PATTERN.test(namespace)) {
      throw new InputError(`Invalid namespace "${namespace}"`);
    }
    const apiVersion = optionalParam(
      req,
      'apiVersion',
      API_VERSION_PATTERN,
      'apiVersion',
    );
    const type = watch.resolveType(kind, apiVersion);
    if (!type)
      throw new NotFoundError(
        `${cluster} serves no kind ${kind}${
          apiVersion ? ` in ${apiVersion}` : ''
        }`,
      );
    if (type.namespaced && namespace === CLUSTER_SCOPE) {
      throw new InputError(`${type.kind} is namespaced; name its namespace`);
    }
    const ns = type.namespaced ? namespace : undefined;
    return {
      watch,
      type,
      namespace: ns,
      name,
      path: objectPath(type, ns, name),
    };
  };

  router.get('/clusters/:cluster/object', async (req, res) => {
    await requirePermission(req, wecsResourcesReadPermission);
    const { client, path, holder } = clusterObject(req.params.cluster);
    res.json(
      withoutManagedFields(await call(holder, () => client.getJson(path))),
    );
  });

  router.put('/clusters/:cluster/object', async (req, res) => {
    await requirePermission(req, wecsResourcesUpdatePermission);
    const name = req.params.cluster;
    const { client, path, holder } = clusterObject(name);
    const body = req.body;
    if (!body || typeof body !== 'object' || Array.isArray(body))
      throw new InputError('The body must be the object as JSON');
    if (body.kind !== 'ManagedCluster')
      throw new InputError(
        `The body is a ${
          body.kind ?? 'object without kind'
        }, not a ManagedCluster`,
      );
    if (body.metadata?.name !== name)
      throw new InputError(`The body's metadata.name must be ${name}`);
    const updated = await audited(
      req,
      'cluster-update',
      { cluster: name, kind: 'ManagedCluster', name },
      () => call(holder, () => client.sendJson('PUT', path, body)),
    );
    res.json(withoutManagedFields(updated));
  });

  router.get('/:cluster/:namespace/:kind/:name', async (req, res) => {
    await requirePermission(req, wecsResourcesReadPermission);
    const { watch, path } = target(req);
    res.json(
      withoutManagedFields(
        await call(watch.identity.name, () => watch.client.getJson(path)),
      ),
    );
  });

  router.put('/:cluster/:namespace/:kind/:name', async (req, res) => {
    await requirePermission(req, wecsResourcesUpdatePermission);
    const { watch, type, namespace, name, path } = target(req);
    const body = req.body;
    if (!body || typeof body !== 'object' || Array.isArray(body))
      throw new InputError('The body must be the object as JSON');
    if (body.kind && body.kind !== type.kind)
      throw new InputError(
        `The body is a ${body.kind}, the URL names a ${type.kind}`,
      );
    if (body.metadata?.name !== name)
      throw new InputError(`The body's metadata.name must be ${name}`);
    await requireSecretsToChangeCarrier(context, req, { watch, type, path });
    const updated = await audited(
      req,
      'resource-update',
      { cluster: watch.identity.name, namespace, kind: type.kind, name },
      () =>
        call(watch.identity.name, () =>
          watch.client.sendJson('PUT', path, {
            ...body,
            apiVersion: type.apiVersion,
            kind: type.kind,
          }),
        ),
    );
    res.json(withoutManagedFields(updated));
  });

  router.patch('/:cluster/:namespace/:kind/:name', async (req, res) => {
    await requirePermission(req, wecsResourcesUpdatePermission);
    const { watch, type, namespace, name, path } = target(req);
    const patchType = req.query.type ?? 'merge';
    const contentType =
      typeof patchType === 'string' ? PATCH_TYPES.get(patchType) : undefined;
    if (!contentType)
      throw new InputError(
        `Invalid patch type ${JSON.stringify(
          String(patchType).slice(0, 40),
        )}; expected one of merge, json or strategic, given once`,
      );
    if (!hasBody(req.headers) || typeof req.body !== 'object')
      throw new InputError('The body must be a JSON patch');
    if (patchType === 'json' && !Array.isArray(req.body))
      throw new InputError(
        'A json patch is a JSON array of operations (RFC 6902)',
      );
    if (patchType !== 'json' && (req.body === null || Array.isArray(req.body)))
      throw new InputError(
        `A ${patchType} patch is a JSON object: the fields to change`,
      );
    await requireSecretsToChangeCarrier(context, req, { watch, type, path });
    const patched = await audited(
      req,
      'resource-patch',
      {
        cluster: watch.identity.name,
        namespace,
        kind: type.kind,
        name,
        patchType: String(patchType),
      },
      () =>
        call(watch.identity.name, () =>
          watch.client.sendJson('PATCH', path, req.body, contentType),
        ),
    );
    res.json(withoutManagedFields(patched));
  });

  router.delete('/:cluster/:namespace/:kind/:name', async (req, res) => {
    await requirePermission(req, wecsResourcesDeletePermission);
    const { watch, type, namespace, name, path } = target(req);
    const propagationPolicy =
      req.query.propagationPolicy === undefined
        ? undefined
        : String(req.query.propagationPolicy);
    if (propagationPolicy && !PROPAGATION.includes(propagationPolicy)) {
      throw new InputError(
        `Invalid propagationPolicy "${propagationPolicy}"; expected ${PROPAGATION.join(
          ', ',
        )}`,
      );
    }
    const grace = wholeNumberParam(
      req.query.gracePeriodSeconds,
      'gracePeriodSeconds',
      MAX_GRACE_SECONDS,
    );
    const result = await audited(
      req,
      'resource-delete',
      {
        cluster: watch.identity.name,
        namespace,
        kind: type.kind,
        name,
        propagationPolicy,
      },
      () =>
        call(watch.identity.name, () =>
          watch.client.sendJson('DELETE', path, {
            apiVersion: 'v1',
            kind: 'DeleteOptions',
            ...(propagationPolicy ? { propagationPolicy } : {}),
            ...(grace !== undefined ? { gracePeriodSeconds: grace } : {}),
          }),
        ),
    );
    res.json(withoutManagedFields(result));
  });

  router.post('/:cluster/objects', async (req, res) => {
    await requirePermission(req, wecsResourcesCreatePermission);
    const watch = knownCluster(req.params.cluster);
    const body = req.body;
    if (!body || typeof body !== 'object' || Array.isArray(body))
      throw new InputError('The body must be the object to create, as JSON');
    if (typeof body.kind !== 'string' || !KIND_PATTERN.test(body.kind))
      throw new InputError('The object needs a valid kind');
    if (typeof body.apiVersion !== 'string')
      throw new InputError('The object needs an apiVersion');
    const type = watch.resolveType(body.kind, body.apiVersion);
    if (!type)
      throw new NotFoundError(
        `${watch.identity.name} serves no kind ${body.kind} in ${body.apiVersion}`,
      );
    const namespace: string | undefined = body.metadata?.namespace;
    if (type.namespaced && !namespace)
      throw new InputError(
        `${type.kind} is namespaced; set metadata.namespace`,
      );
    if (
      namespace !== undefined &&
      (typeof namespace !== 'string' || !NAME_PATTERN.test(namespace))
    )
      throw new InputError(
        `Invalid metadata.namespace ${JSON.stringify(namespace).slice(0, 80)}`,
      );
    const created = await audited(
      req,
      'resource-create',
      {
        cluster: watch.identity.name,
        namespace,
        kind: type.kind,
        name: body.metadata?.name,
      },
      () =>
        call(watch.identity.name, () =>
          watch.client.sendJson('POST', objectPath(type, namespace), body),
        ),
    );
    res.status(201).json(withoutManagedFields(created));
  });
}
