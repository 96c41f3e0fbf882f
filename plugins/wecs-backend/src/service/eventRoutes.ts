import { InputError } from '@backstage/errors';
import {
  EventSummary,
  SlimResource,
  wecsResourcesReadPermission,
  WecsEventList,
} from '@kubestellar/plugin-wecs-common';
import { Router } from 'express';
import { fromClusterError, RouteContext } from './routeContext';
import { ListGate } from '../cluster/ListGate';
import {
  KIND_PATTERN,
  NAME_PATTERN,
  optionalParam,
  UID_PATTERN,
} from '../model/validation';
import { ownedObjects } from '../store/ownedObjects';

/** The owned objects whose events one request reads, at most. */
export const MAX_OWNED_FOR_EVENTS = 20;
/** Owned objects whose events are read at once. */
const CONCURRENT_READS = 4;
/** Events read per object, at most. */
const EVENTS_PER_OBJECT = 1000;

const lastSeen = (e: any): string =>
  e.lastTimestamp ??
  e.series?.lastObservedTime ??
  e.eventTime ??
  e.metadata?.creationTimestamp ??
  '';

function summarize(e: any): EventSummary {
  return {
    type: e.type ?? 'Normal',
    reason: e.reason ?? '',
    message: e.message ?? '',
    count: e.count ?? e.series?.count ?? 1,
    firstTimestamp:
      e.firstTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp,
    lastTimestamp: lastSeen(e),
    source: e.source?.component ?? e.reportingComponent,
    involvedObject: {
      kind: e.involvedObject?.kind,
      name: e.involvedObject?.name,
      namespace: e.involvedObject?.namespace,
      uid: e.involvedObject?.uid,
      fieldPath: e.involvedObject?.fieldPath,
    },
  };
}

/** `include=owned`, the one thing the events of an object may include; a 400 otherwise. */
function includesOwned(query: Record<string, unknown>): boolean {
  const include = query.include;
  if (include === undefined || include === '') return false;
  if (include !== 'owned') {
    throw new InputError(
      `Invalid include "${String(include)}"; the only choice is owned`,
    );
  }
  return true;
}

/** A monitored cluster, as the routes reach it. */
type KnownCluster = ReturnType<RouteContext['knownCluster']>;

/** Events of a namespace (or every namespace) that match the field selector's `fields`. */
async function readEvents(
  cluster: KnownCluster,
  namespace: string | undefined,
  fields: Array<string | undefined | false>,
): Promise<EventSummary[]> {
  const query = new URLSearchParams({ limit: String(EVENTS_PER_OBJECT) });
  const selector = fields.filter(Boolean);
  if (selector.length) query.set('fieldSelector', selector.join(','));
  const path = `${
    namespace ? `/api/v1/namespaces/${namespace}/events` : '/api/v1/events'
  }?${query}`;
  try {
    const list: any = await cluster.client.getJson(path);
    return (list.items ?? []).map(summarize);
  } catch (error) {
    throw fromClusterError(error, cluster.identity.name);
  }
}

/** The events of each object, by its uid, a few objects at a time. */
async function readEventsOf(
  cluster: KnownCluster,
  objects: SlimResource[],
): Promise<EventSummary[]> {
  const gate = new ListGate(CONCURRENT_READS);
  const lists = await Promise.all(
    objects.map(async object => {
      const release = await gate.acquire();
      try {
        return await readEvents(cluster, object.namespace, [
          `involvedObject.uid=${object.uid}`,
        ]);
      } finally {
        release();
      }
    }),
  );
  return lists.flat();
}

/**
 * `GET /:cluster/events?namespace=&kind=&name=&uid=&include=owned`: the events of a cluster, a
 * namespace or one object, newest first, read from the cluster when asked. With
 * `include=owned` (and the object's uid), the events of what the object owns come too (a
 * Deployment's ReplicaSets and Pods, a CronJob's Jobs and theirs), found down the store's
 * ownerReference links, for at most MAX_OWNED_FOR_EVENTS of them; `owned` says how many.
 */
export function addEventRoutes(router: Router, context: RouteContext) {
  router.get('/:cluster/events', async (req, res) => {
    await context.requirePermission(req, wecsResourcesReadPermission);
    const watch = context.knownCluster(req.params.cluster);
    const namespace = optionalParam(
      req,
      'namespace',
      NAME_PATTERN,
      'namespace',
    );
    const kind = optionalParam(req, 'kind', KIND_PATTERN, 'kind');
    const name = optionalParam(req, 'name', NAME_PATTERN, 'name');
    const uid = optionalParam(req, 'uid', UID_PATTERN, 'uid');
    const withOwned = includesOwned(req.query);
    if (withOwned && !uid) {
      throw new InputError(
        "include=owned needs the object's uid: what it owns is found by its uid",
      );
    }
    const own = readEvents(watch, namespace, [
      kind && `involvedObject.kind=${kind}`,
      name && `involvedObject.name=${name}`,
      uid && `involvedObject.uid=${uid}`,
    ]);
    const owned =
      withOwned && uid
        ? ownedObjects(
            context.store,
            watch.identity.name,
            uid,
            MAX_OWNED_FOR_EVENTS,
          )
        : undefined;
    const ofOwned = readEventsOf(watch, owned?.objects ?? []);
    const [items, more] = await Promise.all([own, ofOwned]);
    const answer: WecsEventList = {
      items: [...items, ...more].sort((a, b) =>
        (b.lastTimestamp ?? '').localeCompare(a.lastTimestamp ?? ''),
      ),
      ...(owned
        ? { owned: { queried: owned.objects.length, total: owned.total } }
        : {}),
    };
    res.json(answer);
  });
}
