import { createInterface } from 'node:readline';
import { ListGate } from './ListGate';
import { ClusterClient, KubeApiError } from '@kubestellar/plugin-wecs-node';
import { describeError } from '../model/errors';
import { objectShapeProblem } from '../model/objectShape';

/** A listable, watchable resource type of one cluster, as discovery describes it. */
export interface WatchTarget {
  apiVersion: string;
  kind: string;
  resource: string;
  namespaced: boolean;
}

/** Where a watcher delivers what it learns. */
export interface WatchSink {
  /** A complete, fresh list of the type (after the first list and every relist). */
  replace(items: any[]): void;
  upsert(object: any): void;
  remove(object: any): void;
  /**
   * An object (or a watch event) that was left out because it does not have the shape of an
   * object (see model/objectShape), or because taking it in failed; `problem` says why. It
   * comes again on every relist while the cluster keeps it: the receiver decides what to log.
   */
  reject(object: unknown, problem: string): void;
}

export interface WatcherOptions {
  /** Items per page of a list. */
  pageSize: number;
  /** A watch that sends nothing (not even a bookmark) for this long is restarted. */
  stallTimeoutMs: number;
  /** Server-side timeout asked for each watch request. */
  watchTimeoutSeconds: number;
  backoff: { initialMs: number; maxMs: number };
  /** Shared by the watchers of a pool: how many of them list at once. Unset: no limit. */
  listGate?: ListGate;
}

export type WatcherPhase = 'connecting' | 'synced' | 'failed';

export interface WatcherState {
  phase: WatcherPhase;
  error?: string;
  /** The HTTP status of the last failure, when the server answered one. */
  statusCode?: number;
  at: number;
}

export const DEFAULT_WATCHER_OPTIONS: WatcherOptions = {
  pageSize: 500,
  stallTimeoutMs: 90_000,
  watchTimeoutSeconds: 300,
  backoff: { initialMs: 500, maxMs: 30_000 },
};

class GoneError extends Error {}
class StalledError extends Error {}

/** The uid of an object that did not fit, when it has one that is text. */
const uidOf = (object: unknown): string | undefined => {
  const uid = (object as { metadata?: { uid?: unknown } } | null)?.metadata
    ?.uid;
  return typeof uid === 'string' && uid !== '' ? uid : undefined;
};

export const apiPathOf = (target: WatchTarget) =>
  target.apiVersion.includes('/')
    ? `/apis/${target.apiVersion}/${target.resource}`
    : `/api/${target.apiVersion}/${target.resource}`;

/** Exponential back-off with jitter: half the window fixed, half random. */
export function backoffDelay(
  attempt: number,
  initialMs: number,
  maxMs: number,
  random = Math.random,
) {
  const window = Math.min(maxMs, initialMs * 2 ** attempt);
  return window / 2 + random() * (window / 2);
}

/**
 * One list+watch of one resource type in one cluster, kept alive: paginated lists, watches
 * resumed from the last resourceVersion (bookmarks included), a relist on 410 Gone, a
 * restart of a stream that goes silent, and back-off with jitter between failures.
 */
export class ResourceWatcher {
  private stopped = true;
  private controller?: AbortController;
  private resourceVersion?: string;
  private attempt = 0;
  private current: WatcherState = { phase: 'connecting', at: Date.now() };
  private wake?: () => void;
  /** A list is running (the first, a relist after 410 Gone, or one asked for). */
  private listing = false;
  /** A relist was asked for and has not started: the loop lists before it watches again. */
  private relistAsked = false;
  /** Who waits for the next list to end: every caller of {@link ResourceWatcher.relist} meanwhile. */
  private relistWaiters: Array<{
    resolve: () => void;
    reject: (error: unknown) => void;
  }> = [];
  /** Requests sent to the API server, for load accounting. */
  requests = 0;
  /** Of those, the LIST requests (each page counts once). */
  listRequests = 0;
  /** Times the server said the resourceVersion had expired (410 Gone), forcing a relist. */
  expirations = 0;

  constructor(
    private readonly client: ClusterClient,
    readonly target: WatchTarget,
    private readonly sink: WatchSink,
    private readonly onState: (state: WatcherState) => void,
    private readonly options: WatcherOptions = DEFAULT_WATCHER_OPTIONS,
  ) {}

  get state() {
    return this.current;
  }

  start() {
    if (!this.stopped) return;
    this.stopped = false;
    void this.run();
  }

  stop() {
    this.stopped = true;
    this.controller?.abort();
    this.wake?.();
    this.settleRelist(
      new Error(`the watch of ${this.target.resource} stopped`),
    );
  }

