import { KubeObject } from '../api/types';
import { appliedManifestWorkCrd } from './crds';
import { nodeManifests } from './nodes';
import { deployment, web } from './workloads';

const OCM_VERSION = 'v0.15.2';

const daemonSet = (
  name: string,
  namespace: string,
  image: string,
  labels: Record<string, string>,
): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name, namespace, labels },
  spec: {
    selector: { matchLabels: labels },
    template: {
      metadata: { labels },
      spec: {
        hostNetwork: true,
        tolerations: [{ operator: 'Exists' }],
        containers: [{ name, image }],
      },
    },
  },
});

const agent = (name: string, namespace: string, image: string) =>
  deployment(
    name,
    namespace,
    { 'app.kubernetes.io/part-of': 'klusterlet' },
    {
      serviceAccountName: name,
      containers: [{ name: 'agent', image }],
    },
    1,
  );

/**
 * What a freshly created kind cluster holds once `clusteradm join` installed OCM's klusterlet
 * in it: a control-plane node and a worker, kind's own kube-system and storage workloads, the
 * klusterlet operator and its registration and work agents, and the AppliedManifestWork CRD the
 * work agent serves. No KubeStellar workloads: those arrive by delivery once the cluster joins
 * and a BindingPolicy selects it. The region label, when given, is set on the nodes as a cloud
 * provider would.
 */
export function joiningClusterManifests(
  name: string,
  labels: Record<string, string> = {},
): KubeObject[] {
  const region = labels.region;
  const topology = region
    ? {
        name,
        index: 0,
        region,
        zone: labels['topology.kubernetes.io/zone'] ?? `${region}a`,
      }
    : undefined;
  return [
    ...['local-path-storage', 'open-cluster-management'].map(
      (namespace): KubeObject => ({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: namespace },
      }),
    ),
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: 'open-cluster-management-agent',
        labels: { 'workload.openshift.io/allowed': 'management' },
      },
    },
    ...nodeManifests([`${name}-control-plane`, `${name}-worker`], topology),
    appliedManifestWorkCrd,
    deployment(
      'coredns',
      'kube-system',
      { 'k8s-app': 'kube-dns' },
      { containers: [web('registry.k8s.io/coredns/coredns:v1.11.3', 53)] },
      2,
    ),
    daemonSet(
      'kindnet',
      'kube-system',
      'docker.io/kindest/kindnetd:v20250214-acbabc1a',
      { app: 'kindnet', 'k8s-app': 'kindnet', tier: 'node' },
    ),
    daemonSet(
      'kube-proxy',
      'kube-system',
      'registry.k8s.io/kube-proxy:v1.32.4',
      { 'k8s-app': 'kube-proxy' },
    ),
    deployment(
      'local-path-provisioner',
      'local-path-storage',
      {},
      {
        containers: [
          {
            name: 'local-path-provisioner',
            image:
              'docker.io/kindest/local-path-provisioner:v20250214-acbabc1a',
          },
        ],
      },
      1,
    ),
    {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: {
        name: 'standard',
        annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
      },
      provisioner: 'rancher.io/local-path',
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
    },
    agent(
      'klusterlet',
      'open-cluster-management',
      `quay.io/open-cluster-management/registration-operator:${OCM_VERSION}`,
    ),
    agent(
      'klusterlet-registration-agent',
      'open-cluster-management-agent',
      `quay.io/open-cluster-management/registration:${OCM_VERSION}`,
    ),
    agent(
      'klusterlet-work-agent',
      'open-cluster-management-agent',
      `quay.io/open-cluster-management/work:${OCM_VERSION}`,
    ),
  ];
}
