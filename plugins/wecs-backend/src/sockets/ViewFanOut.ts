import {
  FleetFilters,
  FleetFoundMessage,
  FleetServerMessage,
  FleetViewQuery,
  FleetViewRow,
  FleetViewsMessage,
  MAX_VIEW_WINDOW,
} from '@kubestellar/plugin-wecs-common';
import { FilteredCountsRegistry } from '../store/FilteredCounts';
import { FleetStore, StoreChange } from '../store/FleetStore';
import {
  CountedScope,
  readWindow,
  searchTree,
  TreeSource,
  ViewWindow,
} from '../store/treeViews';
import { viewScope } from '../store/viewScope';
import { WatchPool } from '../watch/WatchPool';
import { SubscriberChannel } from './FleetFanOut';
import type { SocketSearch } from './messages';

export interface ViewFanOutOptions {
  /** How long changes gather before windows are read again and sent. */
  batchMs: number;
  /** A window whose counts alone changed is sent at most this often. */
  countsIntervalMs: number;
  /** Above this many queued bytes a client is slow: its views wait, then get fresh windows. */
  slowClientBytes: number;
  /** A heartbeat is sent when nothing else was sent for this long. */
  heartbeatMs: number;
}

export const DEFAULT_VIEW_OPTIONS: ViewFanOutOptions = {
  batchMs: 50,
  countsIntervalMs: 500,
  slowClientBytes: 4 * 1024 * 1024,
  heartbeatMs: 15_000,
};

/** A window read, with what tells it from another: its layout, each row's content and counts. */
interface WindowDigest {
  /** Its total, offset and keys in order. */
  layout: string;
  contents: Map<string, string>;
  counts: Map<string, string>;
}

interface ReadWindow extends WindowDigest {
  window: ViewWindow;
}

interface View {
  id: string;
  query: FleetViewQuery;
  queryKey: string;
  offset: number;
  limit: number;
  /** Where its rows can change: the routing keys it is registered under. */
  route: string;
  dirty: boolean;
  /**
   * What the client holds of the view, as it was sent: the rows and their order, and each
   * row's content and counts by key.
   */
  /** What the client holds of it: the digest of the last window or rows sent. */
  sent?: WindowDigest;
  countsSentAt: number;
  owner: ViewClient;
}

interface ViewClient {
  channel: SubscriberChannel;
  filtersKey: string;
  scope: CountedScope;
  releaseCounts?: () => void;
  views: Map<string, View>;
  noticeDirty: boolean;
  left: Set<string>;
  lastSentAt: number;
  stats: { windows: number; slowSkips: number };
  /** Removes the client: the same function for every update of it. */
  remove: () => void;
}

/** Views that see every change: the cluster rows and the flat lists. */
const EVERYWHERE = '*';
const clusterRoute = (cluster: string) => `c\0${cluster}`;
const namespaceRoute = (cluster: string, namespace: string) =>
  `n\0${cluster}\0${namespace}`;

function routeOf(query: FleetViewQuery): string {
  switch (query.level) {
    case 'namespaces':
    case 'owned':
      return clusterRoute(query.cluster);
    case 'kinds':
    case 'instances':
      return namespaceRoute(query.cluster, query.namespace);
    default:
      return EVERYWHERE;
  }
}

/**
 * Serves view-based subscriptions: each client says which levels of the tree it shows and
 * which window of each (`views` messages), and gets those windows, then fresh ones whenever
 * their rows change: at once (after a short batch) when rows come, go or change, at most a few
 * times a second when only counts moved. A client's cost is what it shows, never the fleet's
 * size; a slow client's views simply wait, and get fresh windows when it catches up.
 */
export class ViewFanOut {
  private readonly clients = new Map<SubscriberChannel, ViewClient>();
  private readonly routes = new Map<string, Set<View>>();
  private readonly counts: FilteredCountsRegistry;
  private readonly source: TreeSource;
  /** Bumped on each status of a cluster, so that a window shows the change. */
  private readonly statusVersions = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private timerDue = 0;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly unsubscribe: Array<() => void> = [];

