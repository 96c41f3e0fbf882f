import {
  compareKinds,
  compareNames,
  FleetTreePath,
  FleetViewQuery,
  FleetViewRow,
  SlimResource,
  TreeCounts,
  withoutLabels,
} from '@kubestellar/plugin-wecs-common';
import type { SearchQuery } from '../model/searchQuery';
import { ClusterWatchStatus } from '../watch/events';
import type { DeliveryIndex } from './DeliveryIndex';
import { FilteredCounts, groupOf } from './FilteredCounts';
import { FleetStore } from './FleetStore';
import {
  Bucket,
  ClusterTree,
  compareEntries,
  compareNamespaces,
  compareUids,
  Entry,
  ownedOf,
  rootOf,
} from './TreeIndex';
import { addCounts, countsOf, emptyCounts } from './treeCounts';
import { ViewScope } from './viewScope';
import {
  readPolicies,
  readStaged,
  readStagedNamespaces,
  readWorkloads,
} from './kubestellarViews';

/** Where views read from: the store, and the clusters the watch pool knows. */
export interface TreeSource {
  store: FleetStore;
  clusters(): ClusterWatchStatus[];
}

/** A scope with the counts of its object filter, when it has one. */
export interface CountedScope extends ViewScope {
  filtered?: FilteredCounts;
}

export interface ViewWindow {
  total: number;
  rows: FleetViewRow[];
}

const copy = (counts: TreeCounts): TreeCounts => ({ ...counts });

/** Namespace objects, listed as kind `Namespace` in the cluster-scoped group. */
const NAMESPACE_KIND = 'Namespace';

/**
 * Every object of a namespace and kind, by name, whatever controls it; Namespace objects are
 * the cluster-scoped group's kind `Namespace`.
 */
function objectsOf(
  tree: ClusterTree,
  namespace: string,
  kind: string,
): Entry[] {
  if (namespace === '' && kind === NAMESPACE_KIND) {
    return [...tree.namespaceObjects.values()].sort(compareEntries);
  }
  return tree.namespaces.get(namespace)?.kinds.get(kind)?.all() ?? [];
}

function wantedClusters(source: TreeSource, scope: ViewScope) {
  return source
    .clusters()
    .filter(status => scope.wantsCluster(status))
    .sort((a, b) => compareNames(a.name, b.name));
}

function wantedTree(
  source: TreeSource,
  scope: ViewScope,
  cluster: string,
  namespace?: string,
): ClusterTree | undefined {
  if (
    namespace !== undefined &&
    scope.namespaces &&
    !scope.namespaces.has(namespace)
  )
    return undefined;
  const status = source.clusters().find(c => c.name === cluster);
  if (!status || !scope.wantsCluster(status)) return undefined;
  return source.store.tree(cluster);
}

/** A cluster's counts: all of it, or the sum of the namespaces the scope keeps. */
function clusterCounts(
  source: TreeSource,
  scope: CountedScope,
  cluster: string,
): TreeCounts {
  const counted = scope.matches
    ? scope.filtered?.cluster(cluster)
    : source.store.tree(cluster);
  if (!counted) return emptyCounts();
  if (!scope.namespaces) return copy(counted.counts);
  const sum = emptyCounts();
  for (const name of scope.namespaces) {
    const group = counted.namespaces.get(name);
    if (group) addCounts(sum, group.counts);
  }
  return sum;
}

/**
 * An object's row: in the tree without its labels and annotations (it does not show them), in
 * the flat list (`listed`) whole; with the policies that delivered it, when KubeStellar did.
 */
function instanceRow(
  deliveries: DeliveryIndex,
  entry: Entry,
  flat: boolean,
  listed = false,
): FleetViewRow {
  const policies = deliveries.policiesOf(entry.resource);
  return {
    type: 'instance',
    key: entry.resource.uid,
    resource: listed ? entry.resource : withoutLabels(entry.resource),
    counts: flat ? countsOf(entry.resource) : copy(entry.subtree),
    owned: flat ? 0 : entry.children?.size ?? 0,
    ...(policies ? { policies } : {}),
  };
}

function windowOf<T>(
  items: T[],
  offset: number,
  limit: number,
  row: (item: T) => FleetViewRow,
): ViewWindow {
  return {
    total: items.length,
    rows: items.slice(offset, offset + limit).map(row),
  };
}

