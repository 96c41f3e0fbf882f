import { KubeObject } from '../../api/types';
import { FleetTls } from '../../tls';
import { ClusterRuntime, timestamp } from '../ClusterRuntime';
import {
  acceptedCondition,
  availableCondition,
  clockSyncedCondition,
  clusterClaims,
  joinedCondition,
  KUBERNETES_VERSION,
} from '../kubestellar';
import { hasIssuedCertificate, signApprovedCsrs } from './csrSigner';

const CLUSTER_API = 'cluster.open-cluster-management.io/v1';
const CLEANUP_FINALIZER =
  'cluster.open-cluster-management.io/api-resource-cleanup';

interface Condition {
  type: string;
  status: string;
  [key: string]: unknown;
}

/** Sets a condition, keeping its transition time when its status does not change. */
function withCondition(conditions: Condition[], next: Condition): Condition[] {
  const current = conditions.find(c => c.type === next.type);
  if (!current) return [...conditions, next];
  const merged =
    current.status === next.status
      ? { ...next, lastTransitionTime: current.lastTransitionTime }
      : next;
  return conditions.map(c => (c.type === next.type ? merged : c));
}

const UNITS: Record<string, number> = {
  '': 1,
  m: 0.001,
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
};

/** The sum of some Kubernetes quantities, in `unit` ('' for whole numbers). */
function total(quantities: Array<string | undefined>, unit: string): string {
  const sum = quantities.reduce((acc, q) => {
    const match = /^(\d+(?:\.\d+)?)(m|Ki|Mi|Gi)?$/.exec(q ?? '');
    return match ? acc + Number(match[1]) * UNITS[match[2] ?? ''] : acc;
  }, 0);
  return `${Math.floor(sum / UNITS[unit])}${unit}`;
}

/** What the registration agent reports of its cluster's nodes: their summed resources. */
function resources(nodes: KubeObject[], field: 'capacity' | 'allocatable') {
  const of = (key: string) =>
    nodes.map(n => (n.status as any)?.[field]?.[key] as string | undefined);
  return {
    cpu: total(of('cpu'), ''),
    memory: total(of('memory'), 'Ki'),
    pods: total(of('pods'), ''),
    'ephemeral-storage': total(of('ephemeral-storage'), 'Ki'),
  };
}

/**
 * OCM's hub registration controller, with the part of each cluster's registration agent the
 * hub sees, run on the ITS. A ManagedCluster whose `spec.hubAcceptsClient` is true is accepted
 * (HubAcceptedManagedCluster, its namespace on the ITS, the cleanup finalizer); once its CSR
 * is also approved and signed, its agent holds a hub certificate and it joins (Joined and
 * Available, with version, capacity and claims read from its API server). Setting
 * `hubAcceptsClient` back to false denies it (the agent's lease then stops: Available Unknown);
 * accepting it again brings it back, as its certificate is still valid. Deleting the
 * ManagedCluster removes its namespace, and the ManifestWorks in it, from the ITS.
 */
export class RegistrationController {
  constructor(
    private readonly its: ClusterRuntime,
    private readonly wec: (name: string) => ClusterRuntime | undefined,
    private readonly tls: FleetTls,
  ) {}

  tick(now = Date.now()) {
    signApprovedCsrs(this.its, this.tls);
    for (const cluster of this.its.list(CLUSTER_API, 'ManagedCluster')) {
      if (cluster.metadata.deletionTimestamp) this.remove(cluster);
      else this.reconcile(cluster, timestamp(now));
    }
  }

