export { ConfiguredClusters } from './ConfiguredClusters';
export { ClusterSourceErrors } from './ClusterSourceErrors';
export type { ClusterRow } from './ClusterTable';
