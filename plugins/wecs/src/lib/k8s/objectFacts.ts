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
  containers: Array<{
    name: string;
    role: 'init' | 'main';
    image?: string;
    ports: string[];
    env: string[];
    mounts: string[];
    requests?: string;
    limits?: string;
  }>;
}

const quantities = (map?: Record<string, string>) =>
  map && Object.keys(map).length
    ? Object.entries(map)
        .map(([key, value]) => `${key} ${value}`)
        .join(', ')
    : undefined;

/** The pod template of a workload controller, or the pod spec of a Pod. */
function podSpecOf(object: any): any {
  return (
    object.spec?.template?.spec ??
    object.spec?.jobTemplate?.spec?.template?.spec ??
    (object.kind === 'Pod' ? object.spec : undefined)
  );
}

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
  if (spec.selector?.matchLabels) {
    metadata.selector = Object.entries(spec.selector.matchLabels)
      .map(([key, value]) => `${key}=${value}`)
      .join(', ');
  }
  if (spec.nodeName) metadata.node = spec.nodeName;
  if (spec.schedule) metadata.schedule = spec.schedule;
  const podSpec = podSpecOf(object);
  const container = (role: 'init' | 'main') => (c: any) => ({
    name: c.name,
    role,
    image: c.image,
    ports: (c.ports ?? []).map(
      (p: any) =>
        `${p.containerPort}/${p.protocol ?? 'TCP'}${
          p.name ? ` (${p.name})` : ''
        }`,
    ),
    env: (c.env ?? []).map((e: any) =>
      e.valueFrom
        ? `${e.name} (from a reference)`
        : `${e.name}=${e.value ?? ''}`,
    ),
    mounts: (c.volumeMounts ?? []).map(
      (m: any) =>
        `${m.mountPath} ← ${m.name}${m.readOnly ? ' (read-only)' : ''}`,
    ),
    requests: quantities(c.resources?.requests),
    limits: quantities(c.resources?.limits),
  });
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
    containers: [
      ...(podSpec?.initContainers ?? []).map(container('init')),
      ...(podSpec?.containers ?? []).map(container('main')),
    ],
  };
}
