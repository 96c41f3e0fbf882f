import { createHash } from 'node:crypto';
import { KubeObject } from '../api/types';
import { ClusterRuntime, timestamp } from './ClusterRuntime';

export const WDS_NAME = 'wds1';
export const ITS_NAME = 'its1';
/** The ITS hub's identity as the OCM work agent hashes it into AppliedManifestWork names. */
export const HUB_HASH = createHash('sha256')
  .update('https://its1.kubeflex:443')
  .digest('hex');

/** The Kubernetes version every simulated cluster runs. */
export const KUBERNETES_VERSION = 'v1.32.4';

export interface WecInfo {
  name: string;
  index: number;
  region: string;
  zone: string;
}

export interface PolicyInfo {
  name: string;
  clusterSelector: Record<string, string>;
  objectSelector: Record<string, string>;
  /** Label values the policy leaves out, e.g. `{ track: ['canary'] }`. */
  objectExclusions?: Record<string, string[]>;
  namespaces: string[];
  workloads: KubeObject[];
}

const REGIONS = [
  ['us-east-1', 'us-east-1a'],
  ['eu-west-1', 'eu-west-1b'],
  ['ap-south-1', 'ap-south-1a'],
  ['us-west-2', 'us-west-2c'],
  ['eu-central-1', 'eu-central-1a'],
  ['sa-east-1', 'sa-east-1a'],
];

export function wecInfo(index: number): WecInfo {
  const [region, zone] = REGIONS[(index - 1) % REGIONS.length];
  return { name: `cluster${index}`, index, region, zone };
}

export const selectsCluster = (policy: PolicyInfo, wec: WecInfo) =>
  Object.entries(policy.clusterSelector).every(
    ([k, v]) => clusterLabels(wec)[k] === v,
  );

/** The labels of a seeded WEC's ManagedCluster, as the ITS holds them. */
export function clusterLabels(wec: WecInfo): Record<string, string> {
  return {
    'cluster.open-cluster-management.io/clusterset': 'default',
    'feature.open-cluster-management.io/addon-addon-status': 'available',
    'location-group': 'edge',
    name: wec.name,
    region: wec.region,
    'topology.kubernetes.io/zone': wec.zone,
  };
}

/** The ManagedCluster the ITS holds for a joined, accepted WEC. */
export function managedCluster(
  wec: WecInfo,
  available: 'True' | 'False' | 'Unknown' = 'True',
): KubeObject {
  const cpu = [16, 32, 8, 24, 16, 12][(wec.index - 1) % 6];
  const memoryKi = [
    65842164, 131886216, 32841052, 98234112, 65842164, 49283720,
  ][(wec.index - 1) % 6];
  const since = timestamp(Date.now() - 86_400_000 * (wec.index + 1));
  return {
    apiVersion: 'cluster.open-cluster-management.io/v1',
    kind: 'ManagedCluster',
    metadata: {
      name: wec.name,
      labels: clusterLabels(wec),
      annotations: { 'open-cluster-management.io/cluster-name': wec.name },
      finalizers: ['cluster.open-cluster-management.io/api-resource-cleanup'],
    },
    spec: {
      hubAcceptsClient: true,
      leaseDurationSeconds: 60,
      managedClusterClientConfigs: [
        { url: `https://${wec.name}-control-plane:6443`, caBundle: '' },
      ],
    },
    status: {
      conditions: [
        acceptedCondition(true, since),
        joinedCondition(since),
        availableCondition(available, since),
        clockSyncedCondition(since),
      ],
      capacity: {
        cpu: String(cpu),
        memory: `${memoryKi}Ki`,
        pods: '110',
        'ephemeral-storage': '244506940Ki',
        'hugepages-1Gi': '0',
        'hugepages-2Mi': '0',
      },
      allocatable: {
        cpu: String(cpu - 1),
        memory: `${memoryKi - 2097152}Ki`,
        pods: '110',
        'ephemeral-storage': '225340151161',
      },
      version: { kubernetes: KUBERNETES_VERSION },
      clusterClaims: clusterClaims(wec.name, wec.region),
    },
  };
}

