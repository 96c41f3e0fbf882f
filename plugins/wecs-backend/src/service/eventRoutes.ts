import { InputError } from '@backstage/errors';
import {
  EventSummary,
  wecsResourcesReadPermission,
} from '@kubestellar/plugin-wecs-common';
import { Router } from 'express';
import { fromClusterError, RouteContext } from './routeContext';
import { KIND_PATTERN, NAME_PATTERN } from './validation';

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

/**
 * `GET /:cluster/events?namespace=&kind=&name=&uid=`: the events of a cluster, a namespace or
 * one object, newest first, read from the cluster when asked.
 */
export function addEventRoutes(router: Router, context: RouteContext) {
  router.get('/:cluster/events', async (req, res) => {
    await context.requirePermission(req, wecsResourcesReadPermission);
    const watch = context.knownCluster(req.params.cluster);
    const param = (key: string) =>
      typeof req.query[key] === 'string'
        ? (req.query[key] as string)
        : undefined;
    const namespace = param('namespace');
    const kind = param('kind');
    const name = param('name');
    const uid = param('uid');
    if (namespace && !NAME_PATTERN.test(namespace))
      throw new InputError(`Invalid namespace "${namespace}"`);
    if (kind && !KIND_PATTERN.test(kind))
      throw new InputError(`Invalid kind "${kind}"`);
    if (name && !NAME_PATTERN.test(name))
      throw new InputError(`Invalid name "${name}"`);
    if (uid && !/^[0-9a-f-]{1,64}$/i.test(uid))
      throw new InputError(`Invalid uid "${uid}"`);
    const fields = [
      kind && `involvedObject.kind=${kind}`,
      name && `involvedObject.name=${name}`,
      uid && `involvedObject.uid=${uid}`,
    ].filter(Boolean);
    const query = new URLSearchParams({ limit: '1000' });
    if (fields.length) query.set('fieldSelector', fields.join(','));
    const path = `${
      namespace ? `/api/v1/namespaces/${namespace}/events` : '/api/v1/events'
    }?${query}`;
    let list: any;
    try {
      list = await watch.client.getJson(path);
    } catch (error) {
      throw fromClusterError(error, watch.identity.name);
    }
    const items = (list.items ?? [])
      .map(summarize)
      .sort((a: EventSummary, b: EventSummary) =>
        (b.lastTimestamp ?? '').localeCompare(a.lastTimestamp ?? ''),
      );
    res.json({ items });
  });
}
