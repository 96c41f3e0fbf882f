import {
  BoundObject,
  DownsyncRule,
  LabelSelector,
  SlimResource,
} from '@kubestellar/plugin-wecs-common';

/** The API group of an apiVersion: `apps` of `apps/v1`, `''` of `v1`. */
export const groupOf = (apiVersion: string) =>
  apiVersion.includes('/') ? apiVersion.split('/')[0] : '';

/** Whether `labels` satisfy a Kubernetes label selector; an empty selector selects everything. */
export function matchesSelector(
  labels: Record<string, string> | undefined,
  selector: LabelSelector,
): boolean {
  const own = labels ?? {};
  const matched = Object.entries(selector.matchLabels ?? {}).every(
    ([key, value]) => own[key] === value,
  );
  return (
    matched &&
    (selector.matchExpressions ?? []).every(({ key, operator, values }) => {
      const has = key in own;
      switch (operator) {
        case 'In':
          return has && (values ?? []).includes(own[key]);
        case 'NotIn':
          return !has || !(values ?? []).includes(own[key]);
        case 'Exists':
          return has;
        case 'DoesNotExist':
          return !has;
        default:
          return false;
      }
    })
  );
}

/** One object's identity across clusters: group, plural resource, namespace and name. */
export const objectKey = (object: BoundObject) =>
  `${object.group}/${object.resource}/${object.namespace ?? ''}/${object.name}`;

export const boundObjectOf = (resource: SlimResource): BoundObject => ({
  group: groupOf(resource.apiVersion),
  version: resource.apiVersion.split('/').pop() ?? '',
  resource: resource.resource,
  ...(resource.namespace ? { namespace: resource.namespace } : {}),
  name: resource.name,
});

export const resourceKey = (resource: SlimResource) =>
  objectKey(boundObjectOf(resource));

/** Indexes objects by cluster and identity, to find each cluster's copy of a bound object. */
export function indexByPlace(
  resources: Iterable<SlimResource>,
): Map<string, SlimResource> {
  const index = new Map<string, SlimResource>();
  for (const resource of resources)
    index.set(`${resource.cluster}|${resourceKey(resource)}`, resource);
  return index;
}

/**
 * Whether one downsync clause of a policy selects an object. Every criterion the clause sets
 * must hold; within a list any entry will do. `namespaceLabels` are the labels of the object's
 * namespace, for namespace selectors.
 */
export function clauseSelects(
  clause: DownsyncRule,
  object: SlimResource,
  namespaceLabels?: Record<string, string>,
): boolean {
  const namespace = object.namespace;
  return (
    clause.apiGroup === groupOf(object.apiVersion) &&
    (!clause.resources?.length ||
      clause.resources.some(r => r === '*' || r === object.resource)) &&
    (!clause.namespaces?.length ||
      (namespace !== undefined &&
        clause.namespaces.some(n => n === '*' || n === namespace))) &&
    (!clause.namespaceSelectors?.length ||
      (namespace !== undefined &&
        clause.namespaceSelectors.some(s =>
          matchesSelector(namespaceLabels, s),
        ))) &&
    (!clause.objectNames?.length ||
      clause.objectNames.some(n => n === '*' || n === object.name)) &&
    (!clause.objectSelectors?.length ||
      clause.objectSelectors.some(s => matchesSelector(object.labels, s)))
  );
}

/** Whether a policy's rules select an object: any of its downsync clauses does. */
export function policySelects(
  policy: SlimResource,
  object: SlimResource,
  namespaceLabels?: Record<string, string>,
): boolean {
  return (policy.summary?.policy?.downsync ?? []).some(clause =>
    clauseSelects(clause, object, namespaceLabels),
  );
}

