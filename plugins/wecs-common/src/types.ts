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
  /** Problems met while reading the configured sources, e.g. an unreadable kubeconfig. */
  errors: string[];
}

/**
 * The answer of `GET /api/wecs/:cluster/resources` and `GET /api/wecs/resources`.
 *
 * @public
 */
export interface WecsResourceList {
  items: SlimResource[];
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