  constructor(
    private readonly store: FleetStore,
    private readonly pool: Pick<WatchPool, 'clusters' | 'errors' | 'subscribe'>,
    private readonly epoch: string,
    private readonly options: ViewFanOutOptions = DEFAULT_VIEW_OPTIONS,
  ) {
    this.counts = new FilteredCountsRegistry(store);
    this.source = { store, clusters: () => pool.clusters() };
    this.unsubscribe.push(
      store.subscribe(change => this.onStoreChange(change)),
    );
    // Which policy delivered an object shows on its row, and filters may read it.
    this.unsubscribe.push(
      store.deliveries.subscribe(() => {
        for (const views of this.routes.values())
          for (const view of views) view.dirty = true;
        this.scheduleFlush();
      }),
    );
    this.unsubscribe.push(
      pool.subscribe(event => {
        if (event.type === 'clusterStatus') {
          const { name } = event.status;
          this.statusVersions.set(
            name,
            (this.statusVersions.get(name) ?? 0) + 1,
          );
          this.touch(EVERYWHERE);
          this.touch(clusterRoute(name));
        } else if (event.type === 'clusterRemoved') {
          this.statusVersions.delete(event.cluster);
          for (const client of this.clients.values())
            client.left.add(event.cluster);
          this.touch(EVERYWHERE);
          this.touch(clusterRoute(event.cluster));
        } else if (event.type === 'sourceErrors') {
          for (const client of this.clients.values()) client.noticeDirty = true;
        } else {
          return;
        }
        this.scheduleFlush();
      }),
    );
    this.heartbeat = setInterval(
      () => this.sendHeartbeats(),
      Math.max(1000, options.heartbeatMs / 3),
    );
    this.heartbeat.unref?.();
  }

  get clientCount() {
    return this.clients.size;
  }

  /** How many distinct object filters have counts kept for them. */
  get filteredCountsKept() {
    return this.counts.size;
  }

  statistics() {
    return [...this.clients.values()].map(c => ({
      views: c.views.size,
      ...c.stats,
    }));
  }

  /** Answers a search (already validated) from the store as it is now, as its views read it. */
  search(search: SocketSearch): FleetFoundMessage {
    const found = searchTree(
      this.source,
      viewScope(search.filters, this.store.deliveries),
      search.query,
      search.offset,
      search.limit,
    );
    return {
      type: 'found',
      search: search.id,
      offset: search.offset,
      ...found,
    };
  }

  /**
   * Adds a client, or updates one added before with the same channel, to the views of
   * `message` (already validated): new views and moved windows are sent at once. Returns the
   * function that removes the client, the same one for every update of it.
   */
  update(channel: SubscriberChannel, message: FleetViewsMessage): () => void {
    let client = this.clients.get(channel);
    if (!client) {
      const created: ViewClient = {
        channel,
        filtersKey: '',
        scope: viewScope({}, this.store.deliveries),
        views: new Map(),
        noticeDirty: true,
        left: new Set(),
        lastSentAt: Date.now(),
        stats: { windows: 0, slowSkips: 0 },
        remove: () => this.remove(created),
      };
      client = created;
      this.clients.set(channel, client);
      this.setFilters(client, message.filters);
    } else if (JSON.stringify(message.filters ?? {}) !== client.filtersKey) {
      this.setFilters(client, message.filters);
      for (const view of client.views.values()) view.sent = undefined;
    }
    const wanted = new Map(message.views.map(v => [v.id, v]));
    for (const [id, view] of client.views) {
      const request = wanted.get(id);
      if (!request || JSON.stringify(request.query) !== view.queryKey) {
        this.unregister(view);
        client.views.delete(id);
      }
    }
    const fresh: View[] = [];
    for (const request of message.views) {
      const offset = request.offset ?? 0;
      const limit = Math.min(request.limit ?? MAX_VIEW_WINDOW, MAX_VIEW_WINDOW);
      let view = client.views.get(request.id);
      if (!view) {
        view = {
          id: request.id,
          query: request.query,
          queryKey: JSON.stringify(request.query),
          offset,
          limit,
          route: routeOf(request.query),
          dirty: true,
          countsSentAt: 0,
          owner: client,
        };
        client.views.set(view.id, view);
        this.register(view);
        fresh.push(view);
      } else if (view.offset !== offset || view.limit !== limit || !view.sent) {
        // What the client holds of it stays in `sent`: the new window carries only the rest.
        view.offset = offset;
        view.limit = limit;
        fresh.push(view);
      }
    }
    if (client.noticeDirty) this.sendNotice(client);
    for (const view of fresh) this.sendWindow(view, true);
    return client.remove;
  }

