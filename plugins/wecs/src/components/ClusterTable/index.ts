export { ConfiguredClusters } from './ConfiguredClusters';
export { ClusterSourceErrors } from './ClusterSourceErrors';
