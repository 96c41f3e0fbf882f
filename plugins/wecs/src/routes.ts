import { createRouteRef } from '@backstage/core-plugin-api';

export const rootRouteRef = createRouteRef({ id: 'wecs' });

/** Infrastructure > Managed Clusters: the ITS's ManagedClusters. */
export const managedClustersRouteRef = createRouteRef({
  id: 'wecs-managed-clusters',
});

/** Staged Workloads: what the WDS holds, by namespace, and the policies that bind it. */
export const stagedWorkloadsRouteRef = createRouteRef({
  id: 'wecs-staged-workloads',
});

/** Manage Workloads: the workloads binding policies manage, with their health per cluster. */
export const manageWorkloadsRouteRef = createRouteRef({
  id: 'wecs-manage-workloads',
});

/** Binding Policies: each policy's rules, what it binds now and where. */
export const bindingPoliciesRouteRef = createRouteRef({
  id: 'wecs-binding-policies',
});

/** Object Explorer: every kind in every namespace of every cluster. */
export const objectExplorerRouteRef = createRouteRef({
  id: 'wecs-object-explorer',
});

/** The plugin's route references by name, as both frontend systems register them. */
export const wecsRoutes = {
  root: rootRouteRef,
  managedClusters: managedClustersRouteRef,
  stagedWorkloads: stagedWorkloadsRouteRef,
  manageWorkloads: manageWorkloadsRouteRef,
  bindingPolicies: bindingPoliciesRouteRef,
  objectExplorer: objectExplorerRouteRef,
};
