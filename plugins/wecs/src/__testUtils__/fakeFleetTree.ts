import {
  BoundObject,
  ClusterStatus,
  clustersSelectedBy,
  CopyLookup,
  compareKinds,
  compareNames,
  FleetFilters,
  FleetTreePath,
  FleetViewQuery,
  FleetViewRequest,
  FleetViewRow,
  FleetWindowMessage,
  isStagedWorkload,
  managedWorkloads,
  MAX_VIEW_WINDOW,
  objectKey,
  placementCounts,
  policiesByObject,
  resourceKey,
  SlimResource,
  stagedObjectMatches,
  stagedPolicies,
  SYSTEM_NAMESPACES,
  TreeCounts,
  WecsSearchResult,
  workloadList,
} from '@kubestellar/plugin-wecs-common';

/** Indexes objects by cluster and identity, to find each cluster's copy of a bound object. */
function indexByPlace(
  resources: Iterable<SlimResource>,
): Map<string, SlimResource> {
  const index = new Map<string, SlimResource>();
  for (const resource of resources)
    index.set(`${resource.cluster}|${resourceKey(resource)}`, resource);
  return index;
}

/** Finds copies in an index built by {@link indexByPlace}. */
const lookupIn =
  (index: ReadonlyMap<string, SlimResource>): CopyLookup =>
  (cluster: string, object: BoundObject) =>
    index.get(`${cluster}|${objectKey(object)}`);

/** What the fake backend holds: cluster statuses and the objects of their clusters. */
export interface FleetModel {
  clusters: ClusterStatus[];
  resources: Iterable<SlimResource>;
}

/** The search a fake backend answers: `GET /search`'s parameters. */
export interface FakeSearch {
  name?: string;
  selector?: string;
  object?: string;
  offset?: number;
  limit?: number;
}

export const wantsCluster = (filters: FleetFilters, status: ClusterStatus) =>
  (filters.roles?.length ? filters.roles : ['wec']).includes(status.role) &&
  (!filters.clusters?.length || filters.clusters.includes(status.name));

/** `a=b`, `a!=b`, `a` and `!a`, comma-separated: the part of the syntax tests use. */
function selectorMatcher(selector: string) {
  const terms = selector
    .split(',')
    .map(term => term.trim())
    .filter(Boolean)
    .map(term => {
      const match = term.match(/^(!?)([\w./-]+)(?:\s*(!=|==|=)\s*([\w.-]*))?$/);
      if (!match) throw new Error(`unable to parse requirement: "${term}"`);
      const [, not, key, op, value] = match;
      return (labels: Record<string, string>) => {
        if (!op) return not ? !(key in labels) : key in labels;
        return op === '!=' ? labels[key] !== value : labels[key] === value;
      };
    });
  return (r: SlimResource) => terms.every(term => term(r.labels ?? {}));
}

const countOf = (r: SlimResource): TreeCounts => ({
  total: 1,
  failed: r.status.phase === 'failed' ? 1 : 0,
  pending: r.status.phase === 'pending' ? 1 : 0,
});

const add = (into: TreeCounts, from: TreeCounts) => {
  into.total += from.total;
  into.failed += from.failed;
  into.pending += from.pending;
};

const zero = (): TreeCounts => ({ total: 0, failed: 0, pending: 0 });

/**
 * The fleet tree as the backend serves it, computed from scratch for each question, for fakes:
 * the rows of each view level under filters (the same order, nesting and counts as the
 * contract in plugins/wecs-common's views.ts), windows of them, and searches with their paths.
 */
export class FakeFleetTree {
  private readonly clusters: ClusterStatus[];
  private readonly objects: SlimResource[];
  private readonly flatObjects: SlimResource[];
  /** Every object of the model, whatever the filters: where workloads find their copies. */
  private readonly everything: SlimResource[];
  private readonly itsNames: Set<string>;
  private readonly namespaceObjects = new Map<string, SlimResource>();
  private readonly children = new Map<string, SlimResource[]>();
  private readonly parentOf = new Map<string, SlimResource>();
  private readonly counts = new Map<string, TreeCounts>();

