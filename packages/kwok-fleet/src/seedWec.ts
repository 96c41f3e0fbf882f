import {
  delivered,
  KubeObject,
  RESTRICTED_NAMESPACE,
  WecLayout,
} from '@kubestellar/fleet-sim';
import { ClusterApi } from './ClusterApi';

/** Read access the restricted user gets to cluster-scoped resources. */
const CLUSTER_SCOPED_READ = [
  { apiGroups: [''], resources: ['nodes', 'namespaces', 'persistentvolumes'] },
  {
    apiGroups: ['storage.k8s.io'],
    resources: ['storageclasses', 'csidrivers', 'csinodes'],
  },
  {
    apiGroups: ['apiextensions.k8s.io'],
    resources: ['customresourcedefinitions'],
  },
  {
    apiGroups: ['rbac.authorization.k8s.io'],
    resources: ['clusterroles', 'clusterrolebindings'],
  },
  { apiGroups: ['networking.k8s.io'], resources: ['ingressclasses'] },
  { apiGroups: ['scheduling.k8s.io'], resources: ['priorityclasses'] },
  {
    apiGroups: ['work.open-cluster-management.io'],
    resources: ['appliedmanifestworks'],
  },
].map(rule => ({ ...rule, verbs: ['get', 'list', 'watch'] }));

/** Everything the restricted user may read where it is bound: all kinds, and pod logs. */
export const RESTRICTED_READER: KubeObject = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole',
  metadata: { name: 'wecs-restricted-reader' },
  rules: [
    { apiGroups: ['*'], resources: ['*'], verbs: ['get', 'list', 'watch'] },
    { apiGroups: [''], resources: ['pods/log'], verbs: ['get'] },
  ],
};

/**
 * The simulator's restricted user in real RBAC: read-only, bound namespace by namespace to every
 * namespace but `restricted` (so it cannot list namespaced kinds across all namespaces either),
 * and allowed to read cluster-scoped kinds.
 */
function restrictedUserRbac(user: string, namespaces: string[]): KubeObject[] {
  const subjects = [
    { kind: 'User', name: user, apiGroup: 'rbac.authorization.k8s.io' },
  ];
  const roleRef = (name: string) => ({
    kind: 'ClusterRole',
    name,
    apiGroup: 'rbac.authorization.k8s.io',
  });
  return [
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'wecs-restricted-cluster-reader' },
      rules: CLUSTER_SCOPED_READ,
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'wecs-restricted-cluster-reader' },
      subjects,
      roleRef: roleRef('wecs-restricted-cluster-reader'),
    },
    RESTRICTED_READER,
    ...namespaces
      .filter(namespace => namespace !== RESTRICTED_NAMESPACE)
      .map(namespace => ({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'wecs-restricted-reader', namespace },
        subjects,
        roleRef: roleRef('wecs-restricted-reader'),
      })),
  ];
}

const SYSTEM_NAMESPACES = [
  'default',
  'kube-system',
  'kube-public',
  'kube-node-lease',
];

/** Applies a WEC of the simulator's default fleet to a real API server, as KubeStellar would deliver it. */
/**
 * The PersistentVolume the local-path provisioner would create for a claim (none runs here, and
 * a claim left Pending would keep its pods from being scheduled).
 */
function provisionedVolume(claim: KubeObject): KubeObject {
  const namespace = claim.metadata.namespace!;
  const name = `pvc-${namespace}-${claim.metadata.name}`;
  const spec = claim.spec as any;
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: {
      name,
      annotations: {
        'pv.kubernetes.io/provisioned-by': 'rancher.io/local-path',
      },
    },
    spec: {
      capacity: { storage: spec.resources.requests.storage },
      accessModes: spec.accessModes,
      persistentVolumeReclaimPolicy: 'Delete',
      storageClassName: spec.storageClassName,
      volumeMode: spec.volumeMode ?? 'Filesystem',
      hostPath: {
        path: `/var/local-path-provisioner/${name}`,
        type: 'DirectoryOrCreate',
      },
      claimRef: {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        namespace,
        name: claim.metadata.name,
      },
    },
  };
}

export async function seedWec(
  api: ClusterApi,
  layout: WecLayout,
  restrictedUser: string,
) {
  // A kubelet registers its node and reports its status; here kwok does the reporting.
  await api.createAll(
    layout.nodes.map(({ status: _status, ...node }) => node as KubeObject),
  );
  await api.createAll(layout.crds);
  await api.createAll(layout.local);
  for (const delivery of layout.deliveries) {
    const applied = (await api.create(delivery.applied)) as KubeObject;
    await api.createAll(delivery.workloads.map(o => delivered(o, applied)));
  }
  const claims = [
    ...layout.local,
    ...layout.deliveries.flatMap(d => d.workloads),
  ].filter(o => o.kind === 'PersistentVolumeClaim');
  await api.createAll(claims.map(provisionedVolume));
  const namespaces = [
    ...SYSTEM_NAMESPACES,
    ...[...layout.local, ...layout.deliveries.flatMap(d => d.workloads)]
      .filter(o => o.kind === 'Namespace')
      .map(o => o.metadata.name!),
  ];
  await api.createAll(
    restrictedUserRbac(restrictedUser, [...new Set(namespaces)]),
  );
  const database = layout.deliveries
    .flatMap(d => d.workloads)
    .find(o => o.kind === 'Database');
  if (database)
    await api.patchCustomStatus(database, 'databases', layout.databaseStatus);
}
