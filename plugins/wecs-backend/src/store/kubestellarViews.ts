import {
  BoundObject,
  clustersSelectedBy,
  compareNames,
  CopyLookup,
  countPlacement,
  findCopies,
  FleetViewQuery,
  FleetViewRow,
  groupOf,
  isStagedWorkload,
  managedWorkloads,
  placementCounts,
  policiesByObject,
  SlimResource,
  stagedObjectMatches,
  stagedPolicies,
  SYSTEM_NAMESPACES,
  TreeCounts,
  workloadList,
} from '@kubestellar/plugin-wecs-common';
import { addCounts, countsOf, emptyCounts } from './treeCounts';
import type { FleetStore } from './FleetStore';
import type { Bucket, ClusterTree, Entry } from './TreeIndex';
import type { CountedScope, TreeSource, ViewWindow } from './treeViews';

/** Whether a bound object is a Namespace, which a tree keeps apart from its buckets. */
const isNamespaceObject = (object: BoundObject) =>
  object.namespace === undefined &&
  object.group === '' &&
  object.resource === 'namespaces';

/** The first object named `name` in a bucket's objects, sorted by name then uid. */
function firstNamed(sorted: Entry[], name: string): Entry | undefined {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (compareNames(sorted[middle].resource.name, name) < 0) low = middle + 1;
    else high = middle;
  }
  return sorted[low]?.resource.name === name ? sorted[low] : undefined;
}

/**
 * Where a cluster keeps the objects of a bound object's namespace and kind: the bucket whose
 * objects have its group and plural resource (a namespace holds few kinds).
 */
function bucketOf(tree: ClusterTree, object: BoundObject): Bucket | undefined {
  const group = tree.namespaces.get(object.namespace ?? '');
  for (const bucket of group?.kinds.values() ?? []) {
    const sample: Entry | undefined = bucket.entries.values().next().value;
    if (
      sample?.resource.resource === object.resource &&
      groupOf(sample.resource.apiVersion) === object.group
    )
      return bucket;
  }
  return undefined;
}

/**
 * A cluster's copy of a bound object, found by identity (group, plural resource, namespace and
 * name) in the cluster's tree: its namespace's kinds are few, and each kind's objects are
 * sorted by name.
 */
export function copyIn(
  store: FleetStore,
  cluster: string,
  object: BoundObject,
): SlimResource | undefined {
  const tree = store.tree(cluster);
  if (!tree) return undefined;
  if (isNamespaceObject(object))
    return tree.namespaceObjects.get(object.name)?.resource;
  const bucket = bucketOf(tree, object);
  return bucket && firstNamed(bucket.all(), object.name)?.resource;
}

/** A cluster's objects of a cluster-scoped kind, by name. */
const clusterScoped = (tree: ClusterTree | undefined, kind: string) =>
  tree?.namespaces
    .get('')
    ?.kinds.get(kind)
    ?.all()
    .map(entry => entry.resource) ?? [];

/** Finds each cluster's copy of a bound object in the store's trees. */
const lookupIn =
  (store: FleetStore): CopyLookup =>
  (cluster, object) =>
    copyIn(store, cluster, object);

/**
 * A window of the `workloads` level: the objects a WDS's Bindings bind, narrowed and sorted by
 * the query; the copies in the destination clusters are looked up for the window's rows only,
 * so a page costs what it shows whatever the number of workloads.
 */
export function readWorkloads(
  source: TreeSource,
  scope: CountedScope,
  query: Extract<FleetViewQuery, { level: 'workloads' }>,
  offset: number,
  limit: number,
): ViewWindow {
  const tree = wdsTree(source, scope, query.cluster);
  if (!tree) return { total: 0, rows: [] };
  const bindings = clusterScoped(tree, 'Binding');
  const lookup = lookupIn(source.store);
  const listed = workloadList(managedWorkloads(bindings, lookup), query);
  const page = listed.slice(offset, offset + limit);
  findCopies(page, lookup);
  return {
    total: listed.length,
    rows: page.map(workload => ({
      type: 'workload',
      key: workload.key,
      workload,
      counts: placementCounts(workload),
    })),
  };
}

/** How much of what a Binding binds has arrived where it should be. */
interface Deliveries {
  counts: TreeCounts;
  delivered: number;
}

