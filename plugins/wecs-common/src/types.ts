import type { LiveTransport } from './protocol';
import { ClusterStatus, SlimResource } from './resources';

/**
 * The answer of `GET /api/wecs/health`.
 *
 * @public
 */
export interface WecsHealth {
  status: 'ok';
  /** Seconds since the backend plugin started. */
  uptimeSeconds: number;
  /** How this backend serves live updates, best first. */
  transports: LiveTransport[];
}

/**
 * The answer of `GET /api/wecs/clusters`.
 *
 * @public
 */
export interface WecsClusterList {
  items: ClusterStatus[];
  /**
   * Problems of the configured sources as of now, e.g. an unreadable kubeconfig (the last good
   * one stays in use) or an ITS that cannot be reached (retried with back-off).
   */
  errors: string[];
}

/**
 * What `POST /api/wecs/clusters/:name/:action` does to a ManagedCluster on the ITS. `accept`:
 * the hub accepts a pending cluster (`spec.hubAcceptsClient: true`) and approves its pending
 * certificate signing requests, as `clusteradm accept` does. `detach`: the hub stops accepting
 * a joined cluster (`spec.hubAcceptsClient: false`); its watches stop, and `accept` brings it
 * back.
 *
 * @public
 */
export type ClusterMembershipAction = 'accept' | 'detach';

/**
 * The answer of `POST /api/wecs/clusters/:name/:action`.
 *
 * @public
 */
export interface WecsClusterActionResult {
  cluster: string;
  action: ClusterMembershipAction;
  /** What was done, for a notice: `Accepted cluster4 and approved 1 certificate signing request`. */
  message: string;
}

/**
 * How one cluster's refresh went: every watched type listed again from its API server and the
 * store put right in place (objects gone removed, changed ones updated).
 *
 * @public
 */
export interface ClusterRefreshResult {
  cluster: string;
  /** Types listed again. */
  types: number;
  /** LIST requests sent (a long list takes several pages). */
  lists: number;
  /** When it ended, ISO 8601. */
  at: string;
  /** Why some types could not be listed (the API server down or refusing), when they could not. */
  error?: string;
}

/**
 * The answer of `POST /api/wecs/refresh` and `POST /api/wecs/clusters/:name/refresh`.
 *
 * @public
 */
export interface WecsRefreshResult {
  items: ClusterRefreshResult[];
}

/**
 * The answer of `GET /api/wecs/:cluster/resources` and `GET /api/wecs/resources`: one page of
 * the objects the query selects, by cluster, namespace, kind and name. Pages are asked for as
 * from the Kubernetes API: `?limit=` (default and most 500) and `?continue=` with the token of
 * the page before.
 *
 * @public
 */
export interface WecsResourceList {
  items: SlimResource[];
  metadata: {
    /** Opaque; pass it back for the next page. Unset on the last page. */
    continue?: string;
    /** How many objects follow this page. */
    remainingItemCount?: number;
  };
}

/**
 * An event as the Events tab shows it.
 *
 * @public
 */
export interface EventSummary {
  type: string;
  reason: string;
  message: string;
  count: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
  source?: string;
  involvedObject: {
    kind?: string;
    name?: string;
    namespace?: string;
    uid?: string;
    fieldPath?: string;
  };
}

/**
 * The answer of `GET /api/wecs/:cluster/events`, newest first.
 *
 * @public
 */
export interface WecsEventList {
  items: EventSummary[];
  /**
   * With `include=owned`: whose events are among the items besides the object's own. Only
   * the first `queried` of the `total` objects it owns are read (failing ones first, then the
   * newest), so that a workload of thousands of pods costs a bounded number of reads.
   */
  owned?: { queried: number; total: number };
}

/**
 * A resource type a cluster serves and lets WECS list.
 *
 * @public
 */
export interface ServedType {
  apiVersion: string;
  kind: string;
  /** The plural name in API paths, e.g. `serviceaccounts`. */
  resource: string;
  namespaced: boolean;
  /** Whether the backend watches it, so its objects are in the live fleet. */
  watched: boolean;
}

/**
 * The answer of `GET /api/wecs/:cluster/types`.
 *
 * @public
 */
export interface WecsTypeList {
  items: ServedType[];
}

/**
 * The answer of `GET /api/wecs/:cluster/objects?kind=`: one list read from the cluster when
 * asked, for kinds the backend does not watch. It is a snapshot, not a live view.
 *
 * @public
 */
export interface WecsObjectList {
  items: SlimResource[];
  /** When the cluster answered. */
  listedAt: string;
  /** More objects exist than one list returns; `items` holds the first of them. */
  truncated: boolean;
}
