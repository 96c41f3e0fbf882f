import { createRouteRef } from '@backstage/core-plugin-api';

export const rootRouteRef = createRouteRef({ id: 'wecs' });

/** Infrastructure > Managed Clusters: the ITS's ManagedClusters. */
export const managedClustersRouteRef = createRouteRef({
  id: 'wecs-managed-clusters',
});
