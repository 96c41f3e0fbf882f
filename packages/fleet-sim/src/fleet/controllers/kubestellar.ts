import { ResourceType } from '../../api/resources';
import { parseLabelSelector } from '../../api/selectors';
import { KubeObject } from '../../api/types';
import { ClusterRuntime } from '../ClusterRuntime';
import {
  appliedManifestWork,
  appliedManifestWorkName,
  delivered,
  isFleetMember,
  manifestWork,
  WDS_NAME,
} from '../kubestellar';

const CONTROL = 'control.kubestellar.io/v1alpha1';
const WORK = 'work.open-cluster-management.io/v1';
const MANAGED_CLUSTER = 'cluster.open-cluster-management.io/v1';
const BINDING_KEY = 'transport.kubestellar.io/originOwnerReferenceBindingKey';
const ORIGIN_WDS = 'transport.kubestellar.io/originWdsName';

/** Kinds KubeStellar never downsyncs: its own, and what API servers make for themselves. */
const NEVER_DOWNSYNCED = new Set([
  'BindingPolicy',
  'Binding',
  'CombinedStatus',
  'Event',
  'Endpoints',
  'EndpointSlice',
  'Lease',
  'Pod',
  'ReplicaSet',
  'ServiceAccount',
  'CustomResourceDefinition',
]);

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{
    key: string;
    operator: string;
    values?: string[];
  }>;
}

interface DownsyncClause {
  apiGroup?: string;
  resources?: string[];
  namespaces?: string[];
  namespaceSelectors?: LabelSelector[];
  objectSelectors?: LabelSelector[];
  objectNames?: string[];
}

/** A LabelSelector as `-l` text, so that the API's own selector parser judges it. */
function selectorText(selector: LabelSelector): string {
  return [
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
  ].join(',');
}

const matches = (selector: LabelSelector, labels?: Record<string, string>) =>
  parseLabelSelector(selectorText(selector))({
    metadata: { labels: labels ?? {} },
  } as KubeObject);

const anyOf = <T>(list: T[] | undefined, test: (item: T) => boolean) =>
  !list?.length || list.some(test);

function clauseSelects(
  clause: DownsyncClause,
  type: ResourceType,
  object: KubeObject,
  namespaceLabels: Map<string, Record<string, string> | undefined>,
): boolean {
  const namespace = object.metadata.namespace;
  return (
    (clause.apiGroup ?? '') === type.group &&
    anyOf(clause.resources, r => r === '*' || r === type.plural) &&
    (!clause.namespaces?.length ||
      (namespace !== undefined &&
        clause.namespaces.some(n => n === '*' || n === namespace))) &&
    (!clause.namespaceSelectors?.length ||
      (namespace !== undefined &&
        clause.namespaceSelectors.some(s =>
          matches(s, namespaceLabels.get(namespace)),
        ))) &&
    anyOf(clause.objectNames, n => n === '*' || n === object.metadata.name) &&
    anyOf(clause.objectSelectors, s => matches(s, object.metadata.labels))
  );
}

interface Bound {
  type: ResourceType;
  object: KubeObject;
}

interface Delivery extends Bound {
  version: string;
  /** The copy's resourceVersion when it was last compared with what the work wants. */
  checked?: string;
  /** Since when the copy has differed from what the work wants. */
  driftSince?: number;
}

const isMap = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether `have` holds every value `want` sets; lists must match in length too. */
function covers(want: unknown, have: unknown): boolean {
  if (isMap(want))
    return (
      isMap(have) &&
      Object.entries(want).every(
        ([key, value]) => value === undefined || covers(value, have[key]),
      )
    );
  if (Array.isArray(want))
    return (
      Array.isArray(have) &&
      want.length === have.length &&
      want.every((value, index) => covers(value, have[index]))
    );
  return want === have;
}

/**
 * Whether a delivered copy drifted from what its work wants: a field the WDS version sets is
 * missing or holds another value. Fields only the copy has (defaults, status) do not count.
 */
function drifted(wanted: KubeObject, copy: KubeObject): boolean {
  const { metadata: want, status: _wantedStatus, ...wantedFields } = wanted;
  const { metadata: have, status: _copyStatus, ...copyFields } = copy;
  return !covers(
    { ...wantedFields, labels: want.labels, annotations: want.annotations },
    { ...copyFields, labels: have.labels, annotations: have.annotations },
  );
}

const keyOf = ({ type, object }: Bound) =>
  `${type.group}/${type.plural}/${object.metadata.namespace ?? ''}/${
    object.metadata.name
  }`;