/**
 * What a Binding's copies in one cluster are read from: the version of each bucket (namespace
 * and kind) they are looked up in. Pods coming and going leave it as it is; a copy that comes,
 * goes or changes changes it.
 */
function copiesVersion(
  tree: ClusterTree,
  places: Iterable<BoundObject>,
): string {
  const parts: Array<string | number> = [];
  for (const object of places) {
    if (isNamespaceObject(object)) {
      // Namespace objects have no bucket: each bound one's own version.
      parts.push(
        tree.namespaceObjects.get(object.name)?.resource.resourceVersion ?? '-',
      );
      continue;
    }
    const bucket = bucketOf(tree, object);
    // Without one, how many kinds the namespace has: the bucket's coming changes that.
    parts.push(
      bucket
        ? bucket.version
        : `k${tree.namespaces.get(object.namespace ?? '')?.kinds.size ?? 0}`,
    );
  }
  return parts.join(',');
}

/** How much of what a Binding binds has arrived where it should be. */
interface Deliveries {
  counts: TreeCounts;
  delivered: number;
}

/**
 * Deliveries of a Binding to one cluster read before, by Binding and cluster, with what they
 * were read from. Bounded by Bindings × destinations; cleared when it outgrows that.
 */
const deliveriesRead = new WeakMap<
  FleetStore,
  Map<string, { version: string; deliveries: Deliveries }>
>();

/**
 * How many of a Binding's placements (objects × destinations) have a copy, and their counts.
 * Each destination's share is read again only when a copy there could have changed: reading
 * them all looks up every object in every destination.
 */
function deliveriesOf(store: FleetStore, binding: SlimResource): Deliveries {
  let read = deliveriesRead.get(store);
  if (!read) {
    read = new Map();
    deliveriesRead.set(store, read);
  }
  const resolution = binding.summary?.binding;
  const objects = resolution?.workloads ?? [];
  const places = new Map<string, BoundObject>();
  // Objects of one namespace and kind share a bucket; Namespace objects are each their own.
  for (const object of objects)
    places.set(
      isNamespaceObject(object)
        ? `namespace/${object.name}`
        : `${object.namespace ?? ''}/${object.group}/${object.resource}`,
      object,
    );
  const total: Deliveries = { counts: emptyCounts(), delivered: 0 };
  for (const cluster of new Set(resolution?.destinations ?? [])) {
    const tree = store.tree(cluster);
    const key = `${binding.cluster}/${binding.uid}/${cluster}`;
    const version = `${binding.resourceVersion}:${
      tree ? copiesVersion(tree, places.values()) : '-'
    }`;
    let known = read.get(key);
    if (known?.version !== version) {
      const deliveries: Deliveries = { counts: emptyCounts(), delivered: 0 };
      for (const object of objects) {
        const copy = copyIn(store, cluster, object);
        countPlacement(deliveries.counts, copy);
        if (copy) deliveries.delivered++;
      }
      if (read.size > 100_000) read.clear();
      known = { version, deliveries };
      read.set(key, known);
    }
    addCounts(total.counts, known.deliveries.counts);
    total.delivered += known.deliveries.delivered;
  }
  return total;
}

/**
 * A window of the `policies` level: the BindingPolicies of the WDSes the scope wants, by WDS and
 * name, each with what its Binding resolved, the clusters its selectors pick among the ITS's
 * ManagedClusters, and how many of its placements have arrived. Only the window's policies are
 * resolved.
 */
export function readPolicies(
  source: TreeSource,
  scope: CountedScope,
  offset: number,
  limit: number,
): ViewWindow {
  const { store } = source;
  const clusters = [...source.clusters()].sort((a, b) =>
    compareNames(a.name, b.name),
  );
  const policies = clusters
    .filter(c => c.role === 'wds' && scope.wantsCluster(c))
    .flatMap(c => clusterScoped(store.tree(c.name), 'BindingPolicy'));
  const page = policies.slice(offset, offset + limit);
  const managedClusters = page.length
    ? clusters
        .filter(c => c.role === 'its')
        .flatMap(c => clusterScoped(store.tree(c.name), 'ManagedCluster'))
    : [];
  const rows = page.map((policy): FleetViewRow => {
    const bindings = store
      .tree(policy.cluster)
      ?.namespaces.get('')
      ?.kinds.get('Binding');
    const binding = firstNamed(bindings?.all() ?? [], policy.name)?.resource;
    const { counts, delivered } = binding
      ? deliveriesOf(store, binding)
      : { counts: emptyCounts(), delivered: 0 };
    const resolution = binding?.summary?.binding;
    const { summary: _summary, ...bindingRef } = binding ?? {};
    return {
      type: 'policy',
      key: `${policy.cluster}/${policy.name}`,
      policy,
      ...(binding
        ? { binding: bindingRef as Omit<SlimResource, 'summary'> }
        : {}),
      destinations: resolution?.destinations ?? [],
      selected: clustersSelectedBy(policy, managedClusters),
      objects: resolution?.workloads.length ?? 0,
      delivered,
      counts,
    };
  });
  return { total: policies.length, rows };
}

