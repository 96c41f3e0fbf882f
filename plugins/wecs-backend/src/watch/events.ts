import { ClusterStatus } from '@kubestellar/plugin-wecs-common';
import { WatchTarget } from '../cluster/ResourceWatcher';

/**
 * A cluster's status as its watches know it: identity, connection state, last error and the
 * types RBAC refuses. The object counts are the store's to add (`FleetStore.clusterStatus`).
 */
export type ClusterWatchStatus = Omit<ClusterStatus, 'counts'>;

/**
 * What the watch pool learns, in the order it learns it. Objects are as the API server sent
 * them (with kind and apiVersion set), minus those of excluded namespaces; whoever keeps
 * them (the FleetStore) decides their form.
 */
export type WatchEvent =
  /** A complete, fresh list of one type in one cluster: after the first list and every relist. */
  | {
      type: 'typeReplaced';
      cluster: string;
      target: WatchTarget;
      objects: any[];
    }
  /** An object of a watched type was added or changed. */
  | {
      type: 'objectUpserted';
      cluster: string;
      target: WatchTarget;
      object: any;
    }
  /** An object of a watched type was deleted. */
  | { type: 'objectDeleted'; cluster: string; target: WatchTarget; object: any }
  /** A type is no longer watched in a cluster: it went away, or the right to watch it did. */
  | { type: 'typeDropped'; cluster: string; target: WatchTarget }
  /** A cluster's connection state, refusals or identity (labels) changed, or it was added. */
  | { type: 'clusterStatus'; status: ClusterWatchStatus }
  /**
   * A cluster is no longer watched: it left the fleet, or went back to pending (the hub no
   * longer accepts it). Whoever keeps its objects forgets them.
   */
  | { type: 'clusterUnwatched'; cluster: string }
  /** A cluster left the fleet altogether: its source no longer knows it, not even as pending. */
  | { type: 'clusterRemoved'; cluster: string }
  /** The sources' problems changed; `errors` is the whole list as of now. */
  | { type: 'sourceErrors'; errors: string[] };

/**
 * Receives the watch pool's events. The pool knows nothing of who listens: the store follows
 * it (store/followWatchPool), the socket fan-out takes the cluster statuses.
 */
export type WatchListener = (event: WatchEvent) => void;
