import { KubeObject } from '@kubestellar/fleet-sim';
import { ClusterApi } from './ClusterApi';
import { managedClusterCrd, manifestWorkCrd } from './ocm';
import { RESTRICTED_READER } from './seedWec';

const rbac = 'rbac.authorization.k8s.io';

const clusterRoleBinding = (
  name: string,
  role: string,
  subject: Record<string, string>,
): KubeObject => ({
  apiVersion: `${rbac}/v1`,
  kind: 'ClusterRoleBinding',
  metadata: { name },
  subjects: [subject],
  roleRef: { kind: 'ClusterRole', name: role, apiGroup: rbac },
});

/**
 * What OCM's cluster manager installs in a hub before any cluster joins, and the fleet's users:
 * OCM's namespaces and CRDs, the bootstrap role `clusteradm join`'s identity gets (file CSRs,
 * create its ManagedCluster), and read access to everything for the restricted user (the ITS has
 * no `restricted` namespace to keep from it).
 */
export async function seedIts(api: ClusterApi, restrictedUser: string) {
  await api.createAll(
    ['open-cluster-management', 'open-cluster-management-hub'].map(name => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name },
    })),
  );
  await api.createAll([managedClusterCrd, manifestWorkCrd]);
  const bootstrapRole = 'system:open-cluster-management:bootstrap';
  await api.createAll([
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: {
        name: 'cluster-bootstrap',
        namespace: 'open-cluster-management',
      },
    },
    {
      apiVersion: `${rbac}/v1`,
      kind: 'ClusterRole',
      metadata: { name: bootstrapRole },
      rules: [
        {
          apiGroups: ['certificates.k8s.io'],
          resources: ['certificatesigningrequests'],
          verbs: ['create', 'get', 'list', 'watch'],
        },
        {
          apiGroups: ['cluster.open-cluster-management.io'],
          resources: ['managedclusters'],
          verbs: ['get', 'create'],
        },
      ],
    },
    clusterRoleBinding(bootstrapRole, bootstrapRole, {
      kind: 'ServiceAccount',
      name: 'cluster-bootstrap',
      namespace: 'open-cluster-management',
    }),
    RESTRICTED_READER,
    clusterRoleBinding(
      'wecs-restricted-reader',
      RESTRICTED_READER.metadata.name!,
      { kind: 'User', name: restrictedUser, apiGroup: rbac },
    ),
  ]);
}
