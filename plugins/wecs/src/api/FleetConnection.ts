import {
  ClusterStatus,
  FleetFilters,
  FleetPosition,
  FleetServerMessage,
  SlimResource,
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
 * A cluster that left the fleet (its ManagedCluster was deleted or is no longer accepted, its
 * kubeconfig context was removed), and when the browser learnt of it: enough for a page to
 * say so once.
 *
 * @public
 */
export interface LeftCluster {
  name: string;
  at: Date;
}

/**
 * What a FleetConnection holds: the resources matching its filters, as of `updatedAt`.
 *
 * @public
 */
export interface FleetView {
  state: LiveState;
  /** Keyed by `cluster/uid`. */
  resources: ReadonlyMap<string, SlimResource>;
  clusters: ClusterStatus[];
  /**
   * The cluster sources' problems as the backend last reported them (e.g. an ITS it cannot
   * reach, a kubeconfig it cannot read), from the snapshot and then from deltas.
   */
  errors: string[];
  /**
   * Clusters that left the fleet recently (within `leftClusterMemoryMs`), oldest first; a
   * cluster that comes back is dropped from it.
   */
  left: LeftCluster[];
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

/** @public */
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

const OPEN = 1;
const resourceKey = (cluster: string, uid: string) => `${cluster}/${uid}`;

/**
 * One live subscription to the backend's fleet socket: the snapshot, then deltas applied in
 * order; on a dropped connection it reconnects with back-off and jitter and resumes from the last
 * position it applied, so the server sends only what was missed.
 *
 * @public
 */
export class FleetConnection {
  private socket?: SocketLike;
  private filters: FleetFilters = {};
  private position?: FleetPosition;
  private attempt = 0;
  private retryTimer?: ReturnType<typeof setTimeout>;
  private silenceTimer?: ReturnType<typeof setTimeout>;
  private readonly listeners = new Set<(view: FleetView) => void>();
  private resources = new Map<string, SlimResource>();
  private clusters: ClusterStatus[] = [];
  private errors: string[] = [];
  private left: LeftCluster[] = [];
  private state: LiveState = 'closed';
  private updatedAt?: Date;
  private lastError?: string;
  private retryAt?: Date;
  private transport?: LiveTransportState;
  private readonly options: Required<FleetConnectionOptions>;

  constructor(options: FleetConnectionOptions) {
    this.options = {
      openSocket: (url, protocols) =>
        new WebSocket(url, protocols) as unknown as SocketLike,
      backoff: { initialMs: 500, maxMs: 30_000 },
      silenceTimeoutMs: 45_000,
      random: Math.random,
      leftClusterMemoryMs: 10 * 60_000,
      ...options,
    };
  }

  get view(): FleetView {
    return {
      state: this.state,
      resources: this.resources,
      clusters: this.clusters,
      errors: this.errors,
      left: this.left,
      updatedAt: this.updatedAt,
      lastError: this.lastError,
      retryAt: this.retryAt,
      transport: this.transport,
    };
  }

  onChange(listener: (view: FleetView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Subscribes with these filters: a fresh snapshot replaces what was held. */
  subscribe(filters: FleetFilters) {
    this.filters = filters;
    this.position = undefined;
    if (this.socket?.readyState === OPEN) this.sendSubscribe();
    else if (this.state === 'closed') void this.connect();
  }

  /** Asks for a fresh snapshot now, reconnecting at once if the connection is down. */
  refresh() {
    this.position = undefined;
    if (this.socket?.readyState === OPEN) {
      this.sendSubscribe();
      return;
    }
    clearTimeout(this.retryTimer);
    this.attempt = 0;
    void this.connect();
  }

  close() {
    clearTimeout(this.retryTimer);
    clearTimeout(this.silenceTimer);
    this.setState('closed');
    const socket = this.socket;
    this.socket = undefined;
    socket?.close(1000, 'closed by the page');
  }

  private async connect() {
    clearTimeout(this.retryTimer);
    this.retryAt = undefined;
    this.setState(this.updatedAt ? 'reconnecting' : 'connecting');
    let socket: SocketLike;
    try {
      const [url, token] = await Promise.all([
        this.options.url(),
        this.options.token(),
      ]);
      if (this.state === 'closed') return;
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
      this.transport = socket.transport ?? { kind: 'websocket' };
      this.sendSubscribe();
      this.watchSilence();
    };
    socket.onmessage = event => {
      if (this.socket !== socket) return;
      this.watchSilence();
      try {
        this.apply(JSON.parse(String(event.data)) as FleetServerMessage);
      } catch (error) {
        this.lastError = `unreadable message from the server: ${error}`;
      }
    };
    socket.onerror = () => {
      // The close event follows with the details.
    };
    socket.onclose = event => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      clearTimeout(this.silenceTimer);
      if (this.state === 'closed') return;
      this.scheduleReconnect(
        event.reason ||
          (event.code === 1006
            ? 'the connection to the backend was lost'
            : `the connection closed (${event.code})`),
      );
    };
  }

  private sendSubscribe() {
    this.socket?.send(
      JSON.stringify({
        type: 'subscribe',
        filters: this.filters,
        ...(this.position ? { resume: this.position } : {}),
      }),
    );
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
    if (this.state === 'closed') return;
    this.lastError = reason;
    const { initialMs, maxMs } = this.options.backoff;
    const window = Math.min(maxMs, initialMs * 2 ** this.attempt++);
    const delay = window / 2 + this.options.random() * (window / 2);
    this.retryAt = new Date(Date.now() + delay);
    this.setState(this.updatedAt ? 'reconnecting' : 'connecting');
    this.retryTimer = setTimeout(() => void this.connect(), delay);
  }

  private apply(message: FleetServerMessage) {
    switch (message.type) {
      case 'snapshot':
        this.resources = new Map(
          message.resources.map(r => [resourceKey(r.cluster, r.uid), r]),
        );
        this.clusters = message.clusters;
        this.errors = message.errors;
        this.forgetLeft(message.clusters);
        break;
      case 'deltas': {
        const next = new Map(this.resources);
        for (const change of message.changes) {
          if (change.op === 'upsert') {
            const { resource } = change;
            next.set(resourceKey(resource.cluster, resource.uid), resource);
          } else {
            next.delete(resourceKey(change.cluster, change.uid));
          }
        }
        this.resources = next;
        // A status in the same message as a removal came after it (the backend drops a
        // removed cluster's queued status): the cluster is back.
        if (message.removedClusters?.length)
          this.removeClusters(message.removedClusters);
        if (message.clusters.length) {
          const changed = new Map(message.clusters.map(c => [c.name, c]));
          this.clusters = this.clusters
            .map(c => changed.get(c.name) ?? c)
            .concat(
              message.clusters.filter(
                c => !this.clusters.some(known => known.name === c.name),
              ),
            );
          this.forgetLeft(message.clusters);
        }
        if (message.errors) this.errors = message.errors;
        break;
      }
      case 'heartbeat':
        break;
      case 'error':
        this.lastError = message.message;
        this.emit();
        return;
      default:
        return;
    }
    this.expireLeft();
    this.position = { epoch: message.epoch, seq: message.seq };
    this.updatedAt = new Date();
    this.attempt = 0;
    this.lastError = undefined;
    this.retryAt = undefined;
    this.state = 'live';
    this.emit();
  }

  /**
   * Drops clusters that left the fleet, with any object of theirs still held (the backend
   * sends their delete deltas first), and remembers them in `left`.
   */
  private removeClusters(names: string[]) {
    const gone = new Set(names);
    this.clusters = this.clusters.filter(c => !gone.has(c.name));
    const leftovers = [...this.resources.values()].filter(r =>
      gone.has(r.cluster),
    );
    if (leftovers.length) {
      const next = new Map(this.resources);
      for (const r of leftovers) next.delete(resourceKey(r.cluster, r.uid));
      this.resources = next;
    }
    const at = new Date();
    this.left = this.left
      .filter(l => !gone.has(l.name))
      .concat(names.map(name => ({ name, at })));
  }

  /** A cluster that is back is no longer one that left. */
  private forgetLeft(clusters: ClusterStatus[]) {
    if (!this.left.length) return;
    const back = new Set(clusters.map(c => c.name));
    if (this.left.some(l => back.has(l.name)))
      this.left = this.left.filter(l => !back.has(l.name));
  }

  private expireLeft() {
    const since = Date.now() - this.options.leftClusterMemoryMs;
    if (this.left.some(l => l.at.getTime() < since))
      this.left = this.left.filter(l => l.at.getTime() >= since);
  }

  private setState(state: LiveState) {
    this.state = state;
    this.emit();
  }

  private emit() {
    const view = this.view;
    for (const listener of this.listeners) listener(view);
  }
}
