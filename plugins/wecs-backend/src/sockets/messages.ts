import { InputError } from '@backstage/errors';
import {
  FleetClientMessage,
  FleetFilters,
  FleetSearchMessage,
  MAX_SEARCH_MATCHES,
  FleetViewQuery,
  FleetViewRequest,
  MAX_VIEW_WINDOW,
  MAX_VIEWS_PER_SOCKET,
} from '@kubestellar/plugin-wecs-common';
import { checkJsonDepth } from '../model/jsonDepth';
import { checkLabelFilter, parseLabelSelector } from '../model/labelSelector';
import { DEFAULT_LIMITS, WecsLimits } from '../model/limits';
import {
  DEFAULT_SEARCH_LIMIT,
  MAX_SEARCH_OFFSET,
  SearchQuery,
  searchQueryOf,
} from '../model/searchQuery';
import {
  checkAll,
  checkDeliveredFilter,
  checkNameFilter,
  checkPhases,
  checkRoles,
  KIND_PATTERN,
  NAME_PATTERN,
  NAMESPACE_FILTER_PATTERN,
  UID_PATTERN,
} from '../model/validation';

function stringList(value: unknown, what: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (
    !Array.isArray(value) ||
    value.some(v => typeof v !== 'string') ||
    value.length > 500
  ) {
    throw new InputError(`${what} must be a list of at most 500 names`);
  }
  return value;
}

function filtersOf(value: unknown): FleetFilters {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError('filters must be an object');
  }
  const raw = value as Record<string, unknown>;
  const labels = raw.labels;
  if (
    labels !== undefined &&
    (typeof labels !== 'object' ||
      labels === null ||
      Array.isArray(labels) ||
      Object.values(labels).some(v => typeof v !== 'string'))
  ) {
    throw new InputError('filters.labels must map label keys to values');
  }
  for (const [key, text] of Object.entries(labels ?? {}))
    checkLabelFilter(key, text as string, 'filters.labels');
  const labelSelector = raw.labelSelector;
  if (labelSelector !== undefined) {
    if (typeof labelSelector !== 'string') {
      throw new InputError('filters.labelSelector must be text');
    }
    parseLabelSelector(labelSelector);
  }
  return {
    clusters: checkAll(
      stringList(raw.clusters, 'filters.clusters') ?? [],
      NAME_PATTERN,
      'cluster name',
    ),
    kinds: checkAll(
      stringList(raw.kinds, 'filters.kinds') ?? [],
      KIND_PATTERN,
      'kind',
    ),
    namespaces: checkAll(
      stringList(raw.namespaces, 'filters.namespaces') ?? [],
      NAMESPACE_FILTER_PATTERN,
      'namespace',
    ),
    phases: checkPhases(stringList(raw.phases, 'filters.phases') ?? []),
    roles: checkRoles(stringList(raw.roles, 'filters.roles') ?? []),
    name: checkNameFilter(raw.name),
    delivered: checkDeliveredFilter(raw.delivered),
    policies: checkAll(
      stringList(raw.policies, 'filters.policies') ?? [],
      NAME_PATTERN,
      'binding policy',
    ),
    ...(labels ? { labels: labels as Record<string, string> } : {}),
    ...(typeof labelSelector === 'string' && labelSelector.trim()
      ? { labelSelector }
      : {}),
  };
}

/** The largest offset a window may start at: far beyond any real list, small enough to be safe. */
const MAX_OFFSET = 100_000_000;

