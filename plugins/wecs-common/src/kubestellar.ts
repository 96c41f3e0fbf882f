import type {
  BoundObject,
  DownsyncRule,
  LabelSelector,
  SlimResource,
} from './resources';
import { withoutLabels } from './resources';
import { compareNames } from './treeOrder';
import type { TreeCounts } from './views';

/**
 * The API group of an apiVersion: `apps` of `apps/v1`, `''` of `v1`.
 *
 * @public
 */
export const groupOf = (apiVersion: string) =>
  apiVersion.includes('/') ? apiVersion.split('/')[0] : '';

/**
 * Whether `labels` satisfy a Kubernetes label selector; an empty selector selects everything.
 *
 * @public
 */
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

/**
 * One object's identity across clusters: group, plural resource, namespace and name.
 *
 * @public
 */
export const objectKey = (object: BoundObject) =>
  `${object.group}/${object.resource}/${object.namespace ?? ''}/${object.name}`;

/**
 * An object's identity as a Binding names it.
 *
 * @public
 */
export const boundObjectOf = (resource: SlimResource): BoundObject => ({
  group: groupOf(resource.apiVersion),
  version: resource.apiVersion.split('/').pop() ?? '',
  resource: resource.resource,
  ...(resource.namespace ? { namespace: resource.namespace } : {}),
  name: resource.name,
});

/**
 * An object's identity across clusters, as {@link objectKey} writes it.
 *
 * @public
 */
export const resourceKey = (resource: SlimResource) =>
  objectKey(boundObjectOf(resource));

/**
 * Whether one downsync clause of a policy selects an object. Every criterion the clause sets
 * must hold; within a list any entry will do. `namespaceLabels` are the labels of the object's
 * namespace, for namespace selectors.
 *
 * @public
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

/**
 * Whether a policy's rules select an object: any of its downsync clauses does.
 *
 * @public
 */
export function policySelects(
  policy: SlimResource,
  object: SlimResource,
  namespaceLabels?: Record<string, string>,
): boolean {
  return (policy.summary?.policy?.downsync ?? []).some(clause =>
    clauseSelects(clause, object, namespaceLabels),
  );
}

/**
 * The clusters a policy's selectors pick among ManagedClusters, by name.
 *
 * @public
 */
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

/**
 * One bound object in one destination cluster: the copy there, if it has arrived.
 *
 * @public
 */
export interface Placement {
  cluster: string;
  delivered?: SlimResource;
}

/**
 * A workload managed by binding policies: its identity, its WDS copy, the policies binding it
 * and, for each destination cluster, its copy there.
 *
 * @public
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

/**
 * Finds a cluster's copy of a bound object, or undefined when the cluster has none.
 *
 * @public
 */
export type CopyLookup = (
  cluster: string,
  object: BoundObject,
) => SlimResource | undefined;

/** The kind of a bound object: its WDS copy's, else its resource name made singular. */
const kindOf = (object: BoundObject, staged?: SlimResource) =>
  staged?.kind ?? object.resource.replace(/s$/, '');

/**
 * Every object the Bindings of a WDS bind, with the policies binding it and its destination
 * clusters, readied by {@link findCopies} with `deliveredOf` when it is set (a list that
 * shows a page readies the page's workloads only). `stagedOf` finds the WDS copy.
 *
 * @public
 */