/** The clusters a policy's selectors pick among ManagedClusters, by name. */
export function clustersSelectedBy(
  policy: SlimResource,
  managedClusters: SlimResource[],
): string[] {
  const selectors = policy.summary?.policy?.clusterSelectors ?? [];
  return managedClusters
    .filter(cluster =>
      selectors.some(selector => matchesSelector(cluster.labels, selector)),
    )
    .map(cluster => cluster.name);
}

/** One bound object in one destination cluster: the copy there, if it has arrived. */
export interface Placement {
  cluster: string;
  delivered?: SlimResource;
}

/**
 * A workload managed by binding policies: its identity, its WDS copy, the policies binding it
 * and, for each destination cluster, its copy there.
 */
export interface ManagedWorkload {
  key: string;
  object: BoundObject;
  /** The object in the WDS, when it is still there. */
  staged?: SlimResource;
  kind: string;
  policies: string[];
  placements: Placement[];
}

/** The kind of a bound object: its WDS copy's, else its resource name made singular. */
const kindOf = (object: BoundObject, staged?: SlimResource) =>
  staged?.kind ?? object.resource.replace(/s$/, '');

/**
 * Every object the Bindings of a WDS bind, with the policies binding it and its copy in each
 * destination cluster. `staged` and `delivered` index the WDS's and the WECs' objects with
 * {@link indexByPlace}.
 */
export function managedWorkloads(
  bindings: SlimResource[],
  staged: Map<string, SlimResource>,
  delivered: Map<string, SlimResource>,
): ManagedWorkload[] {
  const byKey = new Map<string, ManagedWorkload>();
  for (const binding of bindings) {
    const resolution = binding.summary?.binding;
    if (!resolution) continue;
    for (const object of resolution.workloads) {
      const key = objectKey(object);
      let workload = byKey.get(key);
      if (!workload) {
        const stagedCopy = staged.get(`${binding.cluster}|${key}`);
        workload = {
          key,
          object,
          staged: stagedCopy,
          kind: kindOf(object, stagedCopy),
          policies: [],
          placements: [],
        };
        byKey.set(key, workload);
      }
      workload.policies.push(binding.name);
      for (const cluster of resolution.destinations) {
        if (workload.placements.some(p => p.cluster === cluster)) continue;
        workload.placements.push({
          cluster,
          delivered: delivered.get(`${cluster}|${key}`),
        });
      }
    }
  }
  return [...byKey.values()];
}

export type PlacementHealth = 'running' | 'pending' | 'failed';

/**
 * A managed workload's health across its destinations: failed when any copy fails, pending
 * while any is missing or not ready, running when every copy runs.
 */
export function placementHealth(workload: ManagedWorkload): PlacementHealth {
  const phases = workload.placements.map(p => p.delivered?.status.phase);
  if (phases.includes('failed')) return 'failed';
  if (phases.every(p => p === 'running' || p === 'succeeded')) return 'running';
  return 'pending';
}

/**
 * The policies whose Binding lists each object, keyed `cluster|identity` with the WDS of the
 * Binding as the cluster, the way {@link indexByPlace} keys the WDS's objects.
 */
export function policiesByObject(
  bindings: SlimResource[],
): Map<string, string[]> {
  const policies = new Map<string, string[]>();
  for (const binding of bindings) {
    for (const object of binding.summary?.binding?.workloads ?? []) {
      const key = `${binding.cluster}|${objectKey(object)}`;
      policies.set(key, [...(policies.get(key) ?? []), binding.name]);
    }
  }
  return policies;
}

/** A label selector as kubectl writes one: `app=web,tier in (front,back),!legacy`. */
export function selectorText(selector: LabelSelector): string {
  const terms = [
    ...Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`),
    ...(selector.matchExpressions ?? []).map(({ key, operator, values }) => {
      switch (operator) {
        case 'Exists':
          return key;
        case 'DoesNotExist':
          return `!${key}`;
        default:
          return `${key} ${operator.toLowerCase()} (${(values ?? []).join(
            ',',
          )})`;
      }
    }),
  ];
  return terms.length ? terms.join(',') : 'everything';
}