  constructor(model: FleetModel, readonly filters: FleetFilters = {}) {
    this.clusters = model.clusters
      .filter(c => wantsCluster(filters, c))
      .sort((a, b) => compareNames(a.name, b.name));
    const names = new Set(this.clusters.map(c => c.name));
    this.everything = [...model.resources];
    this.itsNames = new Set(
      model.clusters.filter(c => c.role === 'its').map(c => c.name),
    );
    const all = this.everything.filter(r => names.has(r.cluster));
    for (const r of all)
      if (r.kind === 'Namespace')
        this.namespaceObjects.set(`${r.cluster}/${r.name}`, r);
    const selectorMatches = filters.labelSelector
      ? selectorMatcher(filters.labelSelector)
      : () => true;
    const selected = (r: SlimResource) =>
      (!filters.namespaces?.length ||
        filters.namespaces.includes(r.namespace ?? '')) &&
      (!filters.kinds?.length || filters.kinds.includes(r.kind)) &&
      (!filters.phases?.length || filters.phases.includes(r.status.phase)) &&
      (!filters.name ||
        r.name.toLowerCase().includes(filters.name.toLowerCase())) &&
      Object.entries(filters.labels ?? {}).every(
        ([k, v]) => r.labels?.[k] === v,
      ) &&
      selectorMatches(r);
    this.objects = all.filter(r => r.kind !== 'Namespace' && selected(r));
    // The flat list holds Namespace objects too, as kind Namespace of the cluster-scoped group.
    this.flatObjects = all.filter(selected);
    const nests = !(
      filters.kinds?.length ||
      filters.phases?.length ||
      filters.name ||
      filters.labelSelector ||
      Object.keys(filters.labels ?? {}).length
    );
    const byUid = new Map(this.objects.map(r => [this.key(r), r]));
    if (nests) {
      for (const r of this.objects) {
        const controller = r.owners?.find(o => o.controller);
        const parent =
          controller && byUid.get(`${r.cluster}/${controller.uid}`);
        if (!parent) continue;
        this.parentOf.set(this.key(r), parent);
        const list = this.children.get(this.key(parent)) ?? [];
        list.push(r);
        this.children.set(this.key(parent), list);
      }
    }
    for (const list of this.children.values())
      list.sort(
        (a, b) => compareKinds(a.kind, b.kind) || compareNames(a.name, b.name),
      );
  }

  /** Every row of a view. */
  rows(query: FleetViewQuery): FleetViewRow[] {
    switch (query.level) {
      case 'clusters':
        return this.clusters.map(({ counts: _counts, ...status }) => ({
          type: 'cluster' as const,
          key: status.name,
          status,
          counts: this.sum(this.objects.filter(r => r.cluster === status.name)),
        }));
      case 'namespaces': {
        const tops = this.tops(r => r.cluster === query.cluster);
        const namespaces = [...new Set(tops.map(r => r.namespace ?? ''))].sort(
          (a, b) => Number(a === '') - Number(b === '') || compareNames(a, b),
        );
        return namespaces.map(namespace => {
          const resource = this.namespaceObjects.get(
            `${query.cluster}/${namespace}`,
          );
          return {
            type: 'namespace' as const,
            key: namespace,
            cluster: query.cluster,
            namespace,
            counts: this.subtrees(
              tops.filter(r => (r.namespace ?? '') === namespace),
            ),
            ...(resource ? { resource } : {}),
          };
        });
      }
      case 'kinds': {
        const tops = this.tops(
          r =>
            r.cluster === query.cluster &&
            (r.namespace ?? '') === query.namespace,
        );
        return [...new Set(tops.map(r => r.kind))]
          .sort(compareKinds)
          .map(kind => ({
            type: 'kind' as const,
            key: kind,
            cluster: query.cluster,
            namespace: query.namespace,
            kind,
            counts: this.subtrees(tops.filter(r => r.kind === kind)),
          }));
      }
      case 'instances':
        return this.tops(
          r =>
            r.cluster === query.cluster &&
            (r.namespace ?? '') === query.namespace &&
            r.kind === query.kind,
        )
          .sort((a, b) => compareNames(a.name, b.name))
          .map(r => this.instanceRow(r));
      case 'owned':
        return (this.children.get(`${query.cluster}/${query.uid}`) ?? []).map(
          r => this.instanceRow(r),
        );
      case 'workloads': {
        if (
          !this.clusters.some(c => c.name === query.cluster && c.role === 'wds')
        )
          return [];
        const lookup = lookupIn(indexByPlace(this.everything));
        const bindings = this.everything.filter(
          r => r.cluster === query.cluster && r.kind === 'Binding',
        );
        return workloadList(
          managedWorkloads(bindings, lookup, lookup),
          query,
        ).map(workload => ({
          type: 'workload' as const,
          key: workload.key,
          workload,
          counts: placementCounts(workload),
        }));
      }
      case 'policies':
        return this.policyRows();
      case 'stagedNamespaces':
      case 'staged':
        return this.stagedRows(query);
      default:
        return [...this.flatObjects]
          .sort(
            (a, b) =>
              compareNames(a.cluster, b.cluster) ||
              Number(!a.namespace) - Number(!b.namespace) ||
              compareNames(a.namespace ?? '', b.namespace ?? '') ||
              compareKinds(a.kind, b.kind) ||
              compareNames(a.name, b.name),
          )
          .map(r => this.instanceRow(r));
    }
  }

