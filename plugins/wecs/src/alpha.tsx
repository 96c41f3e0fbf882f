/**
 * The WECS plugin for Backstage's new frontend system: the Deployed Workloads page, the WECS
 * entity tab and the workloads card, with the same API client as the legacy exports.
 *
 * @packageDocumentation
 */
import {
  compatWrapper,
  convertLegacyRouteRef,
  convertLegacyRouteRefs,
} from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  identityApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { WecsClient, wecsApiRef } from './api';
import { isWecsAvailable } from './entity';
import {
  bindingPoliciesRouteRef,
  manageWorkloadsRouteRef,
  managedClustersRouteRef,
  objectExplorerRouteRef,
  rootRouteRef,
  stagedWorkloadsRouteRef,
} from './routes';

/** @alpha */
export const wecsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: wecsApiRef,
      deps: {
        discoveryApi: discoveryApiRef,
        fetchApi: fetchApiRef,
        identityApi: identityApiRef,
      },
      factory: deps => new WecsClient(deps),
    }),
});

/** @alpha */
export const wecsPage = PageBlueprint.make({
  params: {
    path: '/wecs',
    title: 'Deployed Workloads',
    // The page brings its own header, with the live status in it.
    noHeader: true,
    routeRef: convertLegacyRouteRef(rootRouteRef),
    loader: () =>
      import('./components/WecsPage').then(m => compatWrapper(<m.WecsPage />)),
  },
});

/** @alpha */
export const managedClustersPage = PageBlueprint.make({
  name: 'managed-clusters',
  params: {
    path: '/managed-clusters',
    title: 'Managed Clusters',
    noHeader: true,
    routeRef: convertLegacyRouteRef(managedClustersRouteRef),
    loader: () =>
      import('./components/ManagedClusters').then(m =>
        compatWrapper(<m.ManagedClustersPage />),
      ),
  },
});

/** @alpha */
export const stagedWorkloadsPage = PageBlueprint.make({
  name: 'staged-workloads',
  params: {
    path: '/staged-workloads',
    title: 'Staged Workloads',
    noHeader: true,
    routeRef: convertLegacyRouteRef(stagedWorkloadsRouteRef),
    loader: () =>
      import('./components/StagedWorkloads').then(m =>
        compatWrapper(<m.StagedWorkloadsPage />),
      ),
  },
});

/** @alpha */
export const manageWorkloadsPage = PageBlueprint.make({
  name: 'manage-workloads',
  params: {
    path: '/manage-workloads',
    title: 'Manage Workloads',
    noHeader: true,
    routeRef: convertLegacyRouteRef(manageWorkloadsRouteRef),
    loader: () =>
      import('./components/ManageWorkloads').then(m =>
        compatWrapper(<m.ManageWorkloadsPage />),
      ),
  },
});

/** @alpha */
export const bindingPoliciesPage = PageBlueprint.make({
  name: 'binding-policies',
  params: {
    path: '/binding-policies',
    title: 'Binding Policies',
    noHeader: true,
    routeRef: convertLegacyRouteRef(bindingPoliciesRouteRef),
    loader: () =>
      import('./components/BindingPolicies').then(m =>
        compatWrapper(<m.BindingPoliciesPage />),
      ),
  },
});

/** @alpha */
export const objectExplorerPage = PageBlueprint.make({
  name: 'object-explorer',
  params: {
    path: '/object-explorer',
    title: 'Object Explorer',
    noHeader: true,
    routeRef: convertLegacyRouteRef(objectExplorerRouteRef),
    loader: () =>
      import('./components/ObjectExplorer').then(m =>
        compatWrapper(<m.ObjectExplorerPage />),
      ),
  },
});

/** @alpha */
export const entityWecsContent = EntityContentBlueprint.make({
  name: 'wecs',
  params: {
    path: '/wecs',
    title: 'WECS',
    group: 'deployment',
    filter: isWecsAvailable,
    loader: () =>
      import('./components/EntityWecsContent').then(m =>
        compatWrapper(<m.EntityWecsContent />),
      ),
  },
});

/** @alpha */
export const entityWecsCard = EntityCardBlueprint.make({
  name: 'workloads',
  params: {
    filter: isWecsAvailable,
    loader: () =>
      import('./components/EntityWorkloads').then(m =>
        compatWrapper(<m.EntityWecsCard />),
      ),
  },
});

/** @alpha */
export default createFrontendPlugin({
  pluginId: 'wecs',
  extensions: [
    wecsApi,
    wecsPage,
    managedClustersPage,
    stagedWorkloadsPage,
    manageWorkloadsPage,
    bindingPoliciesPage,
    objectExplorerPage,
    entityWecsContent,
    entityWecsCard,
  ],
  routes: convertLegacyRouteRefs({
    root: rootRouteRef,
    managedClusters: managedClustersRouteRef,
    stagedWorkloads: stagedWorkloadsRouteRef,
    manageWorkloads: manageWorkloadsRouteRef,
    bindingPolicies: bindingPoliciesRouteRef,
    objectExplorer: objectExplorerRouteRef,
  }),
});