  /**
   * Every message a client with `message`'s views would get first, without subscribing: for
   * clients that can only poll.
   */
  snapshot(message: FleetViewsMessage): FleetServerMessage[] {
    const sent: FleetServerMessage[] = [];
    const channel: SubscriberChannel = {
      send: m => sent.push(m),
      bufferedAmount: 0,
    };
    this.update(channel, message)();
    return sent;
  }

  close() {
    clearTimeout(this.timer);
    clearInterval(this.heartbeat);
    this.unsubscribe.forEach(fn => fn());
    for (const client of [...this.clients.values()]) this.remove(client);
    this.counts.close();
  }

  private setFilters(client: ViewClient, filters: FleetFilters = {}) {
    client.releaseCounts?.();
    client.releaseCounts = undefined;
    client.filtersKey = JSON.stringify(filters);
    const scope: CountedScope = viewScope(filters, this.store.deliveries);
    if (scope.matches) {
      const { counts, release } = this.counts.acquire(
        scope.objectFilterKey,
        scope.matches,
        scope.readsDeliveries,
      );
      scope.filtered = counts;
      client.releaseCounts = release;
    }
    client.scope = scope;
  }

  private remove(client: ViewClient) {
    if (!this.clients.delete(client.channel)) return;
    for (const view of client.views.values()) this.unregister(view);
    client.views.clear();
    client.releaseCounts?.();
  }

  private register(view: View) {
    let views = this.routes.get(view.route);
    if (!views) {
      views = new Set();
      this.routes.set(view.route, views);
    }
    views.add(view);
  }

  private unregister(view: View) {
    const views = this.routes.get(view.route);
    views?.delete(view);
    if (views?.size === 0) this.routes.delete(view.route);
  }

  private onStoreChange(change: StoreChange) {
    const { cluster, namespace, kind } = change.resource;
    this.touch(EVERYWHERE);
    this.touch(clusterRoute(cluster));
    // A Namespace object is its namespace's row; anything else changes its namespace's rows.
    this.touch(
      namespaceRoute(
        cluster,
        kind === 'Namespace' && !namespace
          ? change.resource.name
          : namespace ?? '',
      ),
    );
    this.scheduleFlush();
  }

  private touch(route: string) {
    const views = this.routes.get(route);
    if (views) for (const view of views) view.dirty = true;
  }

