import {
  FLEET_SNAPSHOT_PATH,
  FLEET_SOCKET_PATH,
  FLEET_STREAM_PATH,
  isRefusalCloseCode,
  LOGS_SOCKET_PATH,
  LOGS_STREAM_PATH,
  WecsHealth,
} from '@kubestellar/plugin-wecs-common';
import type {
  LiveTransportKind,
  LiveTransportState,
  SocketLike,
} from './ReconnectingSocket';
import { FetchFunction, HttpStreamSocket } from './HttpStreamSocket';
import { PollingSocket } from './PollingSocket';

/** How often a polled page asks for a fresh snapshot. */
export const POLL_INTERVAL_MS = 10_000;

/** Attempts that fail before anything arrived, after which the next transport is tried. */
const FAILURES_BEFORE_FALLBACK = 2;

const NO_WEBSOCKET_ROUTES =
  'this backend has no WebSocket routes (@backstage/backend-defaults before 0.19), so updates come as a streamed HTTP response';
const WEBSOCKETS_FAIL =
  'WebSocket connections to the backend fail (a proxy between may block them), so updates come as a streamed HTTP response';
const STREAMS_FAIL =
  'streamed responses from the backend do not get through (a proxy between may buffer them), so the page asks for the fleet every 10 s';

/** A socket that says which transport it is, and tells its owner what happened on it. */
class TransportSocket implements SocketLike {
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;

  constructor(
    private readonly inner: SocketLike,
    readonly transport: LiveTransportState,
    seen: { message: () => void; close: (code: number) => void },
  ) {
    inner.onopen = event => this.onopen?.(event);
    inner.onmessage = event => {
      seen.message();
      this.onmessage?.(event);
    };
    inner.onclose = event => {
      seen.close(event.code);
      this.onclose?.(event);
    };
    inner.onerror = event => this.onerror?.(event);
  }

  get readyState() {
    return this.inner.readyState;
  }

  send(data: string) {
    this.inner.send(data);
  }

  close(code?: number, reason?: string) {
    this.inner.close(code, reason);
  }
}

/**
 * Chooses how the browser follows the backend live, and falls back when that fails:
 * WebSockets where the backend has them (its `/health` says), else Server-Sent Events over
 * ordinary routes; when a transport fails twice before anything arrived while the backend
 * still answers, the next one: WebSocket, then HTTP stream, then polling. Every socket it
 * opens says which transport it is and why, for the page to show.
 */
export class LiveTransports {
  private chosen?: Promise<LiveTransportState>;
  private state: LiveTransportState = { kind: 'websocket' };
  private failures = 0;

  constructor(
    private readonly options: {
      baseUrl: () => Promise<string>;
      fetch: FetchFunction;
      health: () => Promise<WecsHealth>;
      createWebSocket?: (url: string, protocols: string[]) => SocketLike;
      pollIntervalMs?: number;
    },
  ) {}

  /** The fleet's URL for the transport in use; `openFleetSocket` opens it. */
  async fleetUrl(): Promise<string> {
    const { kind } = await this.choose();
    const baseUrl = await this.options.baseUrl();
    if (kind === 'websocket') return webSocketUrl(baseUrl, FLEET_SOCKET_PATH);
    return `${baseUrl}${
      kind === 'http-stream' ? FLEET_STREAM_PATH : FLEET_SNAPSHOT_PATH
    }`;
  }

  /** A log's URL (its query is appended) for the transport in use; logs are never polled. */
  async logsUrl(): Promise<string> {
    const { kind } = await this.choose();
    const baseUrl = await this.options.baseUrl();
    return kind === 'websocket'
      ? webSocketUrl(baseUrl, LOGS_SOCKET_PATH)
      : `${baseUrl}${LOGS_STREAM_PATH}`;
  }

  openFleetSocket = (url: string, protocols: string[]): SocketLike => {
    if (url.startsWith('ws'))
      return this.watched(this.webSocket(url, protocols));
    if (url.endsWith(FLEET_SNAPSHOT_PATH)) {
      return this.watched(
        new PollingSocket({
          url,
          fetch: this.options.fetch,
          intervalMs: this.options.pollIntervalMs ?? POLL_INTERVAL_MS,
        }),
      );
    }
    return this.watched(
      new HttpStreamSocket({ url, method: 'POST', fetch: this.options.fetch }),
    );
  };

  openLogSocket = (url: string, protocols: string[]): SocketLike =>
    this.watched(
      url.startsWith('ws')
        ? this.webSocket(url, protocols)
        : new HttpStreamSocket({
            url,
            method: 'GET',
            fetch: this.options.fetch,
          }),
    );

  private choose(): Promise<LiveTransportState> {
    this.chosen ??= this.options
      .health()
      .then(health => {
        // A backend older than the transports field serves WebSockets only.
        const offered = health.transports ?? ['websocket'];
        if (!offered.includes('websocket')) {
          this.state = { kind: 'http-stream', reason: NO_WEBSOCKET_ROUTES };
        }
        return this.state;
      })
      .catch(() => {
        // The health check is only advice: without it, try the best transport.
        this.chosen = undefined;
        return this.state;
      });
    return this.chosen;
  }

  private webSocket(url: string, protocols: string[]): SocketLike {
    return (
      this.options.createWebSocket?.(url, protocols) ??
      (new WebSocket(url, protocols) as unknown as SocketLike)
    );
  }

  /**
   * The socket, labelled with the transport in use; attempts that close before a message
   * arrived count towards falling back, and a message resets the count. A refusal (a limit
   * met, with its close code) is the backend's answer, not a transport that fails: it never
   * counts.
   */
  private watched(socket: SocketLike): SocketLike {
    const transport = this.state;
    let heard = false;
    return new TransportSocket(socket, transport, {
      message: () => {
        heard = true;
        this.failures = 0;
      },
      close: code => {
        if (!heard && !isRefusalCloseCode(code))
          void this.failed(transport.kind);
      },
    });
  }

  private async failed(kind: LiveTransportKind) {
    if (this.state.kind !== kind) return;
    if (++this.failures < FAILURES_BEFORE_FALLBACK) return;
    // A backend that is down fails every transport alike: fall back only when it answers.
    const reachable = await this.options.health().then(
      () => true,
      () => false,
    );
    if (!reachable || this.state.kind !== kind) return;
    this.failures = 0;
    this.state =
      kind === 'websocket'
        ? { kind: 'http-stream', reason: WEBSOCKETS_FAIL }
        : { kind: 'polling', reason: STREAMS_FAIL };
    this.chosen = Promise.resolve(this.state);
  }
}

function webSocketUrl(baseUrl: string, path: string) {
  return `${baseUrl.replace(/^http/, 'ws')}${path}`;
}
