import fc from 'fast-check';
import {
  contentTypes,
  hostileBody,
  hostileText,
  mostly,
} from './hostileValues';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One route of the plugin, as the fuzz suite knows it: what it reads from a request. */
export interface FuzzRoute {
  method: Method;
  /** Express's pattern, as the router registers it, e.g. `/:cluster/events`. */
  path: string;
  /** The query parameters it reads. */
  query: readonly string[];
  /** Whether it reads a body. */
  body?: boolean;
}

const LIST_FILTERS = [
  'cluster',
  'role',
  'namespace',
  'kind',
  'status',
  'policy',
  'name',
  'label',
  'labelSelector',
  'delivered',
  'limit',
  'continue',
];
const LOG_QUERY = [
  'namespace',
  'pod',
  'container',
  'workloadKind',
  'workloadName',
  'allContainers',
  'follow',
  'previous',
  'timestamps',
  'tailLines',
  'sinceSeconds',
  'sinceTime',
  'limitBytes',
];
const OBJECT_QUERY = [
  'apiVersion',
  'type',
  'propagationPolicy',
  'gracePeriodSeconds',
  'dryRun',
];

/**
 * Every route of the plugin's routers. The suite checks this list against the routers
 * themselves, so a route added without its entry here fails it.
 */
export const FUZZ_ROUTES: readonly FuzzRoute[] = [
  { method: 'GET', path: '/health', query: [] },
  { method: 'GET', path: '/clusters', query: ['role'] },
  { method: 'POST', path: '/clusters/:cluster/accept', query: [] },
  { method: 'POST', path: '/clusters/:cluster/detach', query: [] },
  { method: 'POST', path: '/clusters/:cluster/reconnect', query: [] },
  { method: 'POST', path: '/clusters/:cluster/refresh', query: [] },
  { method: 'POST', path: '/refresh', query: ['role'] },
  { method: 'GET', path: '/clusters/:cluster/object', query: OBJECT_QUERY },
  {
    method: 'PUT',
    path: '/clusters/:cluster/object',
    query: OBJECT_QUERY,
    body: true,
  },
  { method: 'GET', path: '/:cluster/types', query: [] },
  {
    method: 'GET',
    path: '/:cluster/objects',
    query: ['kind', 'apiVersion', 'namespace', 'labelSelector', 'limit'],
  },
  { method: 'POST', path: '/:cluster/objects', query: ['dryRun'], body: true },
  {
    method: 'GET',
    path: '/:cluster/events',
    query: ['namespace', 'kind', 'name', 'uid', 'include'],
  },
  { method: 'GET', path: '/:cluster/logs', query: LOG_QUERY },
  { method: 'GET', path: '/resources', query: LIST_FILTERS },
  { method: 'GET', path: '/:cluster/resources', query: LIST_FILTERS },
  {
    method: 'GET',
    path: '/search',
    query: ['selector', 'object', 'offset', ...LIST_FILTERS],
  },
  {
    method: 'GET',
    path: '/:cluster/:namespace/:kind/:name',
    query: OBJECT_QUERY,
  },
  {
    method: 'PUT',
    path: '/:cluster/:namespace/:kind/:name',
    query: OBJECT_QUERY,
    body: true,
  },
  {
    method: 'PATCH',
    path: '/:cluster/:namespace/:kind/:name',
    query: OBJECT_QUERY,
    body: true,
  },
  {
    method: 'DELETE',
    path: '/:cluster/:namespace/:kind/:name',
    query: OBJECT_QUERY,
  },
  { method: 'POST', path: '/fleet/stream', query: [], body: true },
  { method: 'POST', path: '/fleet/snapshot', query: [], body: true },
  { method: 'GET', path: '/logs/stream', query: ['cluster', ...LOG_QUERY] },
];

/** Real names of the fleet the suite runs against, so that inputs reach past the first checks. */
export interface KnownNames {
  clusters: string[];
  namespaces: string[];
  kinds: string[];
  names: string[];
  apiVersions: string[];
}

/** How a request authenticates: as the test user, with no token, or with a forged one. */
export type FuzzAuth = 'user' | 'none' | 'forged';

/** One request the suite sends. */
export interface FuzzRequest {
  method: Method;
  /** Below the plugin's base URL, parameters and query encoded. */
  path: string;
  auth: FuzzAuth;
  contentType?: string;
  body?: string;
}

