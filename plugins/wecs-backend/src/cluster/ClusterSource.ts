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
  /**
   * Where the object that stands for cluster `name` lives, when the source has one (the ITS's
   * ManagedCluster); a kubeconfig context has none.
   */
  clusterObject?(name: string): ClusterObjectLocation | undefined;
}

/** A cluster's own object: the API server that holds it and its path there. */
export interface ClusterObjectLocation {
  client: ClusterClient;
  path: string;
  /** Says where it is, for messages: `the ITS (its1)`. */
  holder: string;
}
