import { KubeObject } from './types';

/** A core/v1 Event as events.k8s.io/v1 shows it (the same object, renamed fields). */
export function toEventsV1(event: KubeObject): KubeObject {
  const e = event as any;
  const count = e.count ?? 1;
  return stripUndefined({
    apiVersion: 'events.k8s.io/v1',
    kind: 'Event',
    metadata: e.metadata,
    eventTime: e.eventTime ?? null,
    series:
      count > 1
        ? { count, lastObservedTime: toMicroTime(e.lastTimestamp) }
        : undefined,
    reportingController: e.reportingComponent || e.source?.component,
    reportingInstance: e.reportingInstance || e.source?.host,
    action: e.action,
    reason: e.reason,
    regarding: e.involvedObject,
    related: e.related,
    note: e.message,
    type: e.type,
    deprecatedSource: e.source,
    deprecatedFirstTimestamp: e.firstTimestamp,
    deprecatedLastTimestamp: e.lastTimestamp,
    deprecatedCount: e.count,
  }) as KubeObject;
}

/** An events.k8s.io/v1 Event body as the core/v1 Event it is stored as. */
export function fromEventsV1(event: KubeObject): KubeObject {
  const e = event as any;
  return stripUndefined({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: e.metadata,
    involvedObject: e.regarding ?? {},
    related: e.related,
    reason: e.reason,
    message: e.note,
    type: e.type,
    action: e.action,
    eventTime: e.eventTime,
    reportingComponent: e.reportingController ?? '',
    reportingInstance: e.reportingInstance ?? '',
    source: e.deprecatedSource ?? { component: e.reportingController },
    firstTimestamp: e.deprecatedFirstTimestamp,
    lastTimestamp: e.deprecatedLastTimestamp ?? e.series?.lastObservedTime,
    count: e.series?.count ?? e.deprecatedCount,
  }) as KubeObject;
}

function toMicroTime(time: string | undefined) {
  return time
    ? time.replace(/Z$/, '.000000Z').replace(/\.(\d{3})\.000000Z$/, '.$1000Z')
    : undefined;
}

function stripUndefined(object: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(object).filter(([, v]) => v !== undefined),
  );
}