export function managedWorkloads(
  bindings: SlimResource[],
  stagedOf: CopyLookup,
  deliveredOf?: CopyLookup,
): ManagedWorkload[] {
  const byKey = new Map<string, ManagedWorkload>();
  for (const binding of bindings) {
    const resolution = binding.summary?.binding;
    if (!resolution) continue;
    for (const object of resolution.workloads) {
      const key = objectKey(object);
      let workload = byKey.get(key);
      if (!workload) {
        const stagedCopy = stagedOf(binding.cluster, object);
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
      if (!workload.placements.length) {
        workload.placements = resolution.destinations.map(cluster => ({
          cluster,
        }));
      } else {
        // Bound by more than one policy: each destination once.
        const known = new Set(workload.placements.map(p => p.cluster));
        for (const cluster of resolution.destinations) {
          if (!known.has(cluster)) workload.placements.push({ cluster });
          known.add(cluster);
        }
      }
    }
  }
  const workloads = [...byKey.values()];
  if (deliveredOf) findCopies(workloads, deliveredOf);
  return workloads;
}

/**
 * Readies workloads to be shown: each one's policies and destinations in name order, and each
 * destination's copy as `deliveredOf` finds it now (without its labels and annotations).
 *
 * @public
 */
export function findCopies(
  workloads: ManagedWorkload[],
  deliveredOf: CopyLookup,
) {
  for (const workload of workloads) {
    workload.policies.sort(compareNames);
    workload.placements.sort((a, b) => compareNames(a.cluster, b.cluster));
    for (const placement of workload.placements) {
      const copy = deliveredOf(placement.cluster, workload.object);
      if (copy) placement.delivered = withoutLabels(copy);
      else delete placement.delivered;
    }
  }
}

/**
 * What a list of managed workloads is narrowed by: its namespace, a policy binding it, and a
 * case-insensitive piece of its kind, name or policies.
 *
 * @public
 */
export interface WorkloadQuery {
  namespace?: string;
  policy?: string;
  search?: string;
}

/**
 * The workloads a query keeps, by namespace, kind and name. Namespaces themselves are left
 * out: they are what the namespace filter picks from, not workloads of their own.
 *
 * @public
 */
export function workloadList(
  workloads: ManagedWorkload[],
  query: WorkloadQuery,
): ManagedWorkload[] {
  const search = query.search?.trim().toLowerCase();
  return workloads
    .filter(
      w =>
        w.kind !== 'Namespace' &&
        (!query.namespace || w.object.namespace === query.namespace) &&
        (!query.policy || w.policies.includes(query.policy)) &&
        (!search ||
          `${w.kind} ${w.object.name} ${w.policies.join(' ')}`
            .toLowerCase()
            .includes(search)),
    )
    .sort(
      (a, b) =>
        compareNames(a.object.namespace ?? '', b.object.namespace ?? '') ||
        compareNames(a.kind, b.kind) ||
        compareNames(a.object.name, b.object.name),
    );
}

/**
 * A managed workload's health across its destinations.
 *
 * @public
 */
export type PlacementHealth = 'running' | 'pending' | 'failed';

/**
 * A managed workload's health across its destinations: failed when any copy fails, pending
 * while any is missing or not ready, running when every copy runs.
 *
 * @public
 */
export function placementHealth(workload: ManagedWorkload): PlacementHealth {
  const phases = workload.placements.map(p => p.delivered?.status.phase);
  if (phases.includes('failed')) return 'failed';
  if (phases.every(p => p === 'running' || p === 'succeeded')) return 'running';
  return 'pending';
}

/**
 * Counts one placement: always in `total`; in `failed` when its copy fails; in `pending` while
 * its copy is missing or not ready yet.
 *
 * @public
 */
export function countPlacement(
  counts: TreeCounts,
  delivered: SlimResource | undefined,
) {
  counts.total++;
  const phase = delivered?.status.phase;
  if (phase === 'failed') counts.failed++;
  else if (phase !== 'running' && phase !== 'succeeded') counts.pending++;
}

/**
 * A managed workload's placements as counts (see {@link countPlacement}).
 *
 * @public
 */
export function placementCounts(workload: ManagedWorkload): TreeCounts {
  const counts = { total: 0, failed: 0, pending: 0 };
  for (const { delivered } of workload.placements)
    countPlacement(counts, delivered);
  return counts;
}

/**
 * Namespaces every API server keeps for itself; nothing is staged there.
 *
 * @public
 */
export const SYSTEM_NAMESPACES: ReadonlySet<string> = new Set([
  'kube-system',
  'kube-public',
  'kube-node-lease',
]);

/** Kinds a WDS holds that are KubeStellar's or Kubernetes' own bookkeeping, not workloads. */
const BOOKKEEPING_KINDS = new Set([
  'BindingPolicy',
  'Binding',
  'CombinedStatus',
  'Event',
  'Endpoints',
  'EndpointSlice',
  'Lease',
  'ServiceAccount',
]);

/**
 * Whether a WDS object is a workload someone staged, rather than the server's own.
 *
 * @public
 */
export function isStagedWorkload(resource: SlimResource): boolean {
  if (!resource.namespace || SYSTEM_NAMESPACES.has(resource.namespace))
    return false;
  if (BOOKKEEPING_KINDS.has(resource.kind)) return false;
  if (resource.kind === 'ConfigMap' && resource.name === 'kube-root-ca.crt')
    return false;
  return !(
    resource.kind === 'Service' &&
    resource.namespace === 'default' &&
    resource.name === 'kubernetes'
  );
}

/**
 * The names of the policies whose Binding lists each object, by `objectKey`, for the Bindings of
 * one WDS.
 *
 * @public
 */
export function policiesByObject(
  bindings: SlimResource[],
): Map<string, string[]> {
  const policies = new Map<string, string[]>();
  for (const binding of bindings) {
    for (const object of binding.summary?.binding?.workloads ?? []) {
      const key = objectKey(object);
      policies.set(key, [...(policies.get(key) ?? []), binding.name]);
    }
  }
  return policies;
}

/**
 * Whether a staged object's kind, name, namespace or one of its labels (`key=value`) holds
 * `search`, ignoring case; an empty search keeps everything.
 *
 * @public
 */
export function stagedObjectMatches(
  resource: SlimResource,
  search: string | undefined,
): boolean {
  const text = search?.trim().toLowerCase();
  if (!text) return true;
  return [
    resource.kind,
    resource.name,
    resource.namespace ?? '',
    ...Object.entries(resource.labels ?? {}).map(([k, v]) => `${k}=${v}`),
  ].some(value => value.toLowerCase().includes(text));
}

/**
 * A staged object as the Staged Workloads page lists it: the policies whose Binding lists it,
 * and those whose rules select it (bound or not yet). `policies` are the WDS's BindingPolicies,
 * `bound` its Bindings' lists ({@link policiesByObject}), `namespaceLabels` the labels of the
 * object's namespace.
 *
 * @public
 */
export function stagedPolicies(
  resource: SlimResource,
  policies: SlimResource[],
  bound: ReadonlyMap<string, string[]>,
  namespaceLabels: Record<string, string> | undefined,
): { bound: string[]; selecting: string[] } {
  return {
    bound: bound.get(resourceKey(resource)) ?? [],
    selecting: policies
      .filter(p => policySelects(p, resource, namespaceLabels))
      .map(p => p.name),
  };
}
