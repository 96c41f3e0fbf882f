import {
  FleetFilters,
  FleetSearchQuery,
  FleetServerMessage,
  FleetViewQuery,
  FleetViewRow,
  FleetViewsMessage,
  FleetWindowMessage,
  WecsSearchResult,
} from '@kubestellar/plugin-wecs-common';
import { LeftCluster, LeftClusters } from './LeftClusters';
import {
  FleetConnectionOptions,
  LiveConnectionStatus,
  ReconnectingSocket,
} from './ReconnectingSocket';

/**
 * What the backend last sent of one view: rows `offset` to `offset + rows.length - 1` of
 * `total`.
 *
 * @public
 */
export interface FleetWindow {
  /** How many rows the view has. */
  total: number;
  /** The position of the first row held. */
  offset: number;
  rows: FleetViewRow[];
  /** The store's revision the window was read at. */
  seq: number;
}

/**
 * One view a page shows, under the page's own name for it (`key`, any length): the connection
 * gives it a short id on the wire.
 *
 * @public
 */
export interface WantedView {
  /** The page's name for the view; its window is held under it. */
  key: string;
  query: FleetViewQuery;
  /** The first row wanted; default 0. */
  offset?: number;
  /** How many rows from `offset`; default and most MAX_VIEW_WINDOW. */
  limit?: number;
}

/**
 * What a FleetViewConnection holds: the latest window of each view, and what the backend says
 * beside them.
 *
 * @public
 */
export interface FleetViews extends LiveConnectionStatus {
  /**
   * The latest window of each view, by key. A view that moved keeps its last window until the
   * new one comes, and so does every view after a reconnect; a view no longer wanted keeps it
   * for a while (a row collapsed and expanded again shows its rows at once, then fresh ones).
   */
  windows: ReadonlyMap<string, FleetWindow>;
  /** The cluster sources' problems as the backend last reported them. */
  errors: string[];
  /**
   * Clusters that left the fleet recently (within `leftClusterMemoryMs`), oldest first; a
   * cluster that is back in a `clusters` view is dropped from it.
   */
  left: LeftCluster[];
  /** Why the backend refused a view, by key, until a window of it comes. */
  refused: ReadonlyMap<string, string>;
  /**
   * Live updates are off (`setLive(false)`): each window is the one last sent in answer to
   * asking for it, and `updatedAt` is when the last of those came.
   */
  paused?: boolean;
}

/** A search sent on the socket, waiting for its answer. */
interface PendingSearch {
  query: FleetSearchQuery;
  resolve: (result: WecsSearchResult) => void;
  reject: (error: Error) => void;
}

/** How long a view's window is kept after the view is no longer wanted, in views. */
const RETAINED_WINDOWS = 100;

/**
 * The fleet as a page shows it, over the backend's fleet socket: the page says which views it
 * shows (`show`, the whole set each time), the connection sends them as one `views` message
 * at most every `coalesceMs` (at once after a quiet spell), and holds the window the backend sends for each. After a
 * reconnect it sends the views again and keeps showing the old windows until fresh ones come.
 * With live updates off (`setLive`) it shows a window only when it answers a request.
 *
 * @public
 */
export class FleetViewConnection {
  private readonly socket: ReconnectingSocket;
  private readonly listeners = new Set<(view: FleetViews) => void>();
  private filters: FleetFilters = {};
  private filtersKey = '{}';
  private wanted: WantedView[] = [];
  /** The wire id of each wanted view, for the current filters. */
  private readonly ids = new Map<string, string>();
  private readonly keys = new Map<string, string>();
  private nextId = 0;
  private lastSent?: string;
  private flushTimer?: ReturnType<typeof setTimeout>;
  private flushedAt = Number.NEGATIVE_INFINITY;
  private windows = new Map<string, FleetWindow>();
  /** Keys whose windows are kept though no longer wanted, oldest first. */
  private retained: string[] = [];
  private refused = new Map<string, string>();
  private errors: string[] = [];
  private readonly left: LeftClusters;
  private readonly coalesceMs: number;
  /** With live updates off: the windows shown, and when the last of them came. */
  private shown?: Map<string, FleetWindow>;
  private shownAt?: Date;
  /** Each view as last sent, by key: a view sent otherwise is asked for anew. */
  private readonly asked = new Map<string, string>();
  /** Views asked for anew whose window has not come yet: it shows, live or not. */
  private readonly awaited = new Set<string>();
  private readonly searches = new Map<string, PendingSearch>();
  private nextSearch = 0;
  private readonly searchOverHttp?: (
    query: FleetSearchQuery,
  ) => Promise<WecsSearchResult>;