/** The claims the registration agent reports of a cluster, as OCM's built-in ones. */
export function clusterClaims(name: string, region?: string) {
  return [
    { name: 'id.k8s.io', value: name },
    {
      name: 'kubeversion.open-cluster-management.io',
      value: KUBERNETES_VERSION,
    },
    { name: 'platform.open-cluster-management.io', value: 'Other' },
    ...(region
      ? [{ name: 'region.open-cluster-management.io', value: region }]
      : []),
  ];
}

/** HubAcceptedManagedCluster as OCM's hub registration controller writes it. */
export function acceptedCondition(accepted: boolean, since: string) {
  return accepted
    ? {
        type: 'HubAcceptedManagedCluster',
        status: 'True',
        reason: 'HubClusterAdminAccepted',
        message: 'Accepted by hub cluster admin',
        lastTransitionTime: since,
      }
    : {
        type: 'HubAcceptedManagedCluster',
        status: 'False',
        reason: 'HubClusterAdminDenied',
        message: 'Denied by hub cluster admin',
        lastTransitionTime: since,
      };
}

/** ManagedClusterJoined, which the registration agent sets once it holds a hub certificate. */
export function joinedCondition(since: string) {
  return {
    type: 'ManagedClusterJoined',
    status: 'True',
    reason: 'ManagedClusterJoined',
    message: 'Managed cluster joined',
    lastTransitionTime: since,
  };
}

export function clockSyncedCondition(since: string) {
  return {
    type: 'ManagedClusterConditionClockSynced',
    status: 'True',
    reason: 'ManagedClusterClockSynced',
    message: 'The clock of the managed cluster is synced with the hub.',
    lastTransitionTime: since,
  };
}

const conditionOf = (cluster: KubeObject, type: string) =>
  (((cluster.status as any)?.conditions ?? []) as any[]).find(
    c => c.type === type,
  );

/**
 * Whether a ManagedCluster is in the fleet: accepted by the hub and joined (its agents hold
 * hub credentials and its cluster-proxy agent is connected), and not being removed. Only these
 * clusters receive KubeStellar deliveries.
 */
export function isFleetMember(cluster: KubeObject | undefined): boolean {
  return (
    !!cluster &&
    !cluster.metadata.deletionTimestamp &&
    (cluster.spec as any)?.hubAcceptsClient === true &&
    conditionOf(cluster, 'ManagedClusterJoined')?.status === 'True'
  );
}

export function availableCondition(
  status: 'True' | 'False' | 'Unknown',
  since: string,
) {
  return status === 'True'
    ? {
        type: 'ManagedClusterConditionAvailable',
        status,
        reason: 'ManagedClusterAvailable',
        message: 'Managed cluster is available',
        lastTransitionTime: since,
      }
    : {
        type: 'ManagedClusterConditionAvailable',
        status,
        reason: 'ManagedClusterLeaseUpdateStopped',
        message: 'Registration agent stopped updating its lease.',
        lastTransitionTime: since,
      };
}

/**
 * A cluster that asked to join but was not accepted, as `clusteradm join` leaves it: the
 * labels it was joined with, no conditions.
 */
export function pendingManagedCluster(
  name: string,
  labels: Record<string, string> = {},
): KubeObject {
  return {
    apiVersion: 'cluster.open-cluster-management.io/v1',
    kind: 'ManagedCluster',
    metadata: {
      name,
      labels: {
        'cluster.open-cluster-management.io/clusterset': 'default',
        name,
        ...labels,
      },
    },
    spec: { hubAcceptsClient: false, leaseDurationSeconds: 60 },
    status: {
      conditions: [],
      version: {},
    },
  };
}

/** The label OCM puts on a cluster's CSRs. */
export const CLUSTER_NAME_LABEL = 'open-cluster-management.io/cluster-name';

/** Who the registration agent asks as, the bootstrap account `clusteradm join` hands it. */
export const BOOTSTRAP_USER =
  'system:serviceaccount:open-cluster-management:cluster-bootstrap';

