import {
  EventSummary,
  wecsResourcesReadPermission,
} from '@kubestellar/plugin-wecs-common';
import { Router } from 'express';
import { fromClusterError, RouteContext } from './routeContext';
import {
  KIND_PATTERN,
  NAME_PATTERN,
  optionalParam,
  UID_PATTERN,
} from '../model/validation';

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
    const namespace = optionalParam(
      req,
      'namespace',
      NAME_PATTERN,
      'namespace',
    );
    const kind = optionalParam(req, 'kind', KIND_PATTERN, 'kind');
    const name = optionalParam(req, 'name', NAME_PATTERN, 'name');
    const uid = optionalParam(req, 'uid', UID_PATTERN, 'uid');
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
