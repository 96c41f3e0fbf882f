import { ContainerFacts, containersOf } from './containers';
import { FactSection } from './facts';
import { kindFacts } from './kindFacts';
import { isLabelSelector, selectorTerms } from './labelSelector';

/** What the Summary tab shows of a full Kubernetes object, picked out of its JSON. */
export interface ObjectFacts {
  metadata: Record<string, string>;
  conditions: Array<{
    type: string;
    status: string;
    reason?: string;
    message?: string;
    lastTransitionTime?: string;
  }>;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** The facts of its kind: a Service's ports, a claim's size, a Secret's keys. */
  sections: FactSection[];
  containers: ContainerFacts[];
}

/**
 * Reads the Summary's facts out of a full object as its cluster returned it: identity,
 * replicas, phase, selector, conditions, labels, its kind's own facts and its containers.
 */
export function objectFacts(object: any, cluster: string): ObjectFacts {
  const meta = object.metadata ?? {};
  const spec = object.spec ?? {};
  const status = object.status ?? {};
  const metadata: Record<string, string> = {
    name: meta.name,
    ...(meta.namespace ? { namespace: meta.namespace } : {}),
    kind: object.kind,
    cluster,
    'API version': object.apiVersion,
    created: meta.creationTimestamp ?? '',
    UID: meta.uid ?? '',
    'resource version': meta.resourceVersion ?? '',
  };
  if (typeof spec.replicas === 'number') {
    metadata.replicas = `${status.readyReplicas ?? 0} ready, ${
      status.availableReplicas ?? 0
    } available of ${spec.replicas} desired`;
  }
  if (status.phase) metadata.phase = status.phase;
  // A Service's selector is a plain map, shown with its other facts.
  if (isLabelSelector(spec.selector)) {
    const terms = selectorTerms(spec.selector);
    metadata.selector = terms.length ? terms.join(', ') : 'everything';
  }
  if (spec.nodeName) metadata.node = spec.nodeName;
  if (spec.schedule) metadata.schedule = spec.schedule;
  return {
    metadata,
    conditions: (status.conditions ?? []).map((c: any) => ({
      type: c.type,
      status: c.status,
      reason: c.reason,
      message: c.message,
      lastTransitionTime: c.lastTransitionTime,
    })),
    labels: meta.labels ?? {},
    annotations: meta.annotations ?? {},
    sections: kindFacts(object),
    containers: containersOf(object),
  };
}