/** The subject the registration agent asks its hub client certificate for. */
export const agentSubject = (name: string) => ({
  commonName: `system:open-cluster-management:${name}:${name}-agent`,
  organizations: [
    `system:open-cluster-management:${name}`,
    'system:open-cluster-management:managed-clusters',
  ],
});

const CSR_SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/**
 * The CSR the pending cluster's registration agent filed through its bootstrap account and
 * nobody approved yet, named after the cluster with a random suffix as the agent names it.
 */
export function pendingCsr(name: string): KubeObject {
  const suffix = Array.from(
    { length: 5 },
    () =>
      CSR_SUFFIX_ALPHABET[
        Math.floor(Math.random() * CSR_SUFFIX_ALPHABET.length)
      ],
  ).join('');
  const subject = agentSubject(name);
  return {
    apiVersion: 'certificates.k8s.io/v1',
    kind: 'CertificateSigningRequest',
    metadata: {
      name: `${name}-${suffix}`,
      labels: { [CLUSTER_NAME_LABEL]: name },
    },
    spec: {
      request: Buffer.from(
        `-----BEGIN CERTIFICATE REQUEST-----\n(${
          subject.commonName
        }, O=${subject.organizations.join(
          ', O=',
        )})\n-----END CERTIFICATE REQUEST-----\n`,
      ).toString('base64'),
      signerName: 'kubernetes.io/kube-apiserver-client',
      usages: ['digital signature', 'key encipherment', 'client auth'],
      username: BOOTSTRAP_USER,
      groups: [
        'system:serviceaccounts',
        'system:serviceaccounts:open-cluster-management',
        'system:authenticated',
      ],
    },
    status: {},
  };
}

const objectSelector = (policy: PolicyInfo) => ({
  matchLabels: policy.objectSelector,
  ...(policy.objectExclusions
    ? {
        matchExpressions: Object.entries(policy.objectExclusions).map(
          ([key, values]) => ({ key, operator: 'NotIn', values }),
        ),
      }
    : {}),
});

export function bindingPolicy(policy: PolicyInfo): KubeObject {
  return {
    apiVersion: 'control.kubestellar.io/v1alpha1',
    kind: 'BindingPolicy',
    metadata: {
      name: policy.name,
      finalizers: ['bindingpolicy.kubestellar.io/kscontroller'],
    },
    spec: {
      clusterSelectors: [{ matchLabels: policy.clusterSelector }],
      downsync: [
        {
          apiGroup: '',
          resources: ['namespaces'],
          objectSelectors: [objectSelector(policy)],
        },
        ...['apps', 'batch', 'networking.k8s.io', 'shop.example.com', ''].map(
          apiGroup => ({
            apiGroup,
            namespaces: policy.namespaces,
            objectSelectors: [objectSelector(policy)],
          }),
        ),
      ],
    },
    status: {
      observedGeneration: 1,
      conditions: [
        {
          type: 'Synced',
          status: 'True',
          reason: 'ReconcileSuccess',
          message: '',
          lastTransitionTime: timestamp(),
        },
        {
          type: 'Ready',
          status: 'True',
          reason: 'ReconcileSuccess',
          message: '',
          lastTransitionTime: timestamp(),
        },
      ],
      errors: [],
    },
  };
}

const PLURALS: Record<string, string> = {
  Namespace: 'namespaces',
  Deployment: 'deployments',
  Service: 'services',
  Ingress: 'ingresses',
  ConfigMap: 'configmaps',
  Secret: 'secrets',
  StatefulSet: 'statefulsets',
  PersistentVolumeClaim: 'persistentvolumeclaims',
  CronJob: 'cronjobs',
  Database: 'databases',
};

const gvrOf = (object: KubeObject) => {
  const [group, version] = object.apiVersion!.includes('/')
    ? object.apiVersion!.split('/')
    : ['', object.apiVersion!];
  return {
    group,
    version,
    resource: PLURALS[object.kind!] ?? `${object.kind!.toLowerCase()}s`,
  };
};