  /**
   * Lists the type again now, behind the watch's back: what the watch missed (a stalled
   * stream, a lost event) is put right when the fresh list replaces the type in place, and the
   * watch then resumes from the list's resourceVersion. A call while a list runs joins that
   * list instead of starting another. Resolves when the list has been delivered; rejects with
   * the API server's refusal or the watcher's stop.
   */
  relist(): Promise<void> {
    if (this.stopped)
      return Promise.reject(
        new Error(`the watch of ${this.target.resource} is stopped`),
      );
    const done = new Promise<void>((resolve, reject) =>
      this.relistWaiters.push({ resolve, reject }),
    );
    if (!this.listing && !this.relistAsked) {
      this.relistAsked = true;
      // Ends the open watch (or the back-off's wait): the loop lists before watching again.
      this.controller?.abort();
      this.wake?.();
    }
    return done;
  }

  private settleRelist(error?: unknown) {
    const waiters = this.relistWaiters;
    this.relistWaiters = [];
    for (const waiter of waiters)
      if (error === undefined) waiter.resolve();
      else waiter.reject(error);
  }

  /** Skips the remaining back-off and tries again now (a user asked to reconnect). */
  retryNow() {
    this.attempt = 0;
    this.wake?.();
  }

  private setState(phase: WatcherPhase, error?: unknown) {
    const statusCode =
      error instanceof KubeApiError ? error.statusCode : undefined;
    const message = error === undefined ? undefined : describeError(error);
    if (this.current.phase === phase && this.current.error === message) return;
    this.current = {
      phase,
      at: Date.now(),
      ...(message ? { error: message } : {}),
      ...(statusCode ? { statusCode } : {}),
    };
    this.onState(this.current);
  }

  private async run() {
    while (!this.stopped) {
      try {
        if (!this.resourceVersion || this.relistAsked) await this.list();
        const watchedSince = Date.now();
        await this.watch();
        if (this.relistAsked) continue;
        if (Date.now() - watchedSince < 1000 && !this.stopped) {
          // A server that ends watches at once must not be hammered.
          await this.sleep(
            backoffDelay(
              this.attempt++,
              this.options.backoff.initialMs,
              this.options.backoff.maxMs,
            ),
          );
        } else {
          this.attempt = 0;
        }
      } catch (error) {
        if (this.stopped) return;
        // The watch was ended on purpose, for a relist.
        if (this.relistAsked) continue;
        // 410 Gone arrives as a watch ERROR event, or as the answer to opening the watch.
        if (
          error instanceof GoneError ||
          (error instanceof KubeApiError && error.statusCode === 410)
        ) {
          this.expirations++;
          this.resourceVersion = undefined;
          continue;
        }
        if (error instanceof StalledError) {
          // Silence is not failure: an API server without a watch cache sends no bookmarks, so a
          // quiet type is silent for as long as nothing changes. Reopen the watch; if the
          // connection is really dead, opening the next one fails and says so.
          this.attempt = 0;
          continue;
        }
        this.setState('failed', error);
        const forbidden =
          error instanceof KubeApiError &&
          [401, 403, 404].includes(error.statusCode);
        const delay = forbidden
          ? this.options.backoff.maxMs
          : backoffDelay(
              this.attempt++,
              this.options.backoff.initialMs,
              this.options.backoff.maxMs,
            );
        await this.sleep(delay);
      }
    }
  }