  constructor(
    options: FleetConnectionOptions & {
      coalesceMs?: number;
      /** Searches while the socket is down: the backend's search route. */
      searchOverHttp?: (query: FleetSearchQuery) => Promise<WecsSearchResult>;
    },
  ) {
    this.coalesceMs = options.coalesceMs ?? 16;
    this.searchOverHttp = options.searchOverHttp;
    this.left = new LeftClusters(options.leftClusterMemoryMs ?? 10 * 60_000);
    this.socket = new ReconnectingSocket(options, {
      onOpen: () => {
        this.lastSent = undefined;
        this.flush();
      },
      onMessage: message => this.apply(message),
      onStatus: () => {
        if (!this.socket.isOpen) this.searchAgainOverHttp();
        this.emit();
      },
    });
  }

  /** What the connection holds now. */
  get view(): FleetViews {
    return {
      ...this.socket.status,
      ...(this.shown ? { paused: true, updatedAt: this.shownAt } : {}),
      windows: this.shown ?? this.windows,
      errors: this.errors,
      left: this.left.list,
      refused: this.refused,
    };
  }

  /** Calls `listener` with what the connection holds after each change; returns the unsubscribe. */
  onChange(listener: (view: FleetViews) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Shows these views, with these filters: everything the page shows, each time. Sent within
   * `coalesceMs`, and only when it differs from what was sent.
   */
  show(filters: FleetFilters, views: WantedView[]) {
    const filtersKey = JSON.stringify(filters);
    if (filtersKey !== this.filtersKey) {
      // Other filters, other views: fresh ids make the backend read every one anew.
      this.filters = filters;
      this.filtersKey = filtersKey;
      this.forgetIds();
    }
    const keys = new Set(views.map(v => v.key));
    const dropped = this.wanted.filter(v => !keys.has(v.key));
    this.wanted = views;
    if (dropped.length || this.retained.some(key => keys.has(key)))
      this.retain(
        dropped.map(v => v.key),
        keys,
      );
    this.socket.start();
    // The first change after a quiet spell goes at once (a click, a search's jump); those that
    // follow within coalesceMs (a scroll) go together at its end.
    if (this.flushTimer !== undefined) return;
    const wait = this.flushedAt + this.coalesceMs - Date.now();
    if (wait <= 0) this.flush();
    else this.flushTimer = setTimeout(() => this.flush(), wait);
  }

  /** Asks for every window anew, reconnecting at once if the connection is down. */
  refresh() {
    this.forgetIds();
    if (this.socket.isOpen) this.flush();
    else this.socket.reconnectNow();
  }

  /**
   * Live (the default), every window changes as the backend sends changes. Not live, the
   * windows shown stay as they are, but for those the page asks for (a view new or moved, new
   * filters, `refresh`), which show their answer: a page refreshed on a beat, or by hand.
   */
  setLive(live: boolean) {
    if (live === !this.shown) return;
    this.shown = live ? undefined : this.windows;
    this.shownAt = live ? undefined : this.socket.status.updatedAt;
    this.emit();
  }

  /**
   * Searches the fleet on the socket the page already holds: no request, no sign-in check of
   * its own, so the first match shows sooner. While the socket is not open, and for searches it
   * dropped by closing, the search goes over HTTP (`searchOverHttp`).
   */
  search(query: FleetSearchQuery): Promise<WecsSearchResult> {
    const id = `s${++this.nextSearch}`;
    if (!this.socket.send({ type: 'search', id, ...query }))
      return this.overHttp(query);
    return new Promise((resolve, reject) =>
      this.searches.set(id, { query, resolve, reject }),
    );
  }

  /** Closes the socket; `show` opens it again. */
  close() {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    // The page that asked is gone: its searches are not asked again.
    this.searches.clear();
    this.socket.close();
  }

  private overHttp(query: FleetSearchQuery): Promise<WecsSearchResult> {
    return this.searchOverHttp
      ? this.searchOverHttp(query)
      : Promise.reject(new Error('The fleet socket is not connected'));
  }

  private searchAgainOverHttp() {
    const dropped = [...this.searches.values()];
    this.searches.clear();
    for (const { query, resolve, reject } of dropped)
      this.overHttp(query).then(resolve, reject);
  }

  private forgetIds() {
    this.ids.clear();
    this.keys.clear();
  }

  /** Keeps the windows of views no longer wanted for a while, the oldest dropped first. */
  private retain(dropped: string[], wanted: ReadonlySet<string>) {
    const retained = this.retained
      .filter(key => !wanted.has(key))
      .concat(dropped);
    const windows = new Map(this.windows);
    const shown = this.shown && new Map(this.shown);
    while (retained.length > RETAINED_WINDOWS) {
      const key = retained.shift()!;
      windows.delete(key);
      shown?.delete(key);
    }
    for (const key of dropped) {
      const id = this.ids.get(key);
      this.ids.delete(key);
      if (id) this.keys.delete(id);
      this.asked.delete(key);
      this.awaited.delete(key);
    }
    if (dropped.some(key => this.refused.has(key))) {
      this.refused = new Map(this.refused);
      dropped.forEach(key => this.refused.delete(key));
    }
    this.retained = retained;
    this.windows = windows;
    this.shown = shown;
  }

  private idOf(key: string) {
    let id = this.ids.get(key);
    if (!id) {
      id = `v${++this.nextId}`;
      this.ids.set(key, id);
      this.keys.set(id, key);
    }
    return id;
  }

  private flush() {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.flushedAt = Date.now();
    const message: FleetViewsMessage = {
      type: 'views',
      filters: this.filters,
      views: this.wanted.map(({ key, query, offset, limit }) => ({
        id: this.idOf(key),
        query,
        ...(offset ? { offset } : {}),
        ...(limit !== undefined ? { limit } : {}),
      })),
    };
    const text = JSON.stringify(message);
    if (text === this.lastSent) return;
    if (!this.socket.send(message)) return;
    this.lastSent = text;
    this.wanted.forEach(({ key }, index) => {
      const sent = JSON.stringify(message.views[index]);
      if (this.asked.get(key) === sent) return;
      this.asked.set(key, sent);
      this.awaited.add(key);
    });
  }

  private apply(message: FleetServerMessage) {
    switch (message.type) {
      case 'window': {
        const key = this.keys.get(message.view);
        // A view closed since, or asked for under other filters.
        if (key === undefined) return;
        const { total, offset, seq } = message;
        const rows = this.rowsOf(message, key);
        if (!rows) {
          // Rows it says are held are not: the views are asked for anew, in full.
          this.forgetIds();
          this.lastSent = undefined;
          this.flush();
          return;
        }
        const fresh = { total, offset, rows, seq };
        this.windows = new Map(this.windows).set(key, fresh);
        if (this.awaited.delete(key) && this.shown) {
          this.shown = new Map(this.shown).set(key, fresh);
          this.shownAt = new Date();
        }
        if (this.refused.has(key)) {
          this.refused = new Map(this.refused);
          this.refused.delete(key);
        }
        const query = this.wanted.find(v => v.key === key)?.query;
        if (query?.level === 'clusters')
          this.left.forget(
            rows.flatMap(row => (row.type === 'cluster' ? [row.key] : [])),
          );
        break;
      }
      case 'rows': {
        const key = this.keys.get(message.view);
        const held = key === undefined ? undefined : this.windows.get(key);
        if (key === undefined || !held) return;
        const changed = new Map(message.rows.map(row => [row.key, row]));
        this.windows = new Map(this.windows).set(key, {
          ...held,
          seq: message.seq,
          rows: held.rows.map(row => changed.get(row.key) ?? row),
        });
        break;
      }
      case 'fleet':
        this.errors = message.errors;
        this.left.add(message.left ?? []);
        break;
      case 'heartbeat':
        break;
      case 'found': {
        const pending = this.searches.get(message.search);
        this.searches.delete(message.search);
        const { total, offset, matches } = message;
        pending?.resolve({ total, offset, matches });
        return;
      }
      case 'error': {
        if (message.search !== undefined) {
          this.searches.get(message.search)?.reject(new Error(message.message));
          this.searches.delete(message.search);
          return;
        }
        if (message.view === undefined) {
          this.socket.refused(message.message);
        } else {
          const key = this.keys.get(message.view);
          if (key === undefined) return;
          this.refused = new Map(this.refused).set(key, message.message);
        }
        this.emit();
        return;
      }
      default:
        return;
    }
    this.left.expire();
    this.socket.heard();
    this.emit();
  }

  /** A window's rows: as it sends them, or by key from those sent and those held. */
  private rowsOf(
    message: FleetWindowMessage,
    key: string,
  ): FleetViewRow[] | undefined {
    if (!message.keys) return message.rows;
    const byKey = new Map<string, FleetViewRow>();
    for (const row of this.windows.get(key)?.rows ?? [])
      byKey.set(row.key, row);
    for (const row of message.rows) byKey.set(row.key, row);
    const rows: FleetViewRow[] = [];
    for (const rowKey of message.keys) {
      const row = byKey.get(rowKey);
      if (!row) return undefined;
      rows.push(row);
    }
    return rows;
  }

  private emit() {
    const view = this.view;
    for (const listener of this.listeners) listener(view);
  }
}
