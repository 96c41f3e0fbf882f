import {
  BindingResolution,
  ClusterResources,
  LabelSelector,
  PolicyRules,
  ResourceSummary,
  SlimResource,
} from '@kubestellar/plugin-wecs-common';
import { normalizeStatus } from './normalizeStatus';
import { boundSlimResource, SlimBounds } from './slimBounds';

type Obj = Record<string, any>;

/** Annotations that are large, noisy or secret-bearing; never kept. */
const DROPPED_ANNOTATIONS = [
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
];

const MAX_ANNOTATION_LENGTH = 512;

function keptAnnotations(annotations: Record<string, string> | undefined) {
  if (!annotations) return undefined;
  const kept = Object.entries(annotations).filter(
    ([key, value]) =>
      !DROPPED_ANNOTATIONS.includes(key) &&
      value.length <= MAX_ANNOTATION_LENGTH,
  );
  return kept.length ? Object.fromEntries(kept) : undefined;
}

/**
 * The containers of a pod spec with their role, for log pickers: init containers (sidecars
 * when they restart always), the main containers (a second one named like a proxy or shipper is
 * a sidecar), and ephemeral ones.
 */
function containerRoles(spec: Obj): ResourceSummary['containers'] {
  return [
    ...(spec.initContainers ?? []).map((c: Obj) => ({
      name: c.name as string,
      role: (c.restartPolicy === 'Always' ? 'sidecar' : 'init') as
        | 'sidecar'
        | 'init',
    })),
    ...(spec.containers ?? []).map((c: Obj, i: number) => ({
      name: c.name as string,
      role: (i > 0 && /sidecar|proxy|envoy|istio|shipper|agent/.test(c.name)
        ? 'sidecar'
        : 'main') as 'main' | 'sidecar',
    })),
    ...(spec.ephemeralContainers ?? []).map((c: Obj) => ({
      name: c.name as string,
      role: 'ephemeral' as const,
    })),
  ];
}

function podSummary(pod: Obj): ResourceSummary {
  const spec = pod.spec ?? {};
  const statuses: Obj[] = pod.status?.containerStatuses ?? [];
  const containers = containerRoles(spec);
  return {
    nodeName: spec.nodeName,
    podIP: pod.status?.podIP,
    restarts: statuses.reduce((sum, s) => sum + (s.restartCount ?? 0), 0),
    images: (spec.containers ?? []).map((c: Obj) => c.image),
    containers,
  };
}

const templateImages = (object: Obj) =>
  (object.spec?.template?.spec?.containers ?? []).map(
    (c: Obj) => c.image as string,
  );

/** The containers a controller's pods will have, so that its logs offer the same picker. */
const templateContainers = (template: Obj | undefined) =>
  template?.spec ? containerRoles(template.spec) : undefined;

const clusterResources = (map?: Obj): ClusterResources | undefined =>
  map ? { cpu: map.cpu, memory: map.memory, pods: map.pods } : undefined;

const selectors = (list: unknown): LabelSelector[] | undefined =>
  Array.isArray(list) && list.length
    ? list.map((s: Obj) => ({
        ...(s.matchLabels ? { matchLabels: s.matchLabels } : {}),
        ...(s.matchExpressions ? { matchExpressions: s.matchExpressions } : {}),
      }))
    : undefined;

const strings = (list: unknown): string[] | undefined =>
  Array.isArray(list) && list.length ? list.map(String) : undefined;

/** Drops the keys whose value is undefined, so slim objects stay slim on the wire. */
const defined = <T extends Obj>(object: T): T =>
  Object.fromEntries(
    Object.entries(object).filter(([, value]) => value !== undefined),
  ) as T;

function policyRules(policy: Obj): PolicyRules {
  const spec = policy.spec ?? {};
  return defined({
    clusterSelectors: selectors(spec.clusterSelectors) ?? [],
    downsync: (spec.downsync ?? []).map((clause: Obj) =>
      defined({
        apiGroup: clause.apiGroup ?? '',
        resources: strings(clause.resources),
        namespaces: strings(clause.namespaces),
        namespaceSelectors: selectors(clause.namespaceSelectors),
        objectSelectors: selectors(clause.objectSelectors),
        objectNames: strings(clause.objectNames),
        createOnly: clause.createOnly ? true : undefined,
      }),
    ),
    observed:
      (policy.metadata?.generation ?? 1) ===
      (policy.status?.observedGeneration ?? 0),
    errors: strings(policy.status?.errors),
  });
}

