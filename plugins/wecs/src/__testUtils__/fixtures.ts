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

/** A connected kubeconfig cluster named `name`, with what `overrides` changes. */
export const clusterStatus = (
  name: string,
  overrides: Partial<ClusterStatus> = {},
): ClusterStatus => ({
  name,
  source: 'kubeconfig',
  role: 'wec',
  context: name,
  server: `https://${name}.example:6443`,
  state: 'connected',
  since: '2026-11-26T10:00:00Z',
  counts: { total: 0, byKind: {}, byNamespace: {} },
  ...overrides,
});

/** The fleet socket's first answer: these clusters, no resources. */
export const clustersSnapshot = (
  clusters: ClusterStatus[],
  errors: string[] = [],
  resources: SlimResource[] = [],
): FleetServerMessage => ({
  type: 'snapshot',
  epoch: 'e1',
  seq: 1,
  clusters,
  resources,
  errors,
});
