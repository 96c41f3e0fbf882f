import { ClusterStatus } from '@kubestellar/plugin-wecs-common';
import { ClusterClient } from './ClusterClient';

/** Who a cluster is, as its source names it: the name the fleet knows it by, its role, its context. */
export interface ClusterIdentity {
  name: string;
  source: ClusterStatus['source'];
  /** Unset: a workload execution cluster. */
  role?: ClusterStatus['role'];
  context: string;
  labels?: Record<string, string>;
}

/** A cluster a source found: who it is, and the client that reaches its API server. */
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
