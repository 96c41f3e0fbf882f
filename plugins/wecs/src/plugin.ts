import {
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
} from '@backstage/core-plugin-api';
import { wecsApiFactory } from './apis';
import { WECS_PAGES, WecsPageDefinition } from './pages';
import { wecsRoutes } from './routes';

/** @public */
export const wecsPlugin = createPlugin({
  id: 'wecs',
  apis: [wecsApiFactory],
  routes: wecsRoutes,
});

const routablePage = (page: WecsPageDefinition) =>
  wecsPlugin.provide(
    createRoutableExtension({
      name: page.name,
      component: page.load,
      mountPoint: page.routeRef,
    }),
  );

/**
 * The "Deployed Workloads" page: every workload in every remote cluster.
 *
 * @public
 */
export const DeployedWorkloadsPage = routablePage(WECS_PAGES.deployedWorkloads);

/**
 * Infrastructure \> Managed Clusters: every ManagedCluster of the ITS with its state, labels,
 * version and capacity, live.
 *
 * @public
 */
export const ManagedClustersPage = routablePage(WECS_PAGES.managedClusters);

/**
 * Staged Workloads: the namespaces and objects of a WDS, with the binding policies that bind each one.
 *
 * @public
 */
export const StagedWorkloadsPage = routablePage(WECS_PAGES.stagedWorkloads);

/**
 * Manage Workloads: the workloads binding policies manage, with their health in each target cluster, in grid, list or tree form, and Create Workload.
 *
 * @public
 */
export const ManageWorkloadsPage = routablePage(WECS_PAGES.manageWorkloads);

/**
 * Binding Policies: each policy's cluster selectors and downsync rules, what its Binding places where, and where each workload should be against where it is.
 *
 * @public
 */
export const BindingPoliciesPage = routablePage(WECS_PAGES.bindingPolicies);

/**
 * Object Explorer: every kind in every namespace of every cluster, searchable, with details, YAML editing and logs.
 *
 * @public
 */
export const ObjectExplorerPage = routablePage(WECS_PAGES.objectExplorer);

/**
 * The WECS tab of an entity page: the entity's workloads in every remote cluster.
 *
 * @public
 */
export const EntityWecsContent = wecsPlugin.provide(
  createComponentExtension({
    name: 'EntityWecsContent',
    component: {
      lazy: () => import('./entity').then(m => m.EntityWecsContent),
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
      lazy: () => import('./entity').then(m => m.EntityWecsCard),
    },
  }),
);
