export { ConfiguredClusters } from './ConfiguredClusters';
