/**
 * A cluster's link to the backend, as the fleet socket and `GET /clusters` report it.
 * `pending`: the ITS knows the cluster but it has not joined (not accepted by the hub, or its
 * agent has not registered yet), so nothing of it is watched.
 *
 * @public
 */
export type ConnectionState =
  | 'connected'
  | 'connecting'
  | 'disconnected'
  | 'pending';

/**
 * How the backend reaches a cluster's API server: with the cluster's own kubeconfig context
 * (`direct`), or through the ITS with OCM's cluster-proxy addon, the ITS context alone
 * (`cluster-proxy`).
 *
 * @public
 */
export type ClusterAccess = 'direct' | 'cluster-proxy';

/**
 * The health of any object, reduced to what a tree or a filter needs.
 *
 * @public
 */
export type StatusPhase =
  | 'running'
  | 'pending'
  | 'failed'
  | 'succeeded'
  | 'unknown';

/** @public */
export interface NormalizedStatus {
  phase: StatusPhase;
  /** Why, in Kubernetes' words: `CrashLoopBackOff`, `0/3 ready`, `Unschedulable`. */
  reason?: string;
}

/**
 * An ownerReference, kept so that views can nest a Pod under its ReplicaSet and Deployment.
 *
 * @public
 */
export interface OwnerLink {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
}

/**
 * One object as the fleet store keeps it: identity, labels, owners and a normalized status,
 * without managedFields, the last-applied annotation, Secret values or a full spec. The full
 * object is fetched on demand.
 *
 * @public
 */
export interface SlimResource {
  cluster: string;
  /** `apps/v1`, `v1`. */
  apiVersion: string;
  kind: string;
  /** The plural resource name used in API paths, e.g. `deployments`. */
  resource: string;
  namespace?: string;
  name: string;
  uid: string;
  resourceVersion: string;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  owners?: OwnerLink[];
  status: NormalizedStatus;
  /** A few kind-specific facts lists show without fetching the object. */
  summary?: ResourceSummary;
  /**
   * What the backend left out of this slim object to keep it small, by field, as a count:
   * labels, annotations, owners, and the summary's dataKeys, images and containers past the
   * backend's limits (`wecs.limits`). The full object, fetched on demand, has them all.
   */
  omitted?: Partial<
    Record<
      | 'labels'
      | 'annotations'
      | 'owners'
      | 'dataKeys'
      | 'images'
      | 'containers',
      number
    >
  >;
}

/** @public */
export interface ResourceSummary {
  /** Desired, ready, available and updated replicas of workload controllers. */
  replicas?: {
    desired: number;
    ready: number;
    available?: number;
    updated?: number;
  };
  images?: string[];
  nodeName?: string;
  podIP?: string;
  restarts?: number;
  /** Container names with their role, for log pickers. */
  containers?: Array<{
    name: string;
    role: 'init' | 'main' | 'sidecar' | 'ephemeral';
  }>;
  /** Keys of a ConfigMap's or Secret's data (values stay on the cluster). */
  dataKeys?: string[];
  type?: string;
  schedule?: string;
  /** A ManagedCluster's Kubernetes version, as its agent reports it. */
  kubernetesVersion?: string;
  /** A ManagedCluster's resources, as Kubernetes quantities (`8`, `16Gi`, `110`). */
  capacity?: ClusterResources;
  allocatable?: ClusterResources;
  /** A BindingPolicy's rules: which clusters it selects and which objects it downsyncs. */
  policy?: PolicyRules;
  /** A Binding's resolution of its policy: the objects bound now and the clusters they go to. */
  binding?: BindingResolution;
}

/**
 * A Kubernetes label selector, as in `metav1.LabelSelector`.
 *
 * @public
 */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{
    key: string;
    operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
    values?: string[];
  }>;
}

/**
 * One `spec.downsync` clause of a BindingPolicy.
 *
 * @public
 */
export interface DownsyncRule {
  /** `''` for the core group. */
  apiGroup: string;
  /** Plural resource names; none means every resource of the group. */
  resources?: string[];
  namespaces?: string[];
  namespaceSelectors?: LabelSelector[];
  objectSelectors?: LabelSelector[];
  objectNames?: string[];
  createOnly?: boolean;
}

/** @public */
export interface PolicyRules {
  clusterSelectors: LabelSelector[];
  downsync: DownsyncRule[];
  /** Whether the controller has seen the latest spec (`generation == observedGeneration`). */
  observed: boolean;
  /** `status.errors` of the policy. */
  errors?: string[];
}

/**
 * An object a Binding names, by group, resource, namespace and name.
 *
 * @public
 */
export interface BoundObject {
  group: string;
  version: string;
  resource: string;
  namespace?: string;
  name: string;
}

/** @public */
export interface BindingResolution {
  workloads: BoundObject[];
  /** The `clusterId`s of `spec.destinations`. */
  destinations: string[];
}

/** @public */
export interface ClusterResources {
  cpu?: string;
  memory?: string;
  pods?: string;
}

/** @public */
export type ClusterRole = 'wec' | 'its' | 'wds';

/**
 * A cluster of the fleet with its connection and counts.
 *
 * @public
 */
export interface ClusterStatus {
  name: string;
  /**
   * Where the backend learnt of the cluster: `kubeconfig`, `its`, or the name of a source an
   * adopter registered through `@kubestellar/plugin-wecs-node`.
   */
  source: string;
  /**
   * What the cluster is to KubeStellar: a workload execution cluster, or one of its control
   * planes (the ITS, which knows the clusters, and a WDS, where workloads are staged).
   */
  role: ClusterRole;
  context: string;
  server: string;
  /** How the backend reaches it. */
  access: ClusterAccess;
  state: ConnectionState;
  /** Why a `pending` cluster is not watched yet, and what joins it (e.g. accept it on the hub). */
  pendingReason?: string;
  /** When the state last changed. */
  since: string;
  lastError?: string;
  lastErrorAt?: string;
  /**
   * Types the cluster refuses this backend's identity to list or watch (401/403), with the API
   * server's message: a connected cluster can still hide workloads from a namespace-bound user.
   */
  refused?: Array<{ apiVersion: string; kind: string; message: string }>;
  /** Objects in the store, in total, by kind and by namespace (cluster-scoped objects under ''). */
  counts: {
    total: number;
    byKind: Record<string, number>;
    byNamespace: Record<string, number>;
  };
  /** Labels of the ManagedCluster when the ITS is the source. */
  labels?: Record<string, string>;
}

/**
 * An object without its labels and annotations: what a row carries where they are not shown
 * (a tree's rows, a workload's copies in each cluster); the object's details are read when
 * opened.
 *
 * @public
 */
export function withoutLabels(resource: SlimResource): SlimResource {
  const { labels: _labels, annotations: _annotations, ...kept } = resource;
  return kept;
}