/**
 * KubeStellar's controllers, as far as the fleet needs them: each BindingPolicy of the WDS is
 * resolved into its Binding (the objects its downsync rules select, the fleet members its
 * selectors pick: accepted and joined ManagedClusters), the transport keeps a ManifestWork in
 * each destination's ITS namespace, and the OCM work agent's part is played on each WEC: bound
 * objects are created, follow their WDS copy when it changes, are put back once changed on the
 * WEC for `revertAfterMs` (the real agent does so at its next resync) and are removed when no
 * longer bound. When a cluster stops being a destination (relabelled, or denied by the hub) its
 * ManifestWork goes and the work agent removes what it applied; a cluster deleted from the hub
 * keeps what it had, as its agent no longer hears from the hub.
 * ManifestWorks in the ITS keep the content they were created with.
 */
export class KubeStellarController {
  /**
   * What each policy's work delivered to each WEC, by `policy|wec` and object key, with the
   * WDS resourceVersion each copy was last written from.
   */
  private readonly deliveries = new Map<string, Map<string, Delivery>>();

  constructor(
    private readonly wds: ClusterRuntime,
    private readonly its: ClusterRuntime,
    private readonly wec: (name: string) => ClusterRuntime | undefined,
    private readonly revertAfterMs = 30_000,
  ) {}

  tick(now = Date.now()) {
    const managedClusters = this.its.list(MANAGED_CLUSTER, 'ManagedCluster');
    const namespaceLabels = new Map(
      this.wds
        .list('v1', 'Namespace')
        .map(n => [n.metadata.name!, n.metadata.labels]),
    );
    const types = this.wds.cluster.types
      .all()
      .filter(
        t => !t.readOnly && !t.createOnly && !NEVER_DOWNSYNCED.has(t.kind),
      );
    const current = new Set<string>();
    for (const policy of this.wds.list(CONTROL, 'BindingPolicy')) {
      const spec = (policy as any).spec ?? {};
      const clauses: DownsyncClause[] = spec.downsync ?? [];
      const bound: Bound[] = [];
      for (const type of types) {
        if (!clauses.some(c => (c.apiGroup ?? '') === type.group)) continue;
        for (const object of this.wds.cluster.list(type, undefined, {})) {
          if (
            clauses.some(c => clauseSelects(c, type, object, namespaceLabels))
          )
            bound.push({ type, object });
        }
      }
      const destinations = managedClusters
        .filter(
          mc =>
            isFleetMember(mc) &&
            ((spec.clusterSelectors ?? []) as LabelSelector[]).some(s =>
              matches(s, mc.metadata.labels),
            ),
        )
        .map(mc => mc.metadata.name!)
        .sort();
      this.writeBinding(policy, bound, destinations);
      for (const destination of destinations) {
        const policyName = policy.metadata.name!;
        current.add(`${policyName}|${destination}`);
        this.writeManifestWork(policyName, destination, bound);
        const rt = this.wec(destination);
        if (rt) this.deliver(rt, policyName, bound, now);
      }
    }
    this.withdrawStale(current, managedClusters);
  }

  /** The transport's ManifestWork for a policy in a destination's ITS namespace. */
  private writeManifestWork(policy: string, cluster: string, bound: Bound[]) {
    const wanted = manifestWork(
      { name: policy, workloads: bound.map(b => b.object) },
      { name: cluster },
    );
    if (this.its.find(WORK, 'ManifestWork', cluster, wanted.metadata.name!))
      return;
    const namespace = this.its.find('v1', 'Namespace', undefined, cluster);
    if (namespace && !namespace.metadata.deletionTimestamp)
      this.its.create(wanted);
  }

  /**
   * Ends each delivery, seeded or made here, whose policy no longer sends to its cluster: its
   * ManifestWork goes, and what the work agent applied is removed unless the cluster has left
   * the hub.
   */
  private withdrawStale(current: Set<string>, managedClusters: KubeObject[]) {
    const stale = new Map<string, { policy: string; cluster: string }>();
    for (const work of this.its.list(WORK, 'ManifestWork')) {
      const policy = work.metadata.labels?.[BINDING_KEY];
      const cluster = work.metadata.namespace!;
      if (!policy || work.metadata.labels?.[ORIGIN_WDS] !== WDS_NAME) continue;
      if (current.has(`${policy}|${cluster}`)) continue;
      stale.set(`${policy}|${cluster}`, { policy, cluster });
      this.its.delete(work);
    }
    for (const record of this.deliveries.keys()) {
      const [policy, cluster] = record.split('|');
      if (!current.has(record)) stale.set(record, { policy, cluster });
    }
    for (const [record, { policy, cluster }] of stale) {
      this.deliveries.delete(record);
      const stillOnHub = managedClusters.some(
        mc => mc.metadata.name === cluster && !mc.metadata.deletionTimestamp,
      );
      const rt = this.wec(cluster);
      if (stillOnHub && rt) this.withdraw(rt, policy);
    }
  }

