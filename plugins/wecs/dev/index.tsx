import { createDevApp } from '@backstage/dev-utils';
import { ClusterStatus, SlimResource } from '@kubestellar/plugin-wecs-common';
import { FakeFleet } from '../src/__testUtils__/FakeFleet';
import {
  clusterStatus,
  kubestellarSnapshot,
  pendingClusterStatus,
  slimResource,
} from '../src/__testUtils__/fixtures';
import { wecsApiRef } from '../src/api';
import {
  BindingPoliciesPage,
  DeployedWorkloadsPage,
  ManagedClustersPage,
  ManageWorkloadsPage,
  ObjectExplorerPage,
  StagedWorkloadsPage,
  wecsPlugin,
} from '../src/plugin';
import { WECS_PAGES } from '../src/pages';

// The pages on the fixtures the tests use, with no backend: `npm start` in this folder's
// package. A small KubeStellar fleet plus a failing and a pending pod, to see every status;
// cluster1 refuses Secrets to the backend, cluster2 is reached through the hub, and cluster4
// waits to be accepted. Accept and Detach play the hub's part: the cluster joins (or leaves)
// over a few seconds, as the live data would show it.

/** ManagedCluster `name` in the ITS, in the phase and reason its normalized status gives. */
const managedCluster = (
  name: string,
  phase: 'running' | 'pending',
  reason: string,
): SlimResource =>
  slimResource('ManagedCluster', name, {
    cluster: 'its1',
    apiVersion: 'cluster.open-cluster-management.io/v1',
    namespace: undefined,
    uid: `mc-${name}`,
    resourceVersion: `${phase}-${reason}`,
    labels: { name },
    status: { phase, reason },
  });

const snapshot = kubestellarSnapshot([
  slimResource('Pod', 'web-7d9f-abcde', {
    status: { phase: 'failed', reason: 'CrashLoopBackOff' },
  }),
  slimResource('Pod', 'web-7d9f-fghij', {
    status: { phase: 'pending', reason: 'ContainerCreating' },
  }),
  managedCluster('cluster4', 'pending', 'Not accepted'),
]);
const joined = (name: string, extra: Partial<ClusterStatus> = {}) =>
  clusterStatus(name, { source: 'its', ...extra });
snapshot.clusters = [
  ...snapshot.clusters.filter(c => c.role !== 'wec'),
  joined('cluster1', {
    refused: [
      {
        apiVersion: 'v1',
        kind: 'Secret',
        message:
          'secrets is forbidden: User "system:serviceaccount:wecs:reader" cannot list resource "secrets" in API group "" at the cluster scope',
      },
    ],
  }),
  joined('cluster2', { access: 'cluster-proxy', context: 'its1' }),
  pendingClusterStatus('cluster4'),
];

/** Plays a change of the hub's out over a few seconds, one step after another. */
const play = (steps: Array<() => void>) =>
  steps.forEach((step, index) => setTimeout(step, (index + 1) * 1500));

const fleet: FakeFleet = new FakeFleet(snapshot, {
  acceptCluster: async name => {
    play([
      () =>
        fleet.change({
          upserts: [managedCluster(name, 'pending', 'Not joined')],
          clusters: [
            pendingClusterStatus(
              name,
              `ManagedCluster ${name} is accepted; its agent has not joined yet`,
            ),
          ],
        }),
      () =>
        fleet.change({
          upserts: [managedCluster(name, 'running', 'Active')],
          clusters: [joined(name, { state: 'connecting' })],
        }),
      () => fleet.change({ clusters: [joined(name)] }),
    ]);
    return {
      cluster: name,
      action: 'accept',
      message: `Accepted ${name} and approved 1 certificate signing request`,
    };
  },
  detachCluster: async name => {
    play([
      () =>
        fleet.change({
          upserts: [managedCluster(name, 'pending', 'Not accepted')],
          deletes: fleet.objectsOf(name),
          clusters: [pendingClusterStatus(name)],
        }),
    ]);
    return {
      cluster: name,
      action: 'detach',
      message: `Detached ${name}: the hub no longer accepts it`,
    };
  },
});

const pages = [
  [WECS_PAGES.deployedWorkloads, <DeployedWorkloadsPage />],
  [WECS_PAGES.managedClusters, <ManagedClustersPage />],
  [WECS_PAGES.stagedWorkloads, <StagedWorkloadsPage />],
  [WECS_PAGES.manageWorkloads, <ManageWorkloadsPage />],
  [WECS_PAGES.bindingPolicies, <BindingPoliciesPage />],
  [WECS_PAGES.objectExplorer, <ObjectExplorerPage />],
] as const;

pages
  .reduce(
    (app, [page, element]) =>
      app.addPage({ element, title: page.title, path: page.path }),
    createDevApp()
      .registerPlugin(wecsPlugin)
      .registerApi({ api: wecsApiRef, deps: {}, factory: () => fleet.api }),
  )
  .render();
