import { createHash } from 'node:crypto';
import { groupVersionOf, ResourceType } from './resources';
import { TypeRegistry } from './TypeRegistry';

/** `api/v1`, `apis/apps/v1`: the keys of the OpenAPI v3 root document. */
const pathKeyOf = (groupVersion: string) =>
  groupVersion.includes('/') ? `apis/${groupVersion}` : `api/${groupVersion}`;

/**
 * The OpenAPI v3 discovery root. Clients such as kubectl read it to learn, among other
 * things, that the server validates fields itself (the `fieldValidation` parameter).
 */
export function openApiRoot(types: TypeRegistry) {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const groupVersion of new Set(types.all().map(groupVersionOf))) {
    const key = pathKeyOf(groupVersion);
    const hash = createHash('sha256')
      .update(JSON.stringify(groupDocument(types, groupVersion)))
      .digest('hex')
      .slice(0, 32)
      .toUpperCase();
    paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${hash}` };
  }
  return { paths };
}

const queryParameter = (name: string, description: string) => ({
  name,
  in: 'query',
  description,
  schema: { type: 'string', uniqueItems: true },
});

const WRITE_PARAMETERS = [
  queryParameter(
    'dryRun',
    'When present, indicates that modifications should not be persisted.',
  ),
  queryParameter(
    'fieldManager',
    'fieldManager is a name associated with the actor or entity that is making these changes.',
  ),
  queryParameter(
    'fieldValidation',
    'fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields.',
  ),
];

/**
 * One group version's OpenAPI v3 document: a path per resource with its operations and the
 * group-version-kind extension. Schemas are left open (objects of any shape).
 */
export function groupDocument(types: TypeRegistry, groupVersion: string) {
  const served = types.all().filter(t => groupVersionOf(t) === groupVersion);
  if (served.length === 0) return undefined;
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  for (const type of served) {
    const gvk = { group: type.group, version: type.version, kind: type.kind };
    const schemaName = schemaNameOf(type);
    schemas[schemaName] = {
      type: 'object',
      description: `${type.kind} (${groupVersion})`,
      'x-kubernetes-group-version-kind': [gvk],
      'x-kubernetes-preserve-unknown-fields': true,
    };
    const ref = { $ref: `#/components/schemas/${schemaName}` };
    const body = { content: { 'application/json': { schema: ref } } };
    const ok = {
      200: {
        description: 'OK',
        content: { 'application/json': { schema: ref } },
      },
    };
    const base = `/${pathKeyOf(groupVersion)}${
      type.namespaced ? '/namespaces/{namespace}' : ''
    }/${type.plural}`;
    const operation = (verb: string, extra: object = {}) => ({
      operationId: `${verb}${type.kind}`,
      'x-kubernetes-action': verb,
      'x-kubernetes-group-version-kind': gvk,
      responses: ok,
      ...extra,
    });
    paths[base] = {
      get: operation('list'),
      post: operation('post', {
        parameters: WRITE_PARAMETERS,
        requestBody: body,
      }),
    };
    paths[`${base}/{name}`] = {
      get: operation('get'),
      put: operation('put', {
        parameters: WRITE_PARAMETERS,
        requestBody: body,
      }),
      patch: operation('patch', {
        parameters: [
          ...WRITE_PARAMETERS,
          queryParameter('force', 'Force is going to "force" Apply requests.'),
        ],
        requestBody: {
          content: {
            'application/merge-patch+json': { schema: { type: 'object' } },
          },
        },
      }),
      delete: operation('delete'),
    };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.32.4' },
    paths,
    components: { schemas },
  };
}

function schemaNameOf(type: ResourceType) {
  const group = type.group || 'core';
  return `io.k8s.fleetsim.${group}.${type.version}.${type.kind}`;
}
