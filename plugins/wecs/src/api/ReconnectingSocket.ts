import {
  FleetClientMessage,
  FleetServerMessage,
  SIGN_IN_EXPIRED_CLOSE_CODE,
  WECS_SOCKET_PROTOCOL,
} from '@kubestellar/plugin-wecs-common';

/**
 * How the browser's view of the fleet stands.
 *
 * @public
 */
export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'closed';

/**
 * How updates reach the browser: a WebSocket, a streamed HTTP response (Server-Sent Events),
 * or, when neither gets through, a fresh snapshot asked for on a beat.
 *
 * @public
 */
export type LiveTransportKind = 'websocket' | 'http-stream' | 'polling';

/**
 * The transport in use, and why it is not the best one when it is not.
 *
 * @public
 */
export interface LiveTransportState {
  kind: LiveTransportKind;
  reason?: string;
}

/**
 * How a live connection to the backend stands: what a page says about it (live, reconnecting
 * in 4 s and why, polled, updated at).
 *
 * @public
 */
export interface LiveConnectionStatus {
  state: LiveState;
  /** When the last message arrived; the view was current then. */
  updatedAt?: Date;
  /** Why the last connection ended, when it ended badly. */
  lastError?: string;
  /** The next reconnection attempt, while reconnecting. */
  retryAt?: Date;
  /** How the last connection reached the backend. */
  transport?: LiveTransportState;
}

/**
 * The parts of the browser's WebSocket a FleetConnection uses.
 *
 * @public
 */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  /** Which transport this is, when it is not a plain WebSocket. */
  readonly transport?: LiveTransportState;
}

/**
 * How a connection to the fleet socket is opened and kept up.
 *
 * @public
 */
export interface FleetConnectionOptions {
  /** The fleet socket's ws(s):// URL. */
  url: () => Promise<string>;
  /** The Backstage token, offered as a second subprotocol (browsers cannot set headers). */
  token: () => Promise<string | undefined>;
  openSocket?: (url: string, protocols: string[]) => SocketLike;
  backoff?: { initialMs: number; maxMs: number };
  /** Silence longer than this means a dead connection (the server sends heartbeats). */
  silenceTimeoutMs?: number;
  random?: () => number;
  /** How long a cluster that left stays in the view's `left`. */
  leftClusterMemoryMs?: number;
}

/** What the owner of a ReconnectingSocket does with what happens on it. */
export interface ReconnectingSocketHandlers {
  /** A socket opened: send what the server needs to start (the subscription, the views). */
  onOpen(): void;
  /** A message from the server, parsed. What it throws is kept as `lastError`. */
  onMessage(message: FleetServerMessage): void;
  /** The status changed (state, error, retry time). */
  onStatus(): void;
}

const OPEN = 1;

/**
 * One connection to the fleet socket that stays up: it opens the socket with the token beside
 * the protocol, treats silence past the heartbeats as a dead connection, and reconnects with
 * growing, jittered back-off until closed. What travels on it is its owner's business: a
 * FleetConnection (subscribe, snapshot and deltas) or a FleetViewConnection (views and windows).
 */
export class ReconnectingSocket {
  private socket?: SocketLike;
  private attempt = 0;
  private retryTimer?: ReturnType<typeof setTimeout>;
  private silenceTimer?: ReturnType<typeof setTimeout>;
  private current: LiveConnectionStatus = { state: 'closed' };
  private readonly options: Required<
    Omit<FleetConnectionOptions, 'leftClusterMemoryMs'>
  >;

  constructor(
    options: FleetConnectionOptions,
    private readonly handlers: ReconnectingSocketHandlers,
  ) {
    this.options = {
      openSocket: (url, protocols) =>
        new WebSocket(url, protocols) as unknown as SocketLike,
      backoff: { initialMs: 500, maxMs: 30_000 },
      silenceTimeoutMs: 45_000,
      random: Math.random,
      ...options,
    };
  }

  get status(): LiveConnectionStatus {
    return this.current;
  }

  /** Whether a socket is open now, so that a message sent reaches the server. */
  get isOpen(): boolean {
    return this.socket?.readyState === OPEN;
  }