/** The rows `offset` to `offset + limit - 1` of one view, and how many it has in all. */
export function readWindow(
  source: TreeSource,
  query: FleetViewQuery,
  scope: CountedScope,
  offset: number,
  limit: number,
): ViewWindow {
  const flat = scope.matches !== undefined;
  const none: ViewWindow = { total: 0, rows: [] };
  switch (query.level) {
    case 'clusters':
      return windowOf(wantedClusters(source, scope), offset, limit, status => ({
        type: 'cluster',
        key: status.name,
        status,
        counts: clusterCounts(source, scope, status.name),
      }));
    case 'namespaces': {
      const tree = wantedTree(source, scope, query.cluster);
      if (!tree) return none;
      const inScope = (name: string) =>
        !scope.namespaces || scope.namespaces.has(name);
      const groups: Array<{ name: string; counts: TreeCounts }> = flat
        ? [...(scope.filtered?.cluster(query.cluster)?.namespaces ?? [])]
            .map(([name, group]) => ({ name, counts: group.counts }))
            .sort((a, b) => compareNamespaces(a.name, b.name))
        : tree.sortedNamespaces().filter(group => group.counts.total > 0);
      return windowOf(
        groups.filter(group => inScope(group.name)),
        offset,
        limit,
        group => ({
          type: 'namespace',
          key: group.name,
          cluster: query.cluster,
          namespace: group.name,
          counts: copy(group.counts),
          ...(tree.namespaceObjects.get(group.name)
            ? { resource: tree.namespaceObjects.get(group.name)!.resource }
            : {}),
        }),
      );
    }
    case 'kinds': {
      const tree = wantedTree(source, scope, query.cluster, query.namespace);
      if (!tree) return none;
      const kinds: Array<{ kind: string; counts: TreeCounts }> = flat
        ? [
            ...(scope.filtered
              ?.cluster(query.cluster)
              ?.namespaces.get(query.namespace)?.kinds ?? []),
          ]
            .map(([kind, counts]) => ({ kind, counts }))
            .sort((a, b) => compareKinds(a.kind, b.kind))
        : (tree.namespaces.get(query.namespace)?.sortedKinds() ?? []).filter(
            bucket => bucket.rootCount > 0,
          );
      return windowOf(kinds, offset, limit, ({ kind, counts }) => ({
        type: 'kind',
        key: kind,
        cluster: query.cluster,
        namespace: query.namespace,
        kind,
        counts: copy(counts),
      }));
    }
    case 'instances': {
      const tree = wantedTree(source, scope, query.cluster, query.namespace);
      if (!tree) return none;
      const entries = flat
        ? objectsOf(tree, query.namespace, query.kind).filter(entry =>
            scope.matches!(entry.resource),
          )
        : tree.namespaces
            .get(query.namespace)
            ?.kinds.get(query.kind)
            ?.roots() ?? [];
      return windowOf(entries, offset, limit, entry =>
        instanceRow(source.store.deliveries, entry, flat),
      );
    }
    case 'owned': {
      if (flat) return none;
      const tree = wantedTree(source, scope, query.cluster);
      const entry = tree?.objects.get(query.uid);
      if (!entry?.bucket) return none;
      if (
        scope.namespaces &&
        !scope.namespaces.has(entry.bucket.namespace.name)
      )
        return none;
      return windowOf(ownedOf(entry), offset, limit, child =>
        instanceRow(source.store.deliveries, child, false),
      );
    }
    case 'objects':
      return readObjects(source, scope, offset, limit);
    case 'workloads':
      return readWorkloads(source, scope, query, offset, limit);
    case 'policies':
      return readPolicies(source, scope, offset, limit);
    case 'stagedNamespaces':
      return readStagedNamespaces(source, scope, query.cluster, offset, limit);
    case 'staged':
      return readStaged(source, scope, query, offset, limit);
    default:
      return none;
  }
}

/** A namespace and kind's objects in a cluster, as the flat list walks them. */
interface Group {
  tree: ClusterTree;
  namespace: string;
  kind: string;
  /** How many of its objects the scope selects. */
  size: number;
  /** Those objects, when sizing the group needed them. */
  entries?: Entry[];
}

/** The groups of the flat list, in its order: cluster, namespace, kind. */
function* flatGroups(
  source: TreeSource,
  scope: CountedScope,
): Generator<Group> {
  for (const status of wantedClusters(source, scope)) {
    const tree = source.store.tree(status.name);
    if (!tree) continue;
    const namespaces = new Set(tree.namespaces.keys());
    if (tree.namespaceObjects.size) namespaces.add('');
    for (const namespace of [...namespaces].sort(compareNamespaces)) {
      if (scope.namespaces && !scope.namespaces.has(namespace)) continue;
      const buckets = tree.namespaces.get(namespace)?.kinds;
      const kinds = [...(buckets?.keys() ?? [])];
      if (namespace === '' && tree.namespaceObjects.size)
        kinds.push(NAMESPACE_KIND);
      const counted = scope.filtered
        ?.cluster(status.name)
        ?.namespaces.get(namespace)?.kinds;
      for (const kind of kinds.sort(compareKinds)) {
        if (scope.matches && !scope.filtered) {
          // No counts kept for this filter (a one-off REST list): filter the group to size it.
          const group: Group = { tree, namespace, kind, size: 0 };
          group.entries = objectsOf(tree, namespace, kind).filter(e =>
            scope.matches!(e.resource),
          );
          group.size = group.entries.length;
          if (group.size > 0) yield group;
          continue;
        }
        let size: number;
        if (scope.matches) size = counted?.get(kind)?.total ?? 0;
        else if (kind === NAMESPACE_KIND && namespace === '')
          size = tree.namespaceObjects.size;
        else size = buckets!.get(kind)!.entries.size;
        if (size > 0) yield { tree, namespace, kind, size };
      }
    }
  }
}