/** A WDS's tree, when the scope wants that WDS. */
function wdsTree(
  source: TreeSource,
  scope: CountedScope,
  cluster: string,
): ClusterTree | undefined {
  const status = source.clusters().find(c => c.name === cluster);
  if (!status || status.role !== 'wds' || !scope.wantsCluster(status))
    return undefined;
  return source.store.tree(cluster);
}

/** The staged objects of one namespace of a WDS, by kind and name. */
function stagedIn(tree: ClusterTree, namespace: string): SlimResource[] {
  const kinds = [...(tree.namespaces.get(namespace)?.kinds.values() ?? [])];
  return kinds
    .sort((a, b) => compareNames(a.kind, b.kind))
    .flatMap(bucket =>
      bucket
        .all()
        .map(entry => entry.resource)
        .filter(isStagedWorkload),
    );
}

/** What the rows of a WDS's staged objects are read against: its policies and Bindings. */
function policyContext(tree: ClusterTree) {
  const policies = clusterScoped(tree, 'BindingPolicy');
  const bound = policiesByObject(clusterScoped(tree, 'Binding'));
  return (
    resource: SlimResource,
    counts = countsOf(resource),
  ): FleetViewRow => ({
    type: 'staged',
    key: resource.uid,
    resource,
    ...stagedPolicies(
      resource,
      policies,
      bound,
      tree.namespaceObjects.get(resource.namespace ?? resource.name)?.resource
        .labels,
    ),
    counts,
  });
}

/**
 * A window of the `stagedNamespaces` level: the Namespace objects of a WDS that are not the
 * API server's own, by name, each with how many staged objects it holds and the policies
 * that bind or select it.
 */
export function readStagedNamespaces(
  source: TreeSource,
  scope: CountedScope,
  cluster: string,
  offset: number,
  limit: number,
): ViewWindow {
  const tree = wdsTree(source, scope, cluster);
  if (!tree) return { total: 0, rows: [] };
  const namespaces = [...tree.namespaceObjects.values()]
    .map(entry => entry.resource)
    .filter(namespace => !SYSTEM_NAMESPACES.has(namespace.name))
    .sort((a, b) => compareNames(a.name, b.name));
  const rowOf = policyContext(tree);
  return {
    total: namespaces.length,
    rows: namespaces.slice(offset, offset + limit).map(namespace =>
      rowOf(namespace, {
        ...emptyCounts(),
        total: stagedIn(tree, namespace.name).length,
      }),
    ),
  };
}

/**
 * A window of the `staged` level: the objects staged in a WDS (in one namespace, when asked),
 * whose kind, name, namespace or labels hold the search, by namespace, kind and name, each with
 * the policies that bind or select it. Only the window's rows are matched against the policies.
 */
export function readStaged(
  source: TreeSource,
  scope: CountedScope,
  query: Extract<FleetViewQuery, { level: 'staged' }>,
  offset: number,
  limit: number,
): ViewWindow {
  const tree = wdsTree(source, scope, query.cluster);
  if (!tree) return { total: 0, rows: [] };
  const namespaces = query.namespace
    ? [query.namespace]
    : [...tree.namespaces.keys()].filter(Boolean).sort(compareNames);
  const matching = namespaces
    .flatMap(namespace => stagedIn(tree, namespace))
    .filter(resource => stagedObjectMatches(resource, query.search));
  const rowOf = policyContext(tree);
  return {
    total: matching.length,
    rows: matching.slice(offset, offset + limit).map(r => rowOf(r)),
  };
}
