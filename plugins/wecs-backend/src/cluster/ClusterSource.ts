import { ClusterIdentity } from '../watch/ClusterWatch';
import { ClusterClient } from './ClusterClient';

export interface DiscoveredCluster {
  identity: ClusterIdentity;
  client: ClusterClient;
}

/** Where the fleet's clusters come from: a kubeconfig, the ITS, ... */
export interface ClusterSource {
  /** The clusters found, and the problems met finding them (never thrown). */
  discover(): Promise<{ clusters: DiscoveredCluster[]; errors: string[] }>;
}
