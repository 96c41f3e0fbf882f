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
import { managedClustersRouteRef, rootRouteRef } from './routes';

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