  private reconcile(found: KubeObject, time: string) {
    const name = found.metadata.name!;
    const accepted = (found.spec as any)?.hubAcceptsClient === true;
    const cluster = accepted ? this.acceptResources(found) : found;
    if (!cluster) return;
    const status = (cluster.status ?? {}) as Record<string, any>;
    const before: Condition[] = status.conditions ?? [];
    const statusOf = (type: string) =>
      before.find(c => c.type === type)?.status;
    const joined = statusOf('ManagedClusterJoined') === 'True';
    let conditions = before;
    let extra: Record<string, unknown> = {};
    let target: KubeObject | undefined = cluster;
    if (!accepted) {
      if (statusOf('HubAcceptedManagedCluster') !== 'True') return;
      conditions = withCondition(conditions, acceptedCondition(false, time));
      if (joined)
        conditions = withCondition(
          conditions,
          availableCondition('Unknown', time),
        );
      this.event(
        cluster,
        'Warning',
        'ManagedClusterDenied',
        `managed cluster ${name} is denied by hub cluster admin`,
      );
    } else {
      if (statusOf('HubAcceptedManagedCluster') !== 'True') {
        conditions = withCondition(conditions, acceptedCondition(true, time));
        if (joined)
          conditions = withCondition(
            conditions,
            availableCondition('True', time),
          );
        this.event(
          cluster,
          'Normal',
          'ManagedClusterAccepted',
          `managed cluster ${name} is accepted by hub cluster admin`,
        );
      }
      if (!joined && hasIssuedCertificate(this.its, name)) {
        conditions = [joinedCondition(time), clockSyncedCondition(time)].reduce(
          withCondition,
          withCondition(conditions, availableCondition('True', time)),
        );
        extra = this.reportedStatus(name, cluster);
        target = this.reportClientConfig(cluster);
        this.event(
          cluster,
          'Normal',
          'ManagedClusterJoined',
          `managed cluster ${name} joined the hub: its registration agent holds a hub client certificate`,
        );
      }
    }
    if (conditions === before || !target) return;
    this.its.setStatus(target, { ...status, ...extra, conditions });
  }

  /** The API server URL the registration agent writes into the spec as it joins. */
  private reportClientConfig(cluster: KubeObject) {
    const spec = (cluster.spec ?? {}) as Record<string, any>;
    if (spec.managedClusterClientConfigs?.length) return cluster;
    return this.its.replace({
      ...cluster,
      spec: {
        ...spec,
        managedClusterClientConfigs: [
          {
            url: `https://${cluster.metadata.name}-control-plane:6443`,
            caBundle: '',
          },
        ],
      },
    });
  }

  /** The cluster's namespace on the ITS and the cleanup finalizer, as acceptance brings. */
  private acceptResources(cluster: KubeObject): KubeObject | undefined {
    const name = cluster.metadata.name!;
    const namespace = this.its.find('v1', 'Namespace', undefined, name);
    if (!namespace) {
      this.its.create({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name },
      });
    } else if (namespace.metadata.deletionTimestamp) {
      // The namespace of an earlier cluster of this name is still going.
      return undefined;
    }
    const finalizers = cluster.metadata.finalizers ?? [];
    if (finalizers.includes(CLEANUP_FINALIZER)) return cluster;
    return this.its.replace({
      ...cluster,
      metadata: {
        ...cluster.metadata,
        finalizers: [...finalizers, CLEANUP_FINALIZER],
      },
    });
  }

  /** Version, capacity and claims, as the registration agent reads them from its cluster. */
  private reportedStatus(name: string, cluster: KubeObject) {
    const rt = this.wec(name);
    const nodes = rt?.list('v1', 'Node') ?? [];
    const region =
      cluster.metadata.labels?.region ??
      nodes[0]?.metadata.labels?.['topology.kubernetes.io/region'];
    return {
      version: { kubernetes: KUBERNETES_VERSION },
      capacity: resources(nodes, 'capacity'),
      allocatable: resources(nodes, 'allocatable'),
      clusterClaims: clusterClaims(name, region),
    };
  }

  /** The cluster leaves the hub: its namespace goes, then the finalizer lets it go. */
  private remove(cluster: KubeObject) {
    const name = cluster.metadata.name!;
    const finalizers = cluster.metadata.finalizers ?? [];
    if (!finalizers.includes(CLEANUP_FINALIZER)) return;
    const namespace = this.its.find('v1', 'Namespace', undefined, name);
    if (namespace && !namespace.metadata.deletionTimestamp)
      this.its.delete(namespace);
    const rest = finalizers.filter(f => f !== CLEANUP_FINALIZER);
    this.its.replace({
      ...cluster,
      metadata: {
        ...cluster.metadata,
        finalizers: rest.length ? rest : undefined,
      },
    });
  }

  private event(
    cluster: KubeObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
  ) {
    this.its.recordEvent(
      cluster,
      type,
      reason,
      message,
      'registration-controller',
    );
  }
}