function checkedText(
  value: unknown,
  pattern: RegExp,
  what: string,
  view: string,
) {
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw new InputError(
      `View "${view}": invalid ${what} ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/** A namespace, or `''` for the cluster-scoped group. */
function namespaceOf(value: unknown, view: string) {
  return value === ''
    ? ''
    : checkedText(value, NAME_PATTERN, 'namespace', view);
}

/** An optional name: unset when absent or empty. */
const optionalName = (value: unknown, what: string, view: string) =>
  value === undefined || value === ''
    ? undefined
    : checkedText(value, NAME_PATTERN, what, view);

/** A view's search text, trimmed; unset when absent or blank. */
function searchOf(value: unknown, view: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length > 253) {
    throw new InputError(
      `View "${view}": search must be text of at most 253 characters`,
    );
  }
  return value.trim() || undefined;
}

function queryOf(value: unknown, view: string): FleetViewQuery {
  const raw = (
    typeof value === 'object' && value !== null ? value : {}
  ) as Record<string, unknown>;
  switch (raw.level) {
    case 'clusters':
    case 'objects':
    case 'policies':
      return { level: raw.level };
    case 'namespaces':
      return {
        level: 'namespaces',
        cluster: checkedText(raw.cluster, NAME_PATTERN, 'cluster', view),
      };
    case 'kinds':
      return {
        level: 'kinds',
        cluster: checkedText(raw.cluster, NAME_PATTERN, 'cluster', view),
        namespace: namespaceOf(raw.namespace, view),
      };
    case 'instances':
      return {
        level: 'instances',
        cluster: checkedText(raw.cluster, NAME_PATTERN, 'cluster', view),
        namespace: namespaceOf(raw.namespace, view),
        kind: checkedText(raw.kind, KIND_PATTERN, 'kind', view),
      };
    case 'owned':
      return {
        level: 'owned',
        cluster: checkedText(raw.cluster, NAME_PATTERN, 'cluster', view),
        uid: checkedText(raw.uid, UID_PATTERN, 'uid', view),
      };
    case 'stagedNamespaces':
      return {
        level: 'stagedNamespaces',
        cluster: checkedText(raw.cluster, NAME_PATTERN, 'cluster', view),
      };
    case 'staged':
    case 'workloads': {
      const namespace = optionalName(raw.namespace, 'namespace', view);
      const policy =
        raw.level === 'workloads'
          ? optionalName(raw.policy, 'policy', view)
          : undefined;
      const search = searchOf(raw.search, view);
      return {
        level: raw.level,
        cluster: checkedText(raw.cluster, NAME_PATTERN, 'cluster', view),
        ...(namespace ? { namespace } : {}),
        ...(policy ? { policy } : {}),
        ...(search ? { search } : {}),
      };
    }
    default:
      throw new InputError(
        `View "${view}": unknown level ${JSON.stringify(
          raw.level,
        )}; expected clusters, namespaces, kinds, instances, owned, objects, policies, workloads, stagedNamespaces or staged`,
      );
  }
}

/** A whole number from `min` to `max`, or unset; refused as `what` (of the view, when named). */
function wholeNumber(
  value: unknown,
  min: number,
  max: number,
  what: string,
  view?: string,
) {
  if (value === undefined) return undefined;
  if (
    !Number.isInteger(value) ||
    (value as number) < min ||
    (value as number) > max
  ) {
    throw new InputError(
      `${
        view === undefined ? '' : `View "${view}": `
      }${what} must be a whole number from ${min} to ${max}`,
    );
  }
  return value as number;
}

function viewsOf(value: unknown, maxViews: number): FleetViewRequest[] {
  if (!Array.isArray(value)) throw new InputError('views must be a list');
  if (value.length > maxViews) {
    throw new InputError(
      `At most ${maxViews} views may be open on one socket; this message asks for ${value.length}`,
    );
  }
  const ids = new Set<string>();
  return value.map((raw: any) => {
    const id = raw?.id;
    if (typeof id !== 'string' || id.length === 0 || id.length > 64) {
      throw new InputError('Each view needs an id of 1 to 64 characters');
    }
    if (ids.has(id)) throw new InputError(`View "${id}" is asked for twice`);
    ids.add(id);
    const offset = wholeNumber(raw.offset, 0, MAX_OFFSET, 'offset', id);
    const limit = wholeNumber(raw.limit, 1, MAX_VIEW_WINDOW, 'limit', id);
    return {
      id,
      query: queryOf(raw.query, id),
      ...(offset !== undefined ? { offset } : {}),
      ...(limit !== undefined ? { limit } : {}),
    };
  });
}

/** A search from a socket, validated: what it looks for, under which filters, which matches. */
export interface SocketSearch {
  type: 'search';
  id: string;
  query: SearchQuery;
  filters: FleetFilters;
  offset: number;
  limit: number;
}

/** A message from a fleet socket client, validated. */
export type ParsedFleetMessage =
  | Exclude<FleetClientMessage, FleetSearchMessage>
  | SocketSearch;

/** A search refused: the answer names it, so that the client fails that search alone. */
export class SearchRefusal extends InputError {
  constructor(readonly search: string, message: string) {
    super(message);
  }
}

function searchOfMessage(message: Record<string, unknown>): SocketSearch {
  const { id } = message;
  if (typeof id !== 'string' || !id || id.length > 64) {
    throw new InputError('A search needs an id of 1 to 64 characters');
  }
  try {
    return {
      type: 'search',
      id,
      query: searchQueryOf(message),
      filters: filtersOf(message.filters),
      offset: wholeNumber(message.offset, 0, MAX_SEARCH_OFFSET, 'offset') ?? 0,
      limit:
        wholeNumber(message.limit, 1, MAX_SEARCH_MATCHES, 'limit') ??
        DEFAULT_SEARCH_LIMIT,
    };
  } catch (error) {
    throw new SearchRefusal(id, (error as Error).message);
  }
}

/** The limits a fleet message is held to as it is parsed. */
export type FleetMessageLimits = Pick<
  WecsLimits,
  'jsonDepth' | 'viewsPerSocket'
>;

/**
 * Parses and validates a message from a fleet socket client (or a streamed fleet request):
 * one nested deeper than `limits.jsonDepth` is refused before it is parsed, and a views
 * message with more than `limits.viewsPerSocket` views (at most the protocol's 200) is refused.
 */
export function parseFleetMessage(
  text: string,
  limits: FleetMessageLimits = DEFAULT_LIMITS,
): ParsedFleetMessage {
  checkJsonDepth(text, limits.jsonDepth);
  let message: any;
  try {
    message = JSON.parse(text);
  } catch {
    throw new InputError('Messages must be JSON');
  }
  if (message?.type === 'ping') return { type: 'ping' };
  if (message?.type === 'views') {
    return {
      type: 'views',
      filters: filtersOf(message.filters),
      views: viewsOf(
        message.views,
        Math.min(limits.viewsPerSocket, MAX_VIEWS_PER_SOCKET),
      ),
    };
  }
  if (message?.type === 'search') return searchOfMessage(message);
  if (message?.type !== 'subscribe') {
    throw new InputError(
      `Unknown message type ${JSON.stringify(
        message?.type,
      )}; expected views, search, subscribe or ping`,
    );
  }
  const resume = message.resume;
  if (
    resume !== undefined &&
    (typeof resume?.epoch !== 'string' ||
      resume.epoch.length > 64 ||
      !Number.isInteger(resume.seq) ||
      resume.seq < 0)
  ) {
    throw new InputError('resume must be {epoch, seq} as the server sent them');
  }
  return {
    type: 'subscribe',
    filters: filtersOf(message.filters),
    ...(resume ? { resume: { epoch: resume.epoch, seq: resume.seq } } : {}),
  };
}
