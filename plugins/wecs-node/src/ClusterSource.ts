import { ClusterAccess, ClusterRole } from '@kubestellar/plugin-wecs-common';
import { ClusterClient } from './ClusterClient';

/**
 * Who a cluster is, as its source names it.
 *
 * @public
 */
export interface ClusterIdentity {
  /** The name the fleet knows it by: unique across all sources. */
  name: string;
  /** The source's short name: `kubeconfig`, `its`, or an adopter's own. */
  source: string;
  /** Unset: a workload execution cluster. */
  role?: ClusterRole;
  /** The kubeconfig context (or the ITS context, for cluster-proxy access) that reaches it. */
  context: string;
  /** Unset: `direct`. */
  access?: ClusterAccess;
  labels?: Record<string, string>;
}

/**
 * A cluster a source found: who it is, and the client that reaches its API server.
 *
 * @public
 */
export interface DiscoveredCluster {
  identity: ClusterIdentity;
  client: ClusterClient;
}

/**
 * A cluster its source knows but that cannot be watched yet (the hub has not accepted it, or it
 * has not joined), with the reason and what would join it.
 *
 * @public
 */
export interface PendingCluster {
  identity: ClusterIdentity;
  reason: string;
}

/**
 * Everything a source knows right now. Each report replaces the previous one: a cluster absent
 * from it has left the fleet.
 *
 * @public
 */
export interface ClusterMembership {
  clusters: DiscoveredCluster[];
  pending?: PendingCluster[];
  /** The source's problems as of now; an empty list clears earlier ones. */
  errors: string[];
}

/**
 * Where the fleet's clusters come from: a kubeconfig file, KubeStellar's ITS, an adopter's own
 * inventory. A source is live: it reports its whole membership when started and again each time
 * anything changes (a cluster joins, leaves, is relabelled, or its credentials rotate). It never
 * throws: problems go into the membership's `errors`, and a source that cannot reach its
 * inventory keeps reporting the clusters it last knew while it retries.
 *
 * @public
 */
export interface ClusterSource {
  /** Names the source in messages, e.g. `the ITS (its1)`. */
  readonly description: string;
  /** Starts following the inventory; `report` receives every membership from now on. */
  start(report: (membership: ClusterMembership) => void): void;
  stop(): void;
  /**
   * Where the object that stands for cluster `name` lives, when the source has one (the ITS's
   * ManagedCluster); a kubeconfig context has none.
   */
  clusterObject?(name: string): ClusterObjectLocation | undefined;
}

/**
 * A cluster's own object: the API server that holds it and its path there.
 *
 * @public
 */
export interface ClusterObjectLocation {
  client: ClusterClient;
  path: string;
  /** Says where it is, for messages: `the ITS (its1)`. */
  holder: string;
}
