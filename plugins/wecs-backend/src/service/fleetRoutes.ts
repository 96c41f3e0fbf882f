import { InputError } from '@backstage/errors';
import {
  ClusterRole,
  FleetFilters,
  MAX_SEARCH_MATCHES,
  WecsResourceList,
  wecsResourcesReadPermission,
  WecsSearchResult,
} from '@kubestellar/plugin-wecs-common';
import { Request, Router } from 'express';
import {
  checkAll,
  checkDeliveredFilter,
  checkNameFilter,
  checkPhases,
  checkRoles,
  KIND_PATTERN,
  NAME_PATTERN,
  ROLES,
  wholeNumberParam,
} from '../model/validation';
import {
  DEFAULT_SEARCH_LIMIT,
  MAX_SEARCH_OFFSET,
  searchQueryOf,
} from '../model/searchQuery';
import { checkLabelFilter } from '../model/labelSelector';
import { ListCursor, readObjectsAfter, searchTree } from '../store/treeViews';
import { viewScope } from '../store/viewScope';
import { RouteContext } from './routeContext';

/** The default and largest page of `GET /resources`. */
export const RESOURCE_PAGE_LIMIT = 500;

/** Reads a query parameter given once or several times, or as a comma-separated list. */
export function listParam(req: Request, key: string): string[] {
  const raw = req.query[key];
  if (raw === undefined) return [];
  const values = (Array.isArray(raw) ? raw : [raw]).map(String);
  return values
    .flatMap(v => v.split(','))
    .map(v => v.trim())
    .filter(Boolean);
}

/** A whole-number query parameter (see wholeNumberParam), or `fallback` when absent. */
const numberParam = (
  req: Request,
  key: string,
  fallback: number,
  max: number,
): number => wholeNumberParam(req.query[key], key, max) ?? fallback;

function selectorParam(req: Request, key: string): string | undefined {
  const raw = req.query[key];
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string') throw new InputError(`Give ${key} once`);
  return raw;
}

/**
 * The filters of a listing or a search, validated: `cluster`, `role`, `namespace`, `kind`,
 * `status`, `policy` (each repeatable or comma-separated), `name`, `label` (key=value,
 * repeatable), `labelSelector` (full syntax) and `delivered` (true: only what KubeStellar
 * delivered).
 */
function filtersOf(req: Request, defaultRoles: ClusterRole[]): FleetFilters {
  const labels: Record<string, string> = {};
  for (const pair of listParam(req, 'label')) {
    const [key, value, ...rest] = pair.split('=');
    if (!key || value === undefined || rest.length) {
      throw new InputError(
        `Invalid label filter "${pair}"; expected key=value`,
      );
    }
    checkLabelFilter(key, value, 'the label filter');
    labels[key] = value;
  }
  const roles = checkRoles(listParam(req, 'role'));
  const name = checkNameFilter(req.query.name);
  const labelSelector = selectorParam(req, 'labelSelector');
  return {
    clusters: checkAll(listParam(req, 'cluster'), NAME_PATTERN, 'cluster name'),
    roles: roles.length ? roles : defaultRoles,
    kinds: checkAll(listParam(req, 'kind'), KIND_PATTERN, 'kind'),
    namespaces: checkAll(
      listParam(req, 'namespace'),
      NAME_PATTERN,
      'namespace',
    ),
    phases: checkPhases(listParam(req, 'status')),
    delivered: checkDeliveredFilter(req.query.delivered),
    policies: checkAll(
      listParam(req, 'policy'),
      NAME_PATTERN,
      'binding policy',
    ),
    ...(name ? { name } : {}),
    ...(Object.keys(labels).length ? { labels } : {}),
    ...(labelSelector ? { labelSelector } : {}),
  };
}

function encodeCursor(cursor: ListCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(token: string): ListCursor {
  try {
    const cursor = JSON.parse(Buffer.from(token, 'base64url').toString());
    const fields = ['cluster', 'namespace', 'kind', 'name', 'uid'];
    if (
      typeof cursor === 'object' &&
      cursor !== null &&
      fields.every(field => typeof cursor[field] === 'string')
    ) {
      return cursor as ListCursor;
    }
  } catch {
    // Reported below.
  }
  throw new InputError(
    'Invalid continue token: pass back the metadata.continue of the page before',
  );
}

/**
 * Lists and searches of the fleet store, bounded as the Kubernetes API bounds them:
 *
 *   GET /resources?[filters]&limit=&continue=        a page of objects, in tree order
 *   GET /:cluster/resources?[filters]&limit=&continue=
 *   GET /search?name=&selector=&object=&[filters]&offset=&limit=
 *                                                    matches as tree paths, in tree order
 */
export function addFleetRoutes(router: Router, context: RouteContext) {
  const { requirePermission, knownCluster, pool, store } = context;
  const source = { store, clusters: () => pool.clusters() };

  const page = (req: Request, filters: FleetFilters): WecsResourceList => {
    const limit =
      numberParam(req, 'limit', RESOURCE_PAGE_LIMIT, RESOURCE_PAGE_LIMIT) ||
      RESOURCE_PAGE_LIMIT;
    const token = req.query.continue;
    if (token !== undefined && typeof token !== 'string')
      throw new InputError('Give continue once: the token of the page before');
    const result = readObjectsAfter(
      source,
      viewScope(filters, source.store.deliveries),
      token ? decodeCursor(token) : undefined,
      limit,
    );
    return {
      items: result.items,
      metadata: {
        ...(result.next ? { continue: encodeCursor(result.next) } : {}),
        ...(result.remaining ? { remainingItemCount: result.remaining } : {}),
      },
    };
  };

  router.get('/resources', async (req, res) => {
    await requirePermission(req, wecsResourcesReadPermission);
    res.json(page(req, filtersOf(req, ROLES)));
  });

  router.get('/:cluster/resources', async (req, res) => {
    await requirePermission(req, wecsResourcesReadPermission);
    knownCluster(req.params.cluster);
    res.json(
      page(req, { ...filtersOf(req, ROLES), clusters: [req.params.cluster] }),
    );
  });

  router.get('/search', async (req, res) => {
    await requirePermission(req, wecsResourcesReadPermission);
    // `name` is what the search looks for, not a filter of the tree it answers for.
    const { name, ...filters } = filtersOf(req, ['wec']);
    const query = searchQueryOf({
      name,
      selector: selectorParam(req, 'selector'),
      object: req.query.object,
    });
    const offset = numberParam(req, 'offset', 0, MAX_SEARCH_OFFSET);
    const limit =
      numberParam(req, 'limit', DEFAULT_SEARCH_LIMIT, MAX_SEARCH_MATCHES) ||
      DEFAULT_SEARCH_LIMIT;
    const found = searchTree(
      source,
      viewScope(filters, source.store.deliveries),
      query,
      offset,
      limit,
    );
    const result: WecsSearchResult = { ...found, offset };
    res.json(result);
  });
}