function bindingResolution(binding: Obj): BindingResolution {
  const workload = binding.spec?.workload ?? {};
  return {
    workloads: [
      ...(workload.clusterScope ?? []),
      ...(workload.namespaceScope ?? []),
    ].map((entry: Obj) =>
      defined({
        group: entry.group ?? '',
        version: entry.version ?? '',
        resource: entry.resource ?? '',
        namespace: entry.namespace || undefined,
        name: entry.name ?? '',
      }),
    ),
    destinations: (binding.spec?.destinations ?? []).map(
      (d: Obj) => d.clusterId as string,
    ),
  };
}

function summaryOf(kind: string, object: Obj): ResourceSummary | undefined {
  const spec = object.spec ?? {};
  const status = object.status ?? {};
  switch (kind) {
    case 'Pod':
      return podSummary(object);
    case 'Deployment':
    case 'StatefulSet':
    case 'ReplicaSet':
      return {
        replicas: {
          desired: spec.replicas ?? 1,
          ready: status.readyReplicas ?? 0,
          available: status.availableReplicas ?? 0,
          updated: status.updatedReplicas ?? 0,
        },
        images: templateImages(object),
        containers: templateContainers(spec.template),
      };
    case 'DaemonSet':
      return {
        replicas: {
          desired: status.desiredNumberScheduled ?? 0,
          ready: status.numberReady ?? 0,
          available: status.numberAvailable ?? 0,
          updated: status.updatedNumberScheduled ?? 0,
        },
        images: templateImages(object),
        containers: templateContainers(spec.template),
      };
    case 'Job':
      return {
        replicas: {
          desired: spec.completions ?? 1,
          ready: status.succeeded ?? 0,
        },
        images: templateImages(object),
        containers: templateContainers(spec.template),
      };
    case 'CronJob':
      return {
        schedule: spec.schedule,
        images: (spec.jobTemplate?.spec?.template?.spec?.containers ?? []).map(
          (c: Obj) => c.image,
        ),
        containers: templateContainers(spec.jobTemplate?.spec?.template),
      };
    case 'ConfigMap':
      return {
        dataKeys: [
          ...Object.keys(object.data ?? {}),
          ...Object.keys(object.binaryData ?? {}),
        ],
      };
    case 'Secret':
      return { dataKeys: Object.keys(object.data ?? {}), type: object.type };
    case 'Service':
      return { type: spec.type ?? 'ClusterIP' };
    case 'ManagedCluster':
      return {
        kubernetesVersion: status.version?.kubernetes,
        capacity: clusterResources(status.capacity),
        allocatable: clusterResources(status.allocatable),
      };
    case 'BindingPolicy':
      return { policy: policyRules(object) };
    case 'Binding':
      return { binding: bindingResolution(object) };
    default:
      return undefined;
  }
}

/**
 * The slim projection the fleet store keeps of an object: identity, labels, owners, a
 * normalized status and a small summary, within `bounds` (what was left out is counted in
 * `omitted`). Secret values, managedFields and the last-applied configuration never enter it.
 */
export function slimResource(
  cluster: string,
  resource: string,
  object: Obj,
  bounds?: SlimBounds,
): SlimResource {
  return boundSlimResource(projection(cluster, resource, object), bounds);
}

/** The slim projection before its bounds. */
function projection(
  cluster: string,
  resource: string,
  object: Obj,
): SlimResource {
  const meta = object.metadata ?? {};
  const kind: string = object.kind;
  const summary = summaryOf(kind, object);
  return {
    cluster,
    apiVersion: object.apiVersion,
    kind,
    resource,
    ...(meta.namespace ? { namespace: meta.namespace } : {}),
    name: meta.name,
    uid: meta.uid,
    resourceVersion: meta.resourceVersion,
    ...(meta.creationTimestamp
      ? { creationTimestamp: meta.creationTimestamp }
      : {}),
    ...(meta.deletionTimestamp
      ? { deletionTimestamp: meta.deletionTimestamp }
      : {}),
    ...(meta.labels && Object.keys(meta.labels).length
      ? { labels: meta.labels }
      : {}),
    ...(keptAnnotations(meta.annotations)
      ? { annotations: keptAnnotations(meta.annotations) }
      : {}),
    ...(meta.ownerReferences?.length
      ? {
          owners: meta.ownerReferences.map((o: Obj) => ({
            apiVersion: o.apiVersion,
            kind: o.kind,
            name: o.name,
            uid: o.uid,
            ...(o.controller ? { controller: true } : {}),
          })),
        }
      : {}),
    status: normalizeStatus(kind, object),
    ...(summary ? { summary } : {}),
  };
}
