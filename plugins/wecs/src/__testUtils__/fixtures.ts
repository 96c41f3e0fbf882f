import {
  ClusterStatus,
  FleetServerMessage,
} from '@kubestellar/plugin-wecs-common';

/** A connected kubeconfig cluster named `name`, with what `overrides` changes. */
export const clusterStatus = (
  name: string,
  overrides: Partial<ClusterStatus> = {},
): ClusterStatus => ({
  name,
  source: 'kubeconfig',
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
): FleetServerMessage => ({
  type: 'snapshot',
  epoch: 'e1',
  seq: 1,
  clusters,
  resources: [],
  errors,
});