/** The Binding the KubeStellar controller derives from a policy: what goes where. */
export function binding(
  policy: PolicyInfo,
  wds: (o: KubeObject) => KubeObject | undefined,
  destinations: string[],
): KubeObject {
  const clusterScope = policy.workloads.filter(o => !o.metadata.namespace);
  const namespaceScope = policy.workloads.filter(o => o.metadata.namespace);
  const entry = (o: KubeObject) => ({
    ...gvrOf(o),
    ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
    name: o.metadata.name,
    resourceVersion: wds(o)?.metadata.resourceVersion ?? '1',
    createOnly: false,
  });
  return {
    apiVersion: 'control.kubestellar.io/v1alpha1',
    kind: 'Binding',
    metadata: { name: policy.name },
    spec: {
      workload: {
        clusterScope: clusterScope.map(entry),
        namespaceScope: namespaceScope.map(entry),
      },
      destinations: destinations.map(clusterId => ({ clusterId })),
    },
    status: { observedGeneration: 1, conditions: [], errors: [] },
  };
}

/** The ManifestWork in the ITS mailbox namespace of a WEC that carries a policy's objects. */
export function manifestWork(
  policy: Pick<PolicyInfo, 'name' | 'workloads'>,
  wec: Pick<WecInfo, 'name'>,
): KubeObject {
  return {
    apiVersion: 'work.open-cluster-management.io/v1',
    kind: 'ManifestWork',
    metadata: {
      name: manifestWorkName(policy),
      namespace: wec.name,
      labels: {
        'transport.kubestellar.io/originOwnerReferenceBindingKey': policy.name,
        'transport.kubestellar.io/originWdsName': WDS_NAME,
      },
      annotations: {
        'transport.kubestellar.io/originOwnerReferenceBindingGeneration': '1',
      },
    },
    spec: {
      workload: { manifests: policy.workloads.map(stripForTransport) },
      deleteOption: { propagationPolicy: 'Foreground' },
    },
    status: {
      conditions: [
        {
          type: 'Applied',
          status: 'True',
          reason: 'AppliedManifestWorkComplete',
          message: 'Apply manifest work complete',
          lastTransitionTime: timestamp(),
        },
        {
          type: 'Available',
          status: 'True',
          reason: 'ResourcesAvailable',
          message: 'All resources are available',
          lastTransitionTime: timestamp(),
        },
      ],
      resourceStatus: {
        manifests: policy.workloads.map((o, ordinal) => ({
          resourceMeta: {
            ordinal,
            ...gvrOf(o),
            kind: o.kind,
            name: o.metadata.name,
            namespace: o.metadata.namespace ?? '',
          },
          conditions: [
            {
              type: 'Applied',
              status: 'True',
              reason: 'AppliedManifestComplete',
              message: 'Apply manifest complete',
              lastTransitionTime: timestamp(),
            },
          ],
        })),
      },
    },
  };
}

export function manifestWorkName(policy: Pick<PolicyInfo, 'name'>) {
  return `${policy.name}-${WDS_NAME}-0`;
}

/** The AppliedManifestWork the work agent records for a policy's ManifestWork. */
export const appliedManifestWorkName = (policyName: string) =>
  `${HUB_HASH}-${manifestWorkName({ name: policyName })}`;

