/**
 * WECS frontend plugin: remote monitoring of KubeStellar workload execution clusters.
 *
 * @packageDocumentation
 */
export {
  wecsPlugin,
  DeployedWorkloadsPage,
  ManagedClustersPage,
  StagedWorkloadsPage,
  ManageWorkloadsPage,
  BindingPoliciesPage,
  ObjectExplorerPage,
  EntityWecsContent,
  EntityWecsCard,
} from './plugin';
export {
  isWecsAvailable,
  getEntityWorkloadSelector,
} from './lib/entitySelector';
export type { EntityWorkloadSelector } from './lib/entitySelector';
export {
  FleetConnection,
  FleetViewConnection,
  wecsApiRef,
  WecsClient,
} from './api';
export type {
  FleetConnectionOptions,
  FleetSearchQuery,
  FleetView,
  FleetViews,
  FleetWindow,
  LeftCluster,
  ListQuery,
  LiveConnectionStatus,
  LiveState,
  LiveTransportKind,
  LiveTransportState,
  LogLine,
  LogQuery,
  LogStreamHandlers,
  ObjectRef,
  PropagationPolicy,
  SocketLike,
  WantedView,
  WecsApi,
} from './api';