  /** The `policies` level: each policy of the wanted WDSes, summed up as the backend does. */
  private policyRows(): FleetViewRow[] {
    const lookup = lookupIn(indexByPlace(this.everything));
    const managedClusters = this.everything.filter(
      r => r.kind === 'ManagedCluster' && this.itsNames.has(r.cluster),
    );
    const ofKind = (cluster: string, kind: string) =>
      this.everything
        .filter(r => r.cluster === cluster && r.kind === kind)
        .sort((a, b) => compareNames(a.name, b.name));
    return this.clusters
      .filter(c => c.role === 'wds')
      .flatMap(c => ofKind(c.name, 'BindingPolicy'))
      .map(policy => {
        const binding = ofKind(policy.cluster, 'Binding').find(
          b => b.name === policy.name,
        );
        const workloads = binding
          ? managedWorkloads([binding], lookup, lookup)
          : [];
        const counts = zero();
        workloads.forEach(w => add(counts, placementCounts(w)));
        const { summary: _summary, ...bindingRef } = binding ?? {};
        return {
          type: 'policy' as const,
          key: `${policy.cluster}/${policy.name}`,
          policy,
          ...(binding ? { binding: bindingRef as SlimResource } : {}),
          destinations: binding?.summary?.binding?.destinations ?? [],
          selected: clustersSelectedBy(policy, managedClusters),
          objects: binding?.summary?.binding?.workloads.length ?? 0,
          delivered: workloads.flatMap(w =>
            w.placements.filter(p => p.delivered),
          ).length,
          counts,
        };
      });
  }

  /** The staged levels: a WDS's namespaces, or its staged objects, as the backend lists them. */
  private stagedRows(
    query: Extract<FleetViewQuery, { level: 'staged' | 'stagedNamespaces' }>,
  ): FleetViewRow[] {
    if (!this.clusters.some(c => c.name === query.cluster && c.role === 'wds'))
      return [];
    const held = this.everything.filter(r => r.cluster === query.cluster);
    const policies = held.filter(r => r.kind === 'BindingPolicy');
    const bound = policiesByObject(held.filter(r => r.kind === 'Binding'));
    const namespaces = held
      .filter(r => r.kind === 'Namespace' && !SYSTEM_NAMESPACES.has(r.name))
      .sort((a, b) => compareNames(a.name, b.name));
    const staged = held
      .filter(isStagedWorkload)
      .sort(
        (a, b) =>
          compareNames(a.namespace ?? '', b.namespace ?? '') ||
          compareNames(a.kind, b.kind) ||
          compareNames(a.name, b.name),
      );
    const row = (resource: SlimResource, counts: TreeCounts) => ({
      type: 'staged' as const,
      key: resource.uid,
      resource,
      ...stagedPolicies(
        resource,
        policies,
        bound,
        namespaces.find(n => n.name === (resource.namespace ?? resource.name))
          ?.labels,
      ),
      counts,
    });
    if (query.level === 'stagedNamespaces') {
      return namespaces.map(namespace =>
        row(namespace, {
          ...zero(),
          total: staged.filter(r => r.namespace === namespace.name).length,
        }),
      );
    }
    return staged
      .filter(
        r =>
          (!query.namespace || r.namespace === query.namespace) &&
          stagedObjectMatches(r, query.search),
      )
      .map(r => row(r, countOf(r)));
  }