  /**
   * The work agent's cleanup of a deleted ManifestWork: what it applied goes (owned objects
   * by garbage collection, namespaces no other work applied), then its AppliedManifestWork.
   */
  private withdraw(rt: ClusterRuntime, policy: string) {
    const applied = rt.find(
      WORK,
      'AppliedManifestWork',
      undefined,
      appliedManifestWorkName(policy),
    );
    if (!applied) return;
    const namespacesOf = (work: KubeObject) =>
      (((work.status as any)?.appliedResources ?? []) as any[])
        .filter(r => r.group === '' && r.resource === 'namespaces')
        .map(r => r.name as string);
    const others = rt
      .list(WORK, 'AppliedManifestWork')
      .filter(w => w.metadata.uid !== applied.metadata.uid)
      .flatMap(namespacesOf);
    for (const name of namespacesOf(applied)) {
      const namespace = rt.find('v1', 'Namespace', undefined, name);
      if (namespace && !others.includes(name)) rt.delete(namespace);
    }
    const released = rt.replace({
      ...applied,
      metadata: { ...applied.metadata, finalizers: undefined },
    });
    rt.delete(released ?? applied);
  }

  private writeBinding(
    policy: KubeObject,
    bound: Bound[],
    destinations: string[],
  ) {
    const entry = ({ type, object }: Bound) => ({
      group: type.group,
      version: type.version,
      resource: type.plural,
      ...(object.metadata.namespace
        ? { namespace: object.metadata.namespace }
        : {}),
      name: object.metadata.name,
      resourceVersion: object.metadata.resourceVersion,
      createOnly: false,
    });
    const wanted = {
      workload: {
        clusterScope: bound.filter(b => !b.type.namespaced).map(entry),
        namespaceScope: bound.filter(b => b.type.namespaced).map(entry),
      },
      destinations: destinations.map(clusterId => ({ clusterId })),
    };
    const binding = this.wds.find(
      CONTROL,
      'Binding',
      undefined,
      policy.metadata.name!,
    );
    if (!binding) {
      this.wds.create({
        apiVersion: CONTROL,
        kind: 'Binding',
        metadata: {
          name: policy.metadata.name,
          ownerReferences: [this.wds.ownerReference(policy)],
        },
        spec: wanted,
      } as KubeObject);
    } else if (
      JSON.stringify((binding as any).spec) !== JSON.stringify(wanted)
    ) {
      this.wds.replace({ ...binding, spec: wanted } as KubeObject);
    }
  }

  private deliver(
    rt: ClusterRuntime,
    policyName: string,
    bound: Bound[],
    at: number,
  ) {
    const applied =
      rt.find(
        WORK,
        'AppliedManifestWork',
        undefined,
        appliedManifestWorkName(policyName),
      ) ??
      rt.create(
        appliedManifestWork({
          name: policyName,
          workloads: bound.map(b => b.object),
        }),
      );
    if (!applied) return;
    const record = `${policyName}|${rt.name}`;
    const before = this.deliveries.get(record) ?? new Map<string, Delivery>();
    const now = new Map<string, Delivery>();
    for (const { type, object } of bound) {
      // A kind the WEC does not serve fails to apply, as it does for the real work agent.
      if (!rt.cluster.types.findByKind(object.apiVersion!, object.kind!))
        continue;
      const key = keyOf({ type, object });
      const version = object.metadata.resourceVersion!;
      const last = before.get(key);
      const existing = rt.cluster.find(
        type,
        object.metadata.namespace,
        object.metadata.name!,
      );
      const wanted = delivered(object, applied);
      let driftSince = last?.driftSince;
      if (existing && existing.metadata.resourceVersion !== last?.checked) {
        driftSince = drifted(wanted, existing) ? driftSince ?? at : undefined;
      }
      let written: KubeObject | undefined = existing;
      if (!existing) {
        written = rt.create(wanted);
      } else if (
        (last && last.version !== version) ||
        (driftSince !== undefined && at - driftSince >= this.revertAfterMs)
      ) {
        // With no record the copy was delivered before this controller started (the seeded
        // fleet): it is taken as current unless it drifts.
        written = rt.replace({
          ...wanted,
          metadata: {
            ...wanted.metadata,
            resourceVersion: existing.metadata.resourceVersion,
          },
          ...(existing.status ? { status: existing.status } : {}),
        } as KubeObject);
        if (written) driftSince = undefined;
      }
      now.set(
        key,
        written
          ? {
              type,
              object,
              version,
              checked: written.metadata.resourceVersion,
              driftSince,
            }
          : last ?? { type, object, version: '' },
      );
    }
    // What the policy's work delivered here and no longer binds goes.
    for (const [key, gone] of before) {
      if (now.has(key)) continue;
      const copy = rt.cluster.find(
        gone.type,
        gone.object.metadata.namespace,
        gone.object.metadata.name!,
      );
      if (
        copy?.metadata.ownerReferences?.some(
          o => o.uid === applied.metadata.uid,
        )
      )
        rt.delete(copy);
    }
    this.deliveries.set(record, now);
  }
}