  /** Flushes in `delayMs`, or sooner when a flush is already due sooner. */
  private scheduleFlush(delayMs = this.options.batchMs) {
    const due = Date.now() + delayMs;
    if (this.timer && this.timerDue <= due) return;
    clearTimeout(this.timer);
    this.timerDue = due;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, delayMs);
  }

  private flush() {
    // Clients that show the same window with the same filters (every page's cluster rows)
    // share one reading of it per flush.
    const read = new Map<string, ReadWindow>();
    // And one list of the clusters, which every view's reading looks its cluster up in.
    let statuses: ReturnType<TreeSource['clusters']> | undefined;
    const source: TreeSource = {
      store: this.store,
      clusters: () => (statuses ??= this.pool.clusters()),
    };
    let waiting = false;
    for (const client of this.clients.values()) {
      if (client.channel.bufferedAmount > this.options.slowClientBytes) {
        client.stats.slowSkips++;
        waiting = true;
        continue;
      }
      if (client.noticeDirty || client.left.size) this.sendNotice(client);
      for (const view of client.views.values()) {
        if (view.dirty && !this.sendWindow(view, false, { read, source }))
          waiting = true;
      }
    }
    if (waiting) this.scheduleFlush(this.options.countsIntervalMs / 2);
  }

  /**
   * Reads a view's window and sends it when it differs from what was sent: always when `force`,
   * at once when rows changed, and when only counts did, no sooner than the counts interval.
   * Returns false when the view is still dirty (its counts wait).
   */
  private sendWindow(
    view: View,
    force: boolean,
    flush?: { read: Map<string, ReadWindow>; source: TreeSource },
  ): boolean {
    const client = view.owner;
    const read = flush?.read;
    const key = `${client.filtersKey}\0${view.queryKey}\0${view.offset}\0${view.limit}`;
    let reading = read?.get(key);
    if (!reading) {
      reading = this.digest(
        readWindow(
          flush?.source ?? this.source,
          view.query,
          client.scope,
          view.offset,
          view.limit,
        ),
        view.offset,
      );
      read?.set(key, reading);
    }
    const { window, layout, contents, counts } = reading;
    const { total, rows } = window;
    const now = Date.now();
    const send = (message: FleetServerMessage) => {
      view.dirty = false;
      view.sent = { layout, contents, counts };
      client.lastSentAt = now;
      client.stats.windows++;
      client.channel.send(message);
      return true;
    };
    const sent = view.sent;
    const isNew = (row: FleetViewRow) =>
      !sent ||
      sent.contents.get(row.key) !== contents.get(row.key) ||
      sent.counts.get(row.key) !== counts.get(row.key);
    if (force || !sent || sent.layout !== layout) {
      view.countsSentAt = now;
      const fresh = rows.filter(isNew);
      return send({
        type: 'window',
        view: view.id,
        seq: this.store.revision,
        total,
        offset: view.offset,
        ...(sent && fresh.length < rows.length
          ? { rows: fresh, keys: rows.map(r => r.key) }
          : { rows }),
      });
    }
    // The same rows in the same order: send those that changed.
    const changed = rows.filter(
      r => contents.get(r.key) !== sent.contents.get(r.key),
    );
    const recounted = rows.filter(
      r =>
        contents.get(r.key) === sent.contents.get(r.key) &&
        counts.get(r.key) !== sent.counts.get(r.key),
    );
    if (!changed.length && !recounted.length) {
      view.dirty = false;
      return true;
    }
    // Counts alone wait for the counts interval; a changed row takes them along.
    if (
      !changed.length &&
      now - view.countsSentAt < this.options.countsIntervalMs
    )
      return false;
    view.countsSentAt = now;
    return send({
      type: 'rows',
      view: view.id,
      seq: this.store.revision,
      rows: [...changed, ...recounted],
    });
  }

  /** A window with its digest, which every client showing it in a flush shares. */
  private digest(window: ViewWindow, offset: number): ReadWindow {
    const { total, rows } = window;
    return {
      window,
      layout: `${total}|${offset}|${rows.map(r => r.key).join(',')}`,
      contents: new Map(rows.map(r => [r.key, this.contentOf(r)])),
      counts: new Map(
        rows.map(r => [
          r.key,
          `${r.counts.total}.${r.counts.failed}.${r.counts.pending}`,
        ]),
      ),
    };
  }

  /** What a row shows besides its counts, as a short string: its key and its version. */
  private contentOf(row: FleetViewRow): string {
    switch (row.type) {
      case 'cluster':
        return `${row.key}@${this.statusVersions.get(row.key) ?? 0}`;
      case 'namespace':
        return `${row.key}@${row.resource?.resourceVersion ?? ''}`;
      case 'instance':
        return `${row.key}@${row.resource.resourceVersion}/${row.owned}/${
          row.policies ?? '-'
        }`;
      case 'workload': {
        const { staged, policies, placements } = row.workload;
        const copies = placements.map(
          p => `${p.cluster}:${p.delivered?.resourceVersion ?? ''}`,
        );
        return `${row.key}@${
          staged?.resourceVersion ?? ''
        }/${policies}/${copies}`;
      }
      case 'staged':
        return `${row.key}@${row.resource.resourceVersion}/${row.bound}/${row.selecting}`;
      case 'policy':
        return `${row.key}@${row.policy.resourceVersion}/${
          row.binding?.resourceVersion ?? ''
        }/${row.selected}/${row.delivered}`;
      default:
        return row.key;
    }
  }

  private sendNotice(client: ViewClient) {
    const left = [...client.left];
    client.noticeDirty = false;
    client.left.clear();
    client.lastSentAt = Date.now();
    client.channel.send({
      type: 'fleet',
      seq: this.store.revision,
      errors: this.pool.errors,
      ...(left.length ? { left } : {}),
    });
  }

  private sendHeartbeats() {
    const now = Date.now();
    for (const client of this.clients.values()) {
      if (now - client.lastSentAt < this.options.heartbeatMs) continue;
      if (client.channel.bufferedAmount > this.options.slowClientBytes)
        continue;
      client.lastSentAt = now;
      client.channel.send({
        type: 'heartbeat',
        epoch: this.epoch,
        seq: this.store.revision,
        at: new Date(now).toISOString(),
      });
    }
  }
}
