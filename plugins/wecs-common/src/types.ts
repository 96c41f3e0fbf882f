import { ClusterStatus, SlimResource } from './resources';

/** The answer of `GET /api/wecs/health`. */
export interface WecsHealth {
  status: 'ok';
  /** Seconds since the backend plugin started. */
  uptimeSeconds: number;
}

/** The answer of `GET /api/wecs/clusters`. */
export interface WecsClusterList {
  items: ClusterStatus[];
  /** Problems met while reading the configured sources, e.g. an unreadable kubeconfig. */
  errors: string[];
}

/** The answer of `GET /api/wecs/:cluster/resources` and `GET /api/wecs/resources`. */
export interface WecsResourceList {
  items: SlimResource[];
}

/** An event as the Events tab shows it. */
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

/** The answer of `GET /api/wecs/:cluster/events`, newest first. */
export interface WecsEventList {
  items: EventSummary[];
}
