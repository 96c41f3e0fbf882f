import { createApiRef } from '@backstage/core-plugin-api';
import {
  ClusterRole,
  FleetSearchQuery,
  WecsClusterActionResult,
  WecsClusterList,
  WecsEventList,
  WecsHealth,
  WecsObjectList,
  WecsRefreshResult,
  WecsSearchResult,
  WecsTypeList,
} from '@kubestellar/plugin-wecs-common';
import type { FleetConnection } from './FleetConnection';
import type { FleetViewConnection } from './FleetViewConnection';
import type { LogQuery, LogStreamHandlers } from './LogStream';

// Where the plugin's API names it; the common package defines it for the socket as well.
export type { FleetSearchQuery };

/**
 * One object of one cluster; `namespace` unset for cluster-scoped kinds.
 *
 * @public
 */
export interface ObjectRef {
  cluster: string;
  namespace?: string;
  kind: string;
  name: string;
  uid?: string;
  /** Picks the group version when several serve the kind. */
  apiVersion?: string;
}

/**
 * Which objects to list from a cluster when asked (for kinds the backend does not watch).
 *
 * @public
 */
export interface ListQuery {
  kind: string;
  apiVersion?: string;
  namespace?: string;
}

/** @public */
export type PropagationPolicy = 'Foreground' | 'Background' | 'Orphan';

/**
 * The browser's access to the WECS backend plugin.
 *
 * @public
 */
export interface WecsApi {
  getHealth(): Promise<WecsHealth>;
  getClusters(): Promise<WecsClusterList>;
  /** The full object, read fresh from its cluster (managedFields left out). */
  getObject(ref: ObjectRef): Promise<Record<string, any>>;
  /**
   * Replaces the object with `object` (a PUT): the API server refuses it with 409 when its
   * resourceVersion is no longer current, and with 422 when it is invalid.
   */
  replaceObject(
    ref: ObjectRef,
    object: Record<string, any>,
  ): Promise<Record<string, any>>;
  /**
   * Creates `object` in `cluster` (a POST): the API server refuses it with 409 when it exists
   * and with 422 when it is invalid.
   */
  createObject(
    cluster: string,
    object: Record<string, any>,
  ): Promise<Record<string, any>>;
  /** The object that stands for a cluster: its ManagedCluster in the ITS. */
  getClusterObject(cluster: string): Promise<Record<string, any>>;
  replaceClusterObject(
    cluster: string,
    object: Record<string, any>,
  ): Promise<Record<string, any>>;
  deleteObject(
    ref: ObjectRef,
    options?: { propagationPolicy?: PropagationPolicy },
  ): Promise<void>;
  /** Streams a pod's log; returns the function that stops it. */
  streamLogs(query: LogQuery, handlers: LogStreamHandlers): () => void;
  /** Every type the cluster lets WECS list, and whether the backend watches it. */
  getTypes(cluster: string): Promise<WecsTypeList>;
  /** One list of a kind read from the cluster now: a snapshot, not live. */
  listObjects(cluster: string, query: ListQuery): Promise<WecsObjectList>;
  /**
   * The object's events, newest first; with `includeOwned` (and the ref's uid), those of the
   * objects it owns too (a workload's ReplicaSets, Jobs and Pods), for a bounded number of
   * them that the answer's `owned` states.
   */
  getEvents(
    ref: ObjectRef,
    options?: { includeOwned?: boolean },
  ): Promise<WecsEventList>;
  /** Asks the backend to retry a disconnected cluster now instead of after its back-off. */
  reconnectCluster(name: string): Promise<void>;
  /**
   * Has the backend list every watched type again from the API servers of one cluster, or of
   * every cluster of the given roles (all when none are given), and put its store right; resolves
   * once it has, with what was listed and what failed. The live views then show the changes.
   */
  refreshClusters(options?: {
    cluster?: string;
    roles?: ClusterRole[];
  }): Promise<WecsRefreshResult>;
  /**
   * Has the hub accept a pending cluster (`spec.hubAcceptsClient: true`) and approve its
   * pending certificate signing requests, as `clusteradm accept` does. Rejects with the
   * backend's ResponseError: 403 without `wecs.clusters.manage`, 404 for an unknown cluster,
   * 409 when the cluster has already joined.
   */
  acceptCluster(name: string): Promise<WecsClusterActionResult>;
  /**
   * Has the hub stop accepting a joined cluster (`spec.hubAcceptsClient: false`): its watches
   * stop and KubeStellar stops delivering to it; `acceptCluster` brings it back. Rejects as
   * `acceptCluster` does, with 409 when the cluster is pending.
   */
  detachCluster(name: string): Promise<WecsClusterActionResult>;
  /**
   * The objects a search finds, in tree order, each with its way down the tree. Rejects with
   * the backend's ResponseError, 400 for a selector it cannot parse.
   */
  searchFleet(query: FleetSearchQuery): Promise<WecsSearchResult>;
  /** A new live subscription to the fleet socket, closed by its user. */
  connectFleet(): FleetConnection;
  /** A new connection to the fleet socket's views, closed by its user. */
  connectFleetViews(): FleetViewConnection;
}

/** @public */
export const wecsApiRef = createApiRef<WecsApi>({ id: 'plugin.wecs.service' });
