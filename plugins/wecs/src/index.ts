/**
 * WECS frontend plugin: remote monitoring of KubeStellar workload execution clusters.
 *
 * @packageDocumentation
 */
export {
  wecsPlugin,
  WecsPage,
  ManagedClustersPage,
  StagedWorkloadsPage,
  ManageWorkloadsPage,
  BindingPoliciesPage,
  ObjectExplorerPage,
  EntityWecsContent,
  EntityWecsCard,
} from './plugin';
export { isWecsAvailable, getEntityWorkloadSelector } from './entity';
export type { EntityWorkloadSelector } from './entity';
export { wecsApiRef, WecsClient } from './api';
export type { WecsApi } from './api';
