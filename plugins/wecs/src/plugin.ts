import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
  identityApiRef,
} from '@backstage/core-plugin-api';
import { WecsClient, wecsApiRef } from './api';
import {
  bindingPoliciesRouteRef,
  manageWorkloadsRouteRef,
  managedClustersRouteRef,
  objectExplorerRouteRef,
  rootRouteRef,
  stagedWorkloadsRouteRef,
} from './routes';

/** @public */
export const wecsPlugin = createPlugin({
  id: 'wecs',
  apis: [
    createApiFactory({
      api: wecsApiRef,
      deps: {
        discoveryApi: discoveryApiRef,
        fetchApi: fetchApiRef,
        identityApi: identityApiRef,
      },
      factory: ({ discoveryApi, fetchApi, identityApi }) =>
        new WecsClient({ discoveryApi, fetchApi, identityApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
    managedClusters: managedClustersRouteRef,
    stagedWorkloads: stagedWorkloadsRouteRef,
    manageWorkloads: manageWorkloadsRouteRef,
    bindingPolicies: bindingPoliciesRouteRef,
    objectExplorer: objectExplorerRouteRef,
  },
});

/**
 * The "Deployed Workloads" page: every workload in every remote cluster.
 *
 * @public
 */
export const WecsPage = wecsPlugin.provide(
  createRoutableExtension({
    name: 'WecsPage',
    component: () => import('./components/WecsPage').then(m => m.WecsPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * Infrastructure > Managed Clusters: every ManagedCluster of the ITS with its state, labels,
 * version and capacity, live.
 *
 * @public
 */
export const ManagedClustersPage = wecsPlugin.provide(
  createRoutableExtension({
    name: 'ManagedClustersPage',
    component: () =>
      import('./components/ManagedClusters').then(m => m.ManagedClustersPage),
    mountPoint: managedClustersRouteRef,
  }),
);

/**
 * Staged Workloads: the namespaces and objects of a WDS, with the binding policies that bind each one.
 *
 * @public
 */
export const StagedWorkloadsPage = wecsPlugin.provide(
  createRoutableExtension({
    name: 'StagedWorkloadsPage',
    component: () =>
      import('./components/StagedWorkloads').then(m => m.StagedWorkloadsPage),
    mountPoint: stagedWorkloadsRouteRef,
  }),
);

/**
 * Manage Workloads: the workloads binding policies manage, with their health in each target cluster, in grid, list or tree form, and Create Workload.
 *
 * @public
 */
export const ManageWorkloadsPage = wecsPlugin.provide(
  createRoutableExtension({
    name: 'ManageWorkloadsPage',
    component: () =>
      import('./components/ManageWorkloads').then(m => m.ManageWorkloadsPage),
    mountPoint: manageWorkloadsRouteRef,
  }),
);

/**
 * Binding Policies: each policy's cluster selectors and downsync rules, what its Binding places where, and where each workload should be against where it is.
 *
 * @public
 */
export const BindingPoliciesPage = wecsPlugin.provide(
  createRoutableExtension({
    name: 'BindingPoliciesPage',
    component: () =>
      import('./components/BindingPolicies').then(m => m.BindingPoliciesPage),
    mountPoint: bindingPoliciesRouteRef,
  }),
);

/**
 * Object Explorer: every kind in every namespace of every cluster, searchable, with details, YAML editing and logs.
 *
 * @public
 */
export const ObjectExplorerPage = wecsPlugin.provide(
  createRoutableExtension({
    name: 'ObjectExplorerPage',
    component: () =>
      import('./components/ObjectExplorer').then(m => m.ObjectExplorerPage),
    mountPoint: objectExplorerRouteRef,
  }),
);

/**
 * The WECS tab of an entity page: the entity's workloads in every remote cluster.
 *
 * @public
 */
export const EntityWecsContent = wecsPlugin.provide(
  createComponentExtension({
    name: 'EntityWecsContent',
    component: {
      lazy: () =>
        import('./components/EntityWecsContent').then(m => m.EntityWecsContent),
    },
  }),
);

/**
 * An entity-page card: the entity's workloads in every remote cluster, with their health and
 * links into the tree and their logs.
 *
 * @public
 */
export const EntityWecsCard = wecsPlugin.provide(
  createComponentExtension({
    name: 'EntityWecsCard',
    component: {
      lazy: () =>
        import('./components/EntityWorkloads').then(m => m.EntityWecsCard),
    },
  }),
);