  private sleep(ms: number) {
    return new Promise<void>(resolve => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private async list() {
    this.listing = true;
    this.relistAsked = false;
    try {
      const release = await this.options.listGate?.acquire();
      try {
        await this.listPages();
      } finally {
        release?.();
      }
      this.settleRelist();
    } catch (error) {
      this.settleRelist(error);
      throw error;
    } finally {
      this.listing = false;
    }
  }

  private async listPages() {
    const items: any[] = [];
    let continueToken: string | undefined;
    let resourceVersion = '';
    const base = apiPathOf(this.target);
    do {
      const query = new URLSearchParams({
        limit: String(this.options.pageSize),
      });
      if (continueToken) query.set('continue', continueToken);
      this.controller = new AbortController();
      this.requests++;
      this.listRequests++;
      let page: any;
      try {
        page = await this.client.getJson(
          `${base}?${query}`,
          this.controller.signal,
        );
      } catch (error) {
        if (error instanceof KubeApiError && error.statusCode === 410) {
          // The continue token expired mid-list: start the list again.
          continueToken = undefined;
          items.length = 0;
          continue;
        }
        throw error;
      }
      const listed = page?.items ?? [];
      const pageMeta = page?.metadata ?? {};
      if (
        !Array.isArray(listed) ||
        typeof pageMeta !== 'object' ||
        !['string', 'undefined'].includes(typeof pageMeta.continue) ||
        !['string', 'undefined'].includes(typeof pageMeta.resourceVersion)
      ) {
        throw new Error(
          `the API server's list of ${this.target.resource} is not a list (items, metadata.continue and metadata.resourceVersion of the wrong types)`,
        );
      }
      for (const item of listed) {
        const object = this.received(item);
        if (object) items.push(object);
      }
      continueToken = pageMeta.continue || undefined;
      resourceVersion = pageMeta.resourceVersion ?? resourceVersion;
    } while (continueToken && !this.stopped);
    if (this.stopped) return;
    this.deliver(items, () => this.sink.replace(items));
    this.resourceVersion = resourceVersion;
    this.setState('synced');
  }

  private async watch() {
    const query = new URLSearchParams({
      watch: '1',
      resourceVersion: this.resourceVersion!,
      allowWatchBookmarks: 'true',
      timeoutSeconds: String(this.options.watchTimeoutSeconds),
    });
    const controller = new AbortController();
    this.controller = controller;
    this.requests++;
    const response = await this.client.open(
      `${apiPathOf(this.target)}?${query}`,
      {
        signal: controller.signal,
      },
    );
    this.setState('synced');
    let stalled = false;
    let timer = setTimeout(onStall, this.options.stallTimeoutMs);
    function onStall() {
      stalled = true;
      controller.abort();
    }
    response.on('data', () => {
      clearTimeout(timer);
      timer = setTimeout(onStall, this.options.stallTimeoutMs);
    });
    const lines = createInterface({ input: response, crlfDelay: Infinity });
    try {
      for await (const line of lines) {
        if (!line.trim()) continue;
        let event: unknown;
        try {
          event = JSON.parse(line);
        } catch {
          this.sink.reject(undefined, 'a watch event that is not JSON');
          continue;
        }
        this.handleEvent(event);
      }
    } catch (error) {
      if (stalled)
        throw new StalledError(
          `the watch of ${this.target.resource} went silent for ${
            this.options.stallTimeoutMs / 1000
          }s`,
        );
      if (this.stopped) return;
      if (error instanceof GoneError || error instanceof KubeApiError)
        throw error;
      // The connection dropped mid-stream: resume from the last version right away; if the
      // server is really gone, opening the next watch fails and backs off.
      return;
    } finally {
      clearTimeout(timer);
      response.destroy();
    }
    if (stalled) {
      throw new StalledError(
        `the watch of ${this.target.resource} went silent for ${
          this.options.stallTimeoutMs / 1000
        }s`,
      );
    }
  }

  /**
   * An object as it arrived in a list or a watch event, with its type's kind and apiVersion,
   * without managedFields (often the largest part of an object, and nobody downstream reads
   * it); undefined, and rejected to the sink, when it does not have the shape of an object.
   */
  private received(item: unknown): any | undefined {
    const object: any =
      typeof item === 'object' && item !== null && !Array.isArray(item)
        ? {
            kind: this.target.kind,
            apiVersion: this.target.apiVersion,
            ...item,
          }
        : item;
    const problem = objectShapeProblem(object);
    if (problem) {
      this.sink.reject(object, problem);
      return undefined;
    }
    if (object.metadata.managedFields) {
      object.metadata = { ...object.metadata };
      delete object.metadata.managedFields;
    }
    return object;
  }

  /**
   * Hands what the watch learned to the sink. Whatever goes wrong downstream is the sink's
   * problem, not the watch's: it is rejected with the object, and the watch flows on.
   */
  private deliver(object: unknown, delivery: () => void) {
    try {
      delivery();
    } catch (error) {
      this.sink.reject(object, `taking it in failed: ${describeError(error)}`);
    }
  }

  private handleEvent(raw: unknown) {
    const event = (typeof raw === 'object' && raw !== null ? raw : {}) as {
      type?: unknown;
      object?: any;
    };
    const object = event.object ?? {};
    switch (event.type) {
      case 'ADDED':
      case 'MODIFIED': {
        const accepted = this.received(object);
        if (accepted) this.deliver(accepted, () => this.sink.upsert(accepted));
        else {
          // A version the store may hold from before is no longer what the cluster has.
          if (uidOf(object))
            this.deliver(object, () => this.sink.remove(object));
        }
        break;
      }
      case 'DELETED': {
        const uid = uidOf(object);
        if (uid)
          this.deliver(object, () =>
            this.sink.remove({
              kind: this.target.kind,
              apiVersion: this.target.apiVersion,
              ...object,
            }),
          );
        else this.sink.reject(object, 'a deletion without a uid');
        break;
      }
      case 'BOOKMARK':
        break;
      case 'ERROR':
        if (object.code === 410)
          throw new GoneError(
            typeof object.message === 'string'
              ? object.message
              : 'resourceVersion expired',
          );
        throw new KubeApiError(
          typeof object.code === 'number' ? object.code : 500,
          typeof object.message === 'string' ? object.message : 'watch error',
          object,
        );
      default:
        this.sink.reject(
          object,
          `a watch event of unknown type ${JSON.stringify(event.type)?.slice(
            0,
            64,
          )}`,
        );
        return;
    }
    const version = object.metadata?.resourceVersion;
    if (typeof version === 'string' && version !== '')
      this.resourceVersion = version;
  }
}
