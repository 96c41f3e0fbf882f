export { ManagedClustersPage } from './ManagedClustersPage';