function groupEntries(group: Group, scope: CountedScope): Entry[] {
  if (group.entries) return group.entries;
  const all = objectsOf(group.tree, group.namespace, group.kind);
  return scope.matches ? all.filter(e => scope.matches!(e.resource)) : all;
}

function readObjects(
  source: TreeSource,
  scope: CountedScope,
  offset: number,
  limit: number,
): ViewWindow {
  let total = 0;
  const rows: FleetViewRow[] = [];
  for (const group of flatGroups(source, scope)) {
    const start = total;
    total += group.size;
    if (total <= offset || start >= offset + limit) continue;
    const entries = groupEntries(group, scope);
    const from = Math.max(0, offset - start);
    const to = Math.min(entries.length, offset + limit - start);
    for (const entry of entries.slice(from, to))
      rows.push(instanceRow(source.store.deliveries, entry, true, true));
  }
  return { total, rows };
}

/** Where a page of the flat list ends: the last object's place, to start the next after. */
export interface ListCursor {
  cluster: string;
  namespace: string;
  kind: string;
  name: string;
  uid: string;
}

/**
 * A page of the flat list after `after` (from the start when unset): at most `limit` objects,
 * how many follow them, and the cursor of the last one when more follow.
 */
export function readObjectsAfter(
  source: TreeSource,
  scope: CountedScope,
  after: ListCursor | undefined,
  limit: number,
): { items: SlimResource[]; remaining: number; next?: ListCursor } {
  const items: SlimResource[] = [];
  let remaining = 0;
  let last: Entry | undefined;
  for (const group of flatGroups(source, scope)) {
    const order = after
      ? compareNames(group.tree.name, after.cluster) ||
        compareNamespaces(group.namespace, after.namespace) ||
        compareKinds(group.kind, after.kind)
      : 1;
    if (order < 0) continue;
    if (items.length >= limit) {
      remaining += group.size;
      continue;
    }
    let entries = groupEntries(group, scope);
    if (order === 0 && after) {
      const firstAfter = entries.findIndex(
        e =>
          (compareNames(e.resource.name, after.name) ||
            compareUids(e.resource.uid, after.uid)) > 0,
      );
      entries = firstAfter < 0 ? [] : entries.slice(firstAfter);
    }
    const taken = entries.slice(0, limit - items.length);
    for (const entry of taken) items.push(entry.resource);
    if (taken.length) last = taken[taken.length - 1];
    remaining += entries.length - taken.length;
  }
  const next =
    remaining > 0 && last
      ? {
          cluster: last.resource.cluster,
          ...groupOf(last.resource),
          name: last.resource.name,
          uid: last.resource.uid,
        }
      : undefined;
  return { items, remaining, ...(next ? { next } : {}) };
}

/**
 * The objects a search finds, in tree order, as paths a page with the same scope can open:
 * how many in all, and those from `offset` to `offset + limit - 1`.
 */
export function searchTree(
  source: TreeSource,
  scope: CountedScope,
  search: SearchQuery,
  offset: number,
  limit: number,
): { total: number; matches: FleetTreePath[] } {
  const flat = scope.matches !== undefined;
  const clusters = search.object
    ? wantedClusters(source, scope).filter(
        c => c.name === search.object!.cluster,
      )
    : wantedClusters(source, scope);
  // Whether each match must be looked at, or a count of names says how many there are.
  const checksEach =
    !search.name || search.labels || scope.matches || scope.namespaces;
  const matches: FleetTreePath[] = [];
  let total = 0;
  // Clusters in tree order: those past the asked page are only counted.
  for (const status of clusters) {
    const tree = source.store.tree(status.name);
    if (!tree) continue;
    if (!checksEach && total >= offset + limit) {
      total += countNames(tree, search.name!);
      continue;
    }
    let candidates: Iterable<Entry>;
    if (search.object) {
      const entry = tree.objects.get(search.object.uid);
      candidates = entry ? [entry] : [];
    } else if (search.name) {
      candidates = tree.namesContaining(search.name);
    } else {
      candidates = tree.objects.values();
    }
    const groups = groupMatches(tree, candidates, search, scope, flat);
    for (const group of groups) {
      const start = total;
      total += group.entries.length;
      if (total <= offset || start >= offset + limit) continue;
      const placed = placeGroup(source, scope, group, flat);
      matches.push(
        ...placed.slice(Math.max(0, offset - start), offset + limit - start),
      );
    }
  }
  return { total, matches };
}