  /** The window a view request gets. */
  window(request: FleetViewRequest, seq: number): FleetWindowMessage {
    const rows = this.rows(request.query);
    const offset = Math.max(0, request.offset ?? 0);
    const limit = Math.min(request.limit ?? MAX_VIEW_WINDOW, MAX_VIEW_WINDOW);
    return {
      type: 'window',
      view: request.id,
      seq,
      total: rows.length,
      offset,
      rows: rows.slice(offset, offset + limit),
    };
  }

  /** What `GET /search` answers; throws on a selector it cannot parse. */
  search(query: FakeSearch): WecsSearchResult {
    const selectorMatches = query.selector
      ? selectorMatcher(query.selector)
      : () => true;
    const needle = query.name?.toLowerCase();
    const matches = (r: SlimResource) =>
      query.object
        ? this.key(r) === query.object
        : (!needle || r.name.toLowerCase().includes(needle)) &&
          selectorMatches(r);
    const found: FleetTreePath[] = [];
    for (const cluster of this.clusters) {
      for (const ns of this.rows({
        level: 'namespaces',
        cluster: cluster.name,
      })) {
        if (ns.type !== 'namespace') continue;
        if (ns.resource && matches(ns.resource)) {
          found.push({
            cluster: cluster.name,
            namespace: ns.namespace,
            uids: [],
            positions: [],
            name: ns.resource.name,
            objectKind: 'Namespace',
            resource: ns.resource,
          });
        }
        for (const kindRow of this.rows({
          level: 'kinds',
          cluster: cluster.name,
          namespace: ns.namespace,
        })) {
          if (kindRow.type !== 'kind') continue;
          const visit = (
            rows: FleetViewRow[],
            uids: string[],
            positions: number[],
          ) =>
            rows.forEach((row, position) => {
              if (row.type !== 'instance') return;
              const r = row.resource;
              const here = {
                uids: [...uids, r.uid],
                positions: [...positions, position],
              };
              if (matches(r))
                found.push({
                  cluster: cluster.name,
                  namespace: ns.namespace,
                  kind: kindRow.kind,
                  ...here,
                  name: r.name,
                  objectKind: r.kind,
                  resource: r,
                });
              visit(
                this.rows({ level: 'owned', cluster: r.cluster, uid: r.uid }),
                here.uids,
                here.positions,
              );
            });
          visit(
            this.rows({
              level: 'instances',
              cluster: cluster.name,
              namespace: ns.namespace,
              kind: kindRow.kind,
            }),
            [],
            [],
          );
        }
      }
    }
    const offset = query.offset ?? 0;
    return {
      total: found.length,
      offset,
      matches: found.slice(offset, offset + (query.limit ?? 100)),
    };
  }

  private key(r: { cluster: string; uid: string }) {
    return `${r.cluster}/${r.uid}`;
  }

  private tops(where: (r: SlimResource) => boolean) {
    return this.objects.filter(
      r => where(r) && !this.parentOf.has(this.key(r)),
    );
  }

  private subtree(r: SlimResource): TreeCounts {
    let counts = this.counts.get(this.key(r));
    if (!counts) {
      counts = countOf(r);
      for (const child of this.children.get(this.key(r)) ?? [])
        add(counts, this.subtree(child));
      this.counts.set(this.key(r), counts);
    }
    return counts;
  }

  private subtrees(rs: SlimResource[]): TreeCounts {
    const counts = zero();
    rs.forEach(r => add(counts, this.subtree(r)));
    return counts;
  }

  private sum(rs: SlimResource[]): TreeCounts {
    const counts = zero();
    rs.forEach(r => add(counts, countOf(r)));
    return counts;
  }

  private instanceRow(r: SlimResource): FleetViewRow {
    return {
      type: 'instance',
      key: r.uid,
      resource: r,
      counts: this.subtree(r),
      owned: this.children.get(this.key(r))?.length ?? 0,
    };
  }
}