const AUTH = fc.constantFrom<FuzzAuth>(
  'user',
  'user',
  'user',
  'user',
  'none',
  'forged',
);

/** Valid values of the query parameters that take a fixed set or a number. */
const VALID_QUERY: Record<string, readonly string[]> = {
  role: ['wec', 'its', 'wds'],
  status: ['running', 'pending', 'failed'],
  policy: ['shop-everywhere'],
  delivered: ['true', 'false'],
  limit: ['1', '10', '500'],
  offset: ['0', '100'],
  continue: ['eyJjbHVzdGVyIjoiY2x1c3RlcjEifQ'],
  include: ['owned'],
  type: ['merge', 'json', 'strategic'],
  propagationPolicy: ['Foreground', 'Background', 'Orphan'],
  gracePeriodSeconds: ['0', '30'],
  dryRun: ['All'],
  follow: ['true', 'false'],
  previous: ['true', 'false'],
  timestamps: ['true'],
  allContainers: ['true'],
  tailLines: ['10', '1000'],
  sinceSeconds: ['60'],
  sinceTime: ['2026-12-08T00:00:00Z'],
  limitBytes: ['1024'],
  container: ['web', 'sidecar'],
  object: ['cluster1/00000000-0000-0000-0000-000000000000'],
  uid: ['00000000-0000-0000-0000-000000000000'],
};

/** The value for one query parameter: a known one where the fleet has them, else hostile. */
function queryValue(key: string, known: KnownNames): fc.Arbitrary<string> {
  switch (key) {
    case 'cluster':
      return mostly(known.clusters);
    case 'namespace':
      return mostly(known.namespaces);
    case 'kind':
    case 'workloadKind':
      return mostly(known.kinds);
    case 'name':
    case 'pod':
    case 'workloadName':
      return mostly(known.names);
    case 'apiVersion':
      return mostly(known.apiVersions);
    case 'label':
      return mostly(['app=storefront', '__proto__=x', 'a=b=c', '=x']);
    case 'labelSelector':
    case 'selector':
      return mostly(['app in (storefront)', 'tier notin (a', '!app', 'x,,y']);
    default:
      return VALID_QUERY[key] ? mostly(VALID_QUERY[key]) : hostileText;
  }
}

/**
 * Requests for `route`: its parameters and query from the fleet's names and hostile text,
 * query keys given once, twice or not at all, an unknown key now and then, a body of any
 * shape with any content type, and each way of authenticating.
 */
export function requestsFor(
  route: FuzzRoute,
  known: KnownNames,
): fc.Arbitrary<FuzzRequest> {
  const params = route.path.match(/:[a-z]+/g) ?? [];
  const param = (name: string) => {
    switch (name) {
      case ':cluster':
        return mostly(known.clusters);
      case ':namespace':
        return mostly(known.namespaces);
      case ':kind':
        return mostly(known.kinds);
      default:
        return mostly(known.names);
    }
  };
  const pairs = fc.array(
    fc.oneof(
      {
        weight: 6,
        arbitrary: route.query.length
          ? fc
              .constantFrom(...route.query)
              .chain(key =>
                queryValue(key, known).map(value => [key, value] as const),
              )
          : hostileText.map(value => ['unknown', value] as const),
      },
      {
        weight: 1,
        arbitrary: fc.tuple(hostileText, hostileText),
      },
    ),
    { maxLength: 6 },
  );
  return fc
    .record({
      values: fc.tuple(...params.map(param)),
      pairs,
      auth: AUTH,
      contentType: contentTypes,
      body: route.body ? hostileBody : fc.constant(undefined),
    })
    .map(({ values, pairs: query, auth, contentType, body }) => {
      let path = route.path;
      params.forEach((name, index) => {
        // An empty segment would be another route: a space stands for it.
        path = path.replace(name, encodeURIComponent(values[index] || ' '));
      });
      const search = new URLSearchParams();
      for (const [key, value] of query) search.append(key, value);
      const text = search.toString();
      return {
        method: route.method,
        path: text ? `${path}?${text}` : path,
        auth,
        ...(body !== undefined ? { body, contentType } : {}),
      };
    });
}