/** Matches of one cluster, grouped by the row each shows under. */
interface MatchGroup {
  cluster: string;
  namespace: string;
  kind: string;
  entries: Entry[];
}

/** How many objects of a cluster a name search finds, without looking at them. */
function countNames(tree: ClusterTree, name: string): number {
  let count = tree.namesContaining(name).length;
  // A Namespace object shows as its namespace's row, which is there only when it holds
  // something.
  for (const [namespace, entry] of tree.namespaceObjects) {
    if (
      !tree.namespaces.has(namespace) &&
      entry.resource.name.toLowerCase().includes(name)
    )
      count--;
  }
  return count;
}

/**
 * One cluster's matches grouped by the row each shows under (its bucket, found by identity:
 * no key to build per match), in tree order.
 */
function groupMatches(
  tree: ClusterTree,
  candidates: Iterable<Entry>,
  search: SearchQuery,
  scope: CountedScope,
  flat: boolean,
): MatchGroup[] {
  const groups = new Map<Bucket | string, MatchGroup>();
  const groupFor = (key: Bucket | string, namespace: string, kind: string) => {
    let group = groups.get(key);
    if (!group) {
      group = { cluster: tree.name, namespace, kind, entries: [] };
      groups.set(key, group);
    }
    return group;
  };
  for (const entry of candidates) {
    const { resource } = entry;
    if (search.labels && !search.labels(resource.labels)) continue;
    if (scope.matches && !scope.matches(resource)) continue;
    let group: MatchGroup;
    if (entry.bucket) {
      const bucket = flat ? entry.bucket : rootOf(entry).bucket!;
      group = groupFor(bucket, bucket.namespace.name, bucket.kind);
    } else if (flat) {
      group = groupFor(NAMESPACE_KIND, '', NAMESPACE_KIND);
    } else {
      // A Namespace object is its namespace's row, shown when the namespace holds something.
      if (!tree.namespaces.has(resource.name)) continue;
      group = groupFor(`row\0${resource.name}`, resource.name, '');
    }
    if (scope.namespaces && !scope.namespaces.has(group.namespace)) continue;
    group.entries.push(entry);
  }
  return [...groups.values()]
    .filter(group => group.entries.length > 0)
    .sort(
      (a, b) =>
        compareNamespaces(a.namespace, b.namespace) ||
        // A namespace's own row comes before its kinds.
        Number(a.kind !== '') - Number(b.kind !== '') ||
        compareKinds(a.kind, b.kind),
    );
}

/** The paths of one group's matches, in tree order. */
function placeGroup(
  source: TreeSource,
  scope: CountedScope,
  group: MatchGroup,
  flat: boolean,
): FleetTreePath[] {
  if (group.kind === '') {
    return group.entries.map(entry => ({
      cluster: group.cluster,
      namespace: group.namespace,
      uids: [],
      positions: [],
      name: entry.resource.name,
      objectKind: entry.resource.kind,
      resource: entry.resource,
    }));
  }
  const tree = source.store.tree(group.cluster)!;
  const path = (
    entry: Entry,
    uids: string[],
    positions: number[],
  ): FleetTreePath => ({
    cluster: group.cluster,
    namespace: group.namespace,
    kind: group.kind,
    uids,
    positions,
    name: entry.resource.name,
    objectKind: entry.resource.kind,
    resource: entry.resource,
  });
  if (flat) {
    const listed = objectsOf(tree, group.namespace, group.kind).filter(e =>
      scope.matches!(e.resource),
    );
    const position = new Map(listed.map((e, i) => [e, i]));
    return group.entries
      .map(entry =>
        path(entry, [entry.resource.uid], [position.get(entry) ?? -1]),
      )
      .sort((a, b) => a.positions[0] - b.positions[0]);
  }
  const bucket: Bucket = tree.namespaces
    .get(group.namespace)!
    .kinds.get(group.kind)!;
  const roots = bucket.roots();
  return group.entries
    .map(entry => {
      const chain: Entry[] = [];
      for (let at: Entry | undefined = entry; at; at = at.parent)
        chain.unshift(at);
      const positions = chain.map((at, i) =>
        i === 0
          ? Bucket.positionIn(roots, at)
          : ownedOf(chain[i - 1]).indexOf(at),
      );
      return path(
        entry,
        chain.map(at => at.resource.uid),
        positions,
      );
    })
    .sort((a, b) => comparePositions(a.positions, b.positions));
}

/** Pre-order: a row before the rows below it, siblings by position. */
function comparePositions(a: number[], b: number[]) {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i] - b[i];
  }
  return a.length - b.length;
}
