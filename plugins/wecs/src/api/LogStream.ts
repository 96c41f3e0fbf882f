import {
  isRefusalCloseCode,
  LogCursor,
  LogLineMessage,
  LogServerMessage,
  LogSource,
  WECS_SOCKET_PROTOCOL,
} from '@kubestellar/plugin-wecs-common';
import type { SocketLike } from './ReconnectingSocket';

/**
 * Which log a LogStream follows: one container or every container of a pod, or of every pod of
 * a workload (Deployment, StatefulSet, DaemonSet, Job, ...), init and sidecar containers
 * included. Lines always come with their timestamps (`LogLine.time`); showing them is the
 * view's business.
 *
 * @public
 */
export interface LogQuery {
  cluster: string;
  namespace: string;
  pod?: string;
  workload?: { kind: string; name: string };
  /** Unset: every container, init and sidecars included. */
  container?: string;
  /** Lines from the end to start with; unset for the whole log. */
  tailLines?: number;
  /** Lines from this time on (RFC 3339; read to the second), instead of a tail. */
  sinceTime?: string;
  follow: boolean;
  /** The log of the container's previous run (after a restart). */
  previous: boolean;
}

/**
 * One line of a log: its pod and container, its timestamp (RFC 3339 with nanoseconds) when the
 * API server gave one, and its text.
 *
 * @public
 */
export type LogLine = LogLineMessage;

/**
 * What a LogStream reports as it goes.
 *
 * @public
 */
export interface LogStreamHandlers {
  /** The containers streamed; again, whole, when a workload's new pods join. */
  onSources(sources: LogSource[]): void;
  onLines(lines: LogLine[]): void;
  onSourceEnded(source: LogSource, error?: string): void;
  /** The stream is over: every source ended, or the server refused. */
  onEnd(error?: string): void;
  /**
   * The connection to the backend dropped and is being made again (`reason` says why), or, with
   * no reason, it is back and the stream goes on where it left off.
   */
  onReconnecting?(reason?: string): void;
}

export interface LogStreamOptions {
  /** The log socket's ws(s):// URL, without query. */
  url: () => Promise<string>;
  token: () => Promise<string | undefined>;
  openSocket?: (url: string, protocols: string[]) => SocketLike;
  backoff?: { initialMs: number; maxMs: number };
  random?: () => number;
}

export function logSocketQuery(query: LogQuery) {
  const params = new URLSearchParams({
    cluster: query.cluster,
    namespace: query.namespace,
    follow: String(query.follow),
    previous: String(query.previous),
  });
  if (query.workload) {
    params.set('workloadKind', query.workload.kind);
    params.set('workloadName', query.workload.name);
  } else {
    params.set('pod', query.pod ?? '');
  }
  if (query.container) params.set('container', query.container);
  else params.set('allContainers', 'true');
  if (query.sinceTime) params.set('sinceTime', query.sinceTime);
  else if (query.tailLines !== undefined)
    params.set('tailLines', String(query.tailLines));
  return params;
}

const OPEN = 1;

/**
 * One log request over the backend's log socket (or its streamed-response stand-in). When the
 * connection drops before the stream ended, it reconnects with growing, jittered back-off and
 * resumes from each source's last line (`sinceTime`), so that no line is repeated or lost.
 * Returns a function that closes the stream.
 */
export function openLogStream(
  options: LogStreamOptions,
  query: LogQuery,
  handlers: LogStreamHandlers,
): () => void {
  const backoff = options.backoff ?? { initialMs: 500, maxMs: 15_000 };
  const random = options.random ?? Math.random;
  const openSocket =
    options.openSocket ??
    ((url, protocols) =>
      new WebSocket(url, protocols) as unknown as SocketLike);
  const cursor = new LogCursor();
  let closed = false;
  let ended = false;
  let attempt = 0;
  let reconnecting = false;
  let socket: SocketLike | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const end = (error?: string) => {
    if (ended) return;
    ended = true;
    handlers.onEnd(error);
  };

  const retry = (reason: string) => {
    attempt++;
    reconnecting = true;
    handlers.onReconnecting?.(reason);
    const window = Math.min(
      backoff.maxMs,
      backoff.initialMs * 2 ** (attempt - 1),
    );
    retryTimer = setTimeout(connect, window / 2 + (random() * window) / 2);
  };

  const onMessage = (message: LogServerMessage) => {
    if (reconnecting) {
      reconnecting = false;
      attempt = 0;
      handlers.onReconnecting?.();
    }
    switch (message.type) {
      case 'sources':
        handlers.onSources(message.sources);
        break;
      case 'lines': {
        const fresh = message.lines.filter(line =>
          cursor.admit(line, line.time),
        );
        if (fresh.length) handlers.onLines(fresh);
        break;
      }
      case 'source-ended':
        handlers.onSourceEnded(message.source, message.error);
        break;
      case 'end':
        end();
        break;
      case 'error':
        end(message.message);
        break;
      default:
    }
  };

  function connect() {
    // After a drop, from where each source stopped; before any line, as first asked.
    const sinceTime = attempt > 0 ? cursor.resume() : undefined;
    const request: LogQuery = sinceTime ? { ...query, sinceTime } : query;
    Promise.all([options.url(), options.token()])
      .then(([url, token]) => {
        if (closed) return;
        const current = openSocket(`${url}?${logSocketQuery(request)}`, [
          WECS_SOCKET_PROTOCOL,
          ...(token ? [token] : []),
        ]);
        socket = current;
        let opened = false;
        current.onopen = () => {
          opened = true;
        };
        current.onmessage = event => {
          opened = true;
          onMessage(JSON.parse(String(event.data)) as LogServerMessage);
        };
        current.onerror = () => {};
        current.onclose = event => {
          if (closed || ended || socket !== current) return;
          socket = undefined;
          const reason =
            event.reason ||
            (event.code === 1000
              ? 'the backend closed the stream'
              : 'the connection to the backend was lost');
          // A first connection that never opened was refused (permissions), and a socket
          // closed for a limit was too: say so rather than try again.
          if ((!opened && attempt === 0) || isRefusalCloseCode(event.code))
            end(reason);
          else retry(reason);
        };
        if (current.readyState === OPEN) opened = true;
      })
      .catch(error => {
        if (attempt === 0) end(String(error));
        else retry(String(error));
      });
  }

  connect();
  return () => {
    closed = true;
    clearTimeout(retryTimer);
    socket?.close(1000, 'closed by the page');
  };
}
