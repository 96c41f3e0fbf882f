import {
  LogServerMessage,
  LogSource,
  WECS_SOCKET_PROTOCOL,
} from '@kubestellar/plugin-wecs-common';
import type { SocketLike } from './ReconnectingSocket';

/**
 * Which log a LogStream follows: one container or every container of a pod, or the main
 * containers of every pod of a workload (Deployment, StatefulSet, Job, ...).
 *
 * @public
 */
export interface LogQuery {
  cluster: string;
  namespace: string;
  pod?: string;
  workload?: { kind: string; name: string };
  /** Unset: every container of the pod, init and sidecars included. */
  container?: string;
  /** Lines from the end to start with; unset for the whole log. */
  tailLines?: number;
  follow: boolean;
  timestamps: boolean;
  /** The log of the container's previous run (after a restart). */
  previous: boolean;
}

/** @public */
export interface LogLine extends LogSource {
  text: string;
}

/**
 * What a LogStream reports as it goes.
 *
 * @public
 */
export interface LogStreamHandlers {
  onSources(sources: LogSource[]): void;
  onLines(lines: LogLine[]): void;
  onSourceEnded(source: LogSource, error?: string): void;
  /** The stream is over: every source ended, the server refused, or the connection dropped. */
  onEnd(error?: string): void;
}

export interface LogStreamOptions {
  /** The log socket's ws(s):// URL, without query. */
  url: () => Promise<string>;
  token: () => Promise<string | undefined>;
  openSocket?: (url: string, protocols: string[]) => SocketLike;
}

export function logSocketQuery(query: LogQuery) {
  const params = new URLSearchParams({
    cluster: query.cluster,
    namespace: query.namespace,
    follow: String(query.follow),
    timestamps: String(query.timestamps),
    previous: String(query.previous),
  });
  if (query.workload) {
    params.set('workloadKind', query.workload.kind);
    params.set('workloadName', query.workload.name);
  } else {
    params.set('pod', query.pod ?? '');
  }
  if (query.container) params.set('container', query.container);
  else if (!query.workload) params.set('allContainers', 'true');
  if (query.tailLines !== undefined)
    params.set('tailLines', String(query.tailLines));
  return params;
}

/**
 * One log request over the backend's log socket. Unlike the fleet, a log is not resumed after a
 * dropped connection: the user reloads it, since resuming could repeat or skip lines.
 * Returns a function that closes the stream.
 */
export function openLogStream(
  options: LogStreamOptions,
  query: LogQuery,
  handlers: LogStreamHandlers,
): () => void {
  let closed = false;
  let ended = false;
  let socket: SocketLike | undefined;
  const end = (error?: string) => {
    if (ended) return;
    ended = true;
    handlers.onEnd(error);
  };
  const openSocket =
    options.openSocket ??
    ((url, protocols) =>
      new WebSocket(url, protocols) as unknown as SocketLike);
  Promise.all([options.url(), options.token()])
    .then(([url, token]) => {
      if (closed) return;
      socket = openSocket(`${url}?${logSocketQuery(query)}`, [
        WECS_SOCKET_PROTOCOL,
        ...(token ? [token] : []),
      ]);
      socket.onmessage = event => {
        const message = JSON.parse(String(event.data)) as LogServerMessage;
        switch (message.type) {
          case 'sources':
            handlers.onSources(message.sources);
            break;
          case 'lines':
            handlers.onLines(message.lines);
            break;
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
      socket.onerror = () => {};
      socket.onclose = event => {
        if (closed) return;
        end(
          event.code === 1000
            ? undefined
            : event.reason || 'the connection to the backend was lost',
        );
      };
    })
    .catch(error => end(String(error)));
  return () => {
    closed = true;
    socket?.close(1000, 'closed by the page');
  };
}
