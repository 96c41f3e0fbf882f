import {
  ClusterRole,
  ClusterStatus,
  SlimResource,
  StatusPhase,
} from './resources';
import type {
  FleetFoundMessage,
  FleetNoticeMessage,
  FleetRowsMessage,
  FleetSearchMessage,
  FleetViewsMessage,
  FleetWindowMessage,
} from './views';

/**
 * The application protocol both sockets speak, offered beside the Backstage token.
 *
 * @public
 */
export const WECS_SOCKET_PROTOCOL = 'wecs.v1';

/**
 * Why the backend closed a socket, beside the reason text (which names the limit and what to
 * do). The 44xx codes are numbered after the HTTP status a request would get (a streamed
 * response refused with 429 closes its socket-like client with 4429 too). Each is a refusal:
 * the client shows the reason and does not fall back to another transport for it.
 * - `tooMany` (4429): a limit per user or per socket was reached: fleet sockets or log streams
 *   open for the user, or messages a second on this socket.
 * - `tooSlow` (4413): the client stopped reading; more than the limit of bytes waited for it.
 * - `policy` (1008): a message the backend will not serve on this socket.
 * - `withdrawn` (4403): the user no longer holds the permission the socket needs (checked
 *   again while it is open).
 *
 * @public
 */
export const SOCKET_CLOSE_CODES = {
  tooMany: 4429,
  tooSlow: 4413,
  policy: 1008,
  withdrawn: 4403,
} as const;

/**
 * The close code of a socket whose sign-in expired while it was open: not a refusal, the
 * client reconnects at once with a fresh token and resumes where it was.
 *
 * @public
 */
export const SIGN_IN_EXPIRED_CLOSE_CODE = 4401;

/**
 * Whether a socket's close code says the backend refused it (a limit, a policy), rather than
 * that the connection was lost: a refusal is shown as it is, and trying another transport
 * would not help.
 *
 * @public
 */
export function isRefusalCloseCode(code: number): boolean {
  return (Object.values(SOCKET_CLOSE_CODES) as number[]).includes(code);
}

/**
 * Socket paths under the plugin's base URL (`/api/wecs`).
 *
 * @public
 */
export const FLEET_SOCKET_PATH = '/fleet';
/** @public */
export const LOGS_SOCKET_PATH = '/logs';

/**
 * How a browser can follow the fleet live. `websocket`: the sockets above. `http-stream`: the
 * same messages as Server-Sent Events on ordinary routes, for backends without WebSocket
 * routes and networks that block WebSockets.
 *
 * @public
 */
export type LiveTransport = 'websocket' | 'http-stream';

/**
 * `POST` a subscribe message (`FleetClientMessage`) here: the answer is a `text/event-stream`
 * whose events each carry one `FleetServerMessage` as JSON, as the fleet socket sends them. A
 * new subscription is a new request.
 *
 * @public
 */
export const FLEET_STREAM_PATH = '/fleet/stream';

/**
 * `POST` a subscribe message here: the answer is one `snapshot` message, as JSON. For clients
 * that can only poll.
 *
 * @public
 */
export const FLEET_SNAPSHOT_PATH = '/fleet/snapshot';

/**
 * `GET` with the log socket's query: a `text/event-stream` of `LogServerMessage`s.
 *
 * @public
 */
export const LOGS_STREAM_PATH = '/logs/stream';

/**
 * What a fleet subscription wants to see; empty lists mean everything.
 *
 * @public
 */
export interface FleetFilters {
  clusters?: string[];
  /** The roles of the clusters wanted; unset means the workload execution clusters only. */
  roles?: ClusterRole[];
  kinds?: string[];
  namespaces?: string[];
  phases?: StatusPhase[];
  /** Case-insensitive substring of the object name. */
  name?: string;
  /** Exact label matches, e.g. a service's `backstage.io/kubernetes-id`. */
  labels?: Record<string, string>;
  /**
   * A Kubernetes label selector in its full syntax: `app=web,tier!=cache`,
   * `env in (prod,staging)`, `release notin (canary)`, `team`, `!experimental`.
   */
  labelSelector?: string;
  /** Only the objects KubeStellar delivered to their WEC, through any binding policy. */
  delivered?: boolean;
  /** Only the objects KubeStellar delivered through one of these binding policies. */
  policies?: string[];
}

/**
 * Where a client left off: the backend instance (epoch) and the last sequence it applied.
 *
 * @public
 */
export interface FleetPosition {
  epoch: string;
  seq: number;
}

/** @public */
export type FleetClientMessage =
  | { type: 'subscribe'; filters?: FleetFilters; resume?: FleetPosition }
  | FleetViewsMessage
  | FleetSearchMessage
  | { type: 'ping' };

/** @public */
export type ResourceDelta =
  | { op: 'upsert'; resource: SlimResource }
  | { op: 'delete'; cluster: string; uid: string };

/** @public */
export type FleetServerMessage =
  /** Everything matching the filters, replacing what the client had. */
  | {
      type: 'snapshot';
      epoch: string;
      seq: number;
      clusters: ClusterStatus[];
      resources: SlimResource[];
      errors: string[];
    }
  /** Changes since the previous message, in order; cluster entries replace earlier ones. */
  | {
      type: 'deltas';
      epoch: string;
      seq: number;
      changes: ResourceDelta[];
      clusters: ClusterStatus[];
      /**
       * Clusters that left the fleet (their ManagedCluster was deleted or is no longer
       * accepted, their context was removed): their objects were deleted by earlier changes.
       */
      removedClusters?: string[];
      /** The sources' problems, when they changed: replaces the snapshot's `errors`. */
      errors?: string[];
    }
  | FleetWindowMessage
  | FleetRowsMessage
  | FleetNoticeMessage
  | FleetFoundMessage
  /** Sent when nothing else is, so the client knows the stream is alive and current. */
  | { type: 'heartbeat'; epoch: string; seq: number; at: string }
  /**
   * A message the backend refused, and why; `view` names the view it was about, `search` the
   * search.
   */
  | { type: 'error'; message: string; view?: string; search?: string };

/**
 * One container log that a log socket follows.
 *
 * @public
 */
export interface LogSource {
  pod: string;
  container: string;
}

/**
 * One log line on the wire: its source, its timestamp when known, and its text.
 *
 * @public
 */
export interface LogLineMessage extends LogSource {
  time?: string;
  text: string;
}

/** @public */
export type LogServerMessage =
  /**
   * The containers this socket streams, before any line, and again, whole, when the set grows
   * (a workload's stream that follows takes in the pods created after it opened).
   */
  | { type: 'sources'; sources: LogSource[] }
  /**
   * New lines, in arrival order, each tagged with its source and, when the API server gave it,
   * the line's timestamp (RFC 3339 with nanoseconds), which resuming streams use.
   */
  | { type: 'lines'; lines: LogLineMessage[] }
  /** A source ended (container stopped, or no follow) or failed, with the reason. */
  | { type: 'source-ended'; source: LogSource; error?: string }
  /** Every source has ended. */
  | { type: 'end' }
  | { type: 'error'; message: string };