export function appliedManifestWork(
  policy: Pick<PolicyInfo, 'name' | 'workloads'>,
): KubeObject {
  const name = appliedManifestWorkName(policy.name);
  return {
    apiVersion: 'work.open-cluster-management.io/v1',
    kind: 'AppliedManifestWork',
    metadata: {
      name,
      finalizers: [
        'cluster.open-cluster-management.io/applied-manifest-work-cleanup',
      ],
    },
    spec: {
      hubHash: HUB_HASH,
      manifestWorkName: manifestWorkName(policy),
      agentID: 'klusterlet-work-agent',
    },
    status: {
      appliedResources: policy.workloads.map(o => ({
        ...gvrOf(o),
        name: o.metadata.name,
        namespace: o.metadata.namespace ?? '',
      })),
    },
  };
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * What KubeStellar's transport keeps of an object it wraps: no status, identity, owners or
 * last-applied configuration, and none of what each cluster sets for itself.
 */
export function stripForTransport(object: KubeObject): KubeObject {
  const { status: _s, ...rest } = object;
  const {
    uid: _u,
    resourceVersion: _r,
    creationTimestamp: _c,
    generation: _g,
    managedFields: _m,
    ownerReferences: _o,
    finalizers: _f,
    generateName: _n,
    ...meta
  } = object.metadata;
  if (meta.annotations?.[LAST_APPLIED]) {
    const { [LAST_APPLIED]: _applied, ...annotations } = meta.annotations;
    meta.annotations = annotations;
  }
  return { ...rest, metadata: meta, ...clusterLocalSpec(object) };
}

/** The spec without what each cluster sets for itself: a Service's IPs, a Job's selector. */
function clusterLocalSpec(object: KubeObject): { spec?: unknown } {
  const spec = object.spec as Record<string, unknown> | undefined;
  if (!spec) return {};
  if (object.kind === 'Service' && spec.clusterIP !== 'None') {
    const { clusterIP: _ip, clusterIPs: _ips, ...kept } = spec;
    return { spec: kept };
  }
  if (object.kind === 'Job') {
    const { selector: _selector, suspend: _suspend, ...kept } = spec;
    return { spec: kept };
  }
  return {};
}

/** The delivered copy on a WEC, owned by the AppliedManifestWork as the work agent leaves it. */
export function delivered(object: KubeObject, applied: KubeObject): KubeObject {
  const copy = structuredClone(stripForTransport(object));
  if (copy.kind === 'Namespace') return copy;
  copy.metadata.ownerReferences = [
    {
      apiVersion: 'work.open-cluster-management.io/v1',
      kind: 'AppliedManifestWork',
      name: applied.metadata.name!,
      uid: applied.metadata.uid!,
    },
  ];
  return copy;
}

export function controlPlane(name: string, type: 'its' | 'wds'): KubeObject {
  return {
    apiVersion: 'tenancy.kflex.kubestellar.org/v1alpha1',
    kind: 'ControlPlane',
    metadata: { name, labels: { 'kflex.kubestellar.io/cptype': type } },
    spec: {
      type: type === 'its' ? 'vcluster' : 'k8s',
      backend: 'shared',
      ...(type === 'wds'
        ? { postCreateHook: 'wds' }
        : { postCreateHook: 'its' }),
    },
    status: {
      observedGeneration: 1,
      conditions: [
        {
          type: 'Synced',
          status: 'True',
          reason: 'Available',
          lastTransitionTime: timestamp(),
          message: '',
        },
        {
          type: 'Ready',
          status: 'True',
          reason: 'Available',
          lastTransitionTime: timestamp(),
          message: '',
        },
      ],
      secretRef: {
        name: `admin-kubeconfig`,
        namespace: `${name}-system`,
        key: 'kubeconfig-incluster',
      },
    },
  };
}

/** Flips one ManagedCluster's availability to Unknown and back on a fixed period. */
export function flipAvailability(
  its: ClusterRuntime,
  wec: WecInfo,
  periodMs: number,
  now = Date.now(),
) {
  const cluster = its.find(
    'cluster.open-cluster-management.io/v1',
    'ManagedCluster',
    undefined,
    wec.name,
  );
  if (!cluster) return;
  const phase = now % periodMs;
  const wanted = phase < periodMs * 0.2 ? 'Unknown' : 'True';
  const conditions = ((cluster.status as any)?.conditions ?? []) as any[];
  const current = conditions.find(
    c => c.type === 'ManagedClusterConditionAvailable',
  );
  if (current?.status === wanted) return;
  its.setStatus(cluster, {
    ...(cluster.status as object),
    conditions: conditions.map(c =>
      c.type === 'ManagedClusterConditionAvailable'
        ? availableCondition(wanted, timestamp(now))
        : c,
    ),
  });
  its.recordEvent(
    cluster,
    wanted === 'True' ? 'Normal' : 'Warning',
    wanted === 'True' ? 'AvailableManagedCluster' : 'UnavailableManagedCluster',
    wanted === 'True'
      ? `The managed cluster (${wec.name}) is available.`
      : `The managed cluster (${wec.name}) cannot connect to the hub cluster.`,
    'registration-controller',
  );
}