  /** Connects, unless a connection is up or on its way. */
  start() {
    if (this.current.state === 'closed') void this.connect();
  }

  /** Sends on the open socket; false when none is open (`onOpen` will come). */
  send(message: FleetClientMessage): boolean {
    if (!this.isOpen) return false;
    this.socket!.send(JSON.stringify(message));
    return true;
  }

  /** Reconnects at once, the back-off forgotten, when no socket is open. */
  reconnectNow() {
    if (this.isOpen) return;
    clearTimeout(this.retryTimer);
    this.attempt = 0;
    void this.connect();
  }

  /**
   * The server answered: the view is current now, and the back-off starts over. The owner
   * tells its listeners, with what the message changed.
   */
  heard() {
    this.attempt = 0;
    this.current = {
      ...this.current,
      state: 'live',
      updatedAt: new Date(),
      lastError: undefined,
      retryAt: undefined,
    };
  }

  /** The server refused something; what it holds stays. The owner tells its listeners. */
  refused(message: string) {
    this.current = { ...this.current, lastError: message };
  }

  close() {
    clearTimeout(this.retryTimer);
    clearTimeout(this.silenceTimer);
    this.update({ state: 'closed' });
    const socket = this.socket;
    this.socket = undefined;
    socket?.close(1000, 'closed by the page');
  }

  private update(changes: Partial<LiveConnectionStatus>) {
    this.current = { ...this.current, ...changes };
    this.handlers.onStatus();
  }

  private waitingState(): LiveState {
    return this.current.updatedAt ? 'reconnecting' : 'connecting';
  }

  private async connect() {
    clearTimeout(this.retryTimer);
    this.update({ state: this.waitingState(), retryAt: undefined });
    let socket: SocketLike;
    try {
      const [url, token] = await Promise.all([
        this.options.url(),
        this.options.token(),
      ]);
      if (this.current.state === 'closed') return;
      socket = this.options.openSocket(url, [
        WECS_SOCKET_PROTOCOL,
        ...(token ? [token] : []),
      ]);
    } catch (error) {
      this.scheduleReconnect(String(error));
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.current = {
        ...this.current,
        transport: socket.transport ?? { kind: 'websocket' },
      };
      this.handlers.onOpen();
      this.watchSilence();
    };
    socket.onmessage = event => {
      if (this.socket !== socket) return;
      this.watchSilence();
      try {
        this.handlers.onMessage(
          JSON.parse(String(event.data)) as FleetServerMessage,
        );
      } catch (error) {
        this.current = {
          ...this.current,
          lastError: `unreadable message from the server: ${error}`,
        };
      }
    };
    socket.onerror = () => {
      // The close event follows with the details.
    };
    socket.onclose = event => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      clearTimeout(this.silenceTimer);
      if (this.current.state === 'closed') return;
      if (event.code === SIGN_IN_EXPIRED_CLOSE_CODE) {
        // Nothing failed: the next connection asks for a fresh token, and resumes at once.
        this.attempt = 0;
        this.update({
          state: this.waitingState(),
          lastError: event.reason || undefined,
        });
        void this.connect();
        return;
      }
      this.scheduleReconnect(
        event.reason ||
          (event.code === 1006
            ? 'the connection to the backend was lost'
            : `the connection closed (${event.code})`),
      );
    };
  }

  /** A connection that says nothing past the heartbeat interval is dead even if still open. */
  private watchSilence() {
    clearTimeout(this.silenceTimer);
    this.silenceTimer = setTimeout(() => {
      const socket = this.socket;
      this.socket = undefined;
      socket?.close(4000, 'silent');
      this.scheduleReconnect('no word from the backend; reconnecting');
    }, this.options.silenceTimeoutMs);
  }

  private scheduleReconnect(reason: string) {
    if (this.current.state === 'closed') return;
    const { initialMs, maxMs } = this.options.backoff;
    const window = Math.min(maxMs, initialMs * 2 ** this.attempt++);
    const delay = window / 2 + this.options.random() * (window / 2);
    this.update({
      lastError: reason,
      retryAt: new Date(Date.now() + delay),
      state: this.waitingState(),
    });
    this.retryTimer = setTimeout(() => void this.connect(), delay);
  }
}
