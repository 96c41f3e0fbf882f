import {
  ClusterStatus,
  FleetServerMessage,
  SlimResource,
} from '@kubestellar/plugin-wecs-common';

/** A running object of cluster1's namespace shop, with what `extra` changes. */
export const slimResource = (
  kind: string,
  name: string,
  extra: Partial<SlimResource> = {},
): SlimResource => ({
  cluster: 'cluster1',
  apiVersion: 'v1',
  kind,
  resource: `${kind.toLowerCase()}s`,
  namespace: 'shop',
  name,
  uid: `uid-${name}`,
  resourceVersion: '1',
  status: { phase: 'running' },
  ...extra,
});

/** A connected kubeconfig cluster named `name`, reached directly, with what `overrides` changes. */
export const clusterStatus = (
  name: string,
  overrides: Partial<ClusterStatus> = {},
): ClusterStatus => ({
  name,
  source: 'kubeconfig',
  role: 'wec',
  context: name,
  server: `https://${name}.example:6443`,
  access: 'direct',
  state: 'connected',
  since: '2026-11-26T10:00:00Z',
  counts: { total: 0, byKind: {}, byNamespace: {} },
  ...overrides,
});

/**
 * A cluster the ITS knows but that has not joined: pending, reached through the hub, no objects.
 */
export const pendingClusterStatus = (
  name: string,
  pendingReason = `ManagedCluster ${name} is not accepted by the hub (spec.hubAcceptsClient is false): accept it to let it join`,
): ClusterStatus =>
  clusterStatus(name, {
    source: 'its',
    access: 'cluster-proxy',
    context: 'its1',
    state: 'pending',
    pendingReason,
  });

/** The message that opens every fleet subscription. */
export type FleetSnapshot = Extract<FleetServerMessage, { type: 'snapshot' }>;

/** The fleet socket's first answer: these clusters, no resources. */
export const clustersSnapshot = (
  clusters: ClusterStatus[],
  errors: string[] = [],
  resources: SlimResource[] = [],
): FleetSnapshot => ({
  type: 'snapshot',
  epoch: 'e1',
  seq: 1,
  clusters,
  resources,
  errors,
});

/**
 * A WDS's Binding `name` (uid `<wds>-binding-<name>`): it lists Deployments of one namespace,
 * by name, and sends them to `destinations`.
 */
export const deploymentsBinding = (
  wds: string,
  name: string,
  namespace: string,
  names: string[],
  destinations: string[],
) =>
  slimResource('Binding', name, {
    cluster: wds,
    apiVersion: 'control.kubestellar.io/v1alpha1',
    namespace: undefined,
    uid: `${wds}-binding-${name}`,
    summary: {
      binding: {
        workloads: names.map(deployment => ({
          group: 'apps',
          version: 'v1',
          resource: 'deployments',
          namespace,
          name: deployment,
        })),
        destinations,
      },
    },
  });

/**
 * A small KubeStellar fleet: in the WDS `wds1`, Deployment `web` and ConfigMap `settings`
 * staged in `shop`, policy `shop-edge` selecting `location-group=edge` clusters and the `shop`
 * Deployments, its Binding sending `web` to cluster1 and cluster2; `web` running in cluster1
 * only; ManagedClusters cluster1 and cluster2 at the edge, cluster3 not.
 */
export function kubestellarFleet() {
  const staged = (kind: string, name: string, extra = {}) =>
    slimResource(kind, name, {
      cluster: 'wds1',
      uid: `wds-${name}`,
      ...extra,
    });
  const web = staged('Deployment', 'web', {
    apiVersion: 'apps/v1',
    labels: { app: 'web', 'kubestellar.io/workload': 'web' },
  });
  const settings = staged('ConfigMap', 'settings', {
    labels: { app: 'settings' },
  });
  const policy = staged('BindingPolicy', 'shop-edge', {
    apiVersion: 'control.kubestellar.io/v1alpha1',
    resource: 'bindingpolicies',
    namespace: undefined,
    summary: {
      policy: {
        clusterSelectors: [{ matchLabels: { 'location-group': 'edge' } }],
        downsync: [
          {
            apiGroup: 'apps',
            namespaces: ['shop'],
            objectSelectors: [{ matchLabels: { app: 'web' } }],
          },
        ],
        observed: true,
      },
    },
  });
  const binding = deploymentsBinding(
    'wds1',
    'shop-edge',
    'shop',
    ['web'],
    ['cluster1', 'cluster2'],
  );
  const delivered = slimResource('Deployment', 'web', {
    apiVersion: 'apps/v1',
    labels: { app: 'web' },
    uid: 'c1-web',
    owners: [
      {
        apiVersion: 'work.open-cluster-management.io/v1',
        kind: 'AppliedManifestWork',
        name: 'hub-hash-shop-edge-wds1-0',
        uid: 'c1-applied-shop-edge',
      },
    ],
    summary: { replicas: { desired: 2, ready: 2 } },
  });
  const managedCluster = (name: string, labels: Record<string, string>) =>
    slimResource('ManagedCluster', name, {
      cluster: 'its1',
      apiVersion: 'cluster.open-cluster-management.io/v1',
      namespace: undefined,
      uid: `mc-${name}`,
      labels,
    });
  const managedClusters = [
    managedCluster('cluster1', { 'location-group': 'edge', name: 'cluster1' }),
    managedCluster('cluster2', { 'location-group': 'edge', name: 'cluster2' }),
    managedCluster('cluster3', { name: 'cluster3' }),
  ];
  return { web, settings, policy, binding, delivered, managedClusters };
}

/** The clusters of {@link kubestellarFleet}: its WDS, its ITS and two WECs. */
export const kubestellarClusters = () => [
  clusterStatus('wds1', { role: 'wds' }),
  clusterStatus('its1', { role: 'its', source: 'its' }),
  clusterStatus('cluster1', { source: 'its' }),
  clusterStatus('cluster2', { source: 'its' }),
];

/** The fleet socket's snapshot of {@link kubestellarFleet}, with `extra` objects. */
export function kubestellarSnapshot(extra: SlimResource[] = []) {
  const { web, settings, policy, binding, delivered, managedClusters } =
    kubestellarFleet();
  const namespace = slimResource('Namespace', 'shop', {
    cluster: 'wds1',
    namespace: undefined,
    uid: 'wds-ns-shop',
    labels: { team: 'shop' },
  });
  return clustersSnapshot(
    kubestellarClusters(),
    [],
    [
      web,
      settings,
      policy,
      binding,
      namespace,
      delivered,
      ...managedClusters,
      ...extra,
    ],
  );
}
