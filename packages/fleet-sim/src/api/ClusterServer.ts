import { IncomingMessage, ServerResponse } from 'node:http';
import { createSecureServer, Http2SecureServer } from 'node:http2';
import { Duplex } from 'node:stream';
import { authorize, SimUser, verbOf } from './auth';
import * as discovery from './discovery';
import { impersonate } from './impersonation';
import { formatLogTime, LogOptions, LogStore } from './logs';
import { groupDocument, openApiRoot } from './openapi';
import { patchTypeOf } from './patch';
import { decodeKubeProtobuf, UnreadableProtobuf } from './protobuf';
import { groupVersionOf, ResourceType, storageTypeKeyOf } from './resources';
import { SimulatedCluster, Subresource } from './SimulatedCluster';
import {
  ApiError,
  badRequest,
  expired,
  notAcceptable,
  SERVED_MEDIA_TYPES,
  internalError,
  KubeStatus,
  methodNotAllowed,
  pathNotFound,
  successStatus,
  tooLargeResourceVersion,
  tooManyRequests,
  unauthorized,
  unsupportedMediaType,
} from './status';
import { toTable, wantsTable } from './table';
import { reviewToken } from './tokenReview';
import { KubeObject, WatchEventType } from './types';
import { Change } from '../store/ObjectStore';
import { fromEventsV1, toEventsV1 } from './events';
import { listenTracked } from '../listen';
import { indexAfter, ListSnapshots } from './listSnapshots';

export interface ClusterServerOptions {
  cluster: SimulatedCluster;
  logs: LogStore;
  users: SimUser[];
  tls: { key: string; cert: string };
  host?: string;
  port?: number;
  /** How often watches that allow bookmarks get one. */
  bookmarkIntervalMs?: number;
  /** Kubernetes version the server reports. */
  gitVersion?: string;
}

interface ResourceRoute {
  type: ResourceType;
  namespace?: string;
  name?: string;
  subresource?: string;
}

interface ActiveWatch {
  response: ServerResponse;
  stalled: boolean;
}

const MAX_BODY_BYTES = 3 * 1024 * 1024;
const SLOW_WATCHER_BYTES = 32 * 1024 * 1024;

/** Faults a test can inject into one cluster's API server. */
export interface FaultState {
  /** Answer the next `count` requests (watches included) with this status code. */
  failures?: {
    code: 429 | 500 | 503;
    remaining: number;
    retryAfterSeconds: number;
  };
  /** New and open watch streams stop sending events, keeping the connection open. */
  stallWatches: boolean;
}

/**
 * The HTTPS face of one simulated cluster: the Kubernetes REST API as kubectl and client
 * libraries use it (discovery, list with pagination and selectors, watch with bookmarks and
 * 410 Gone, get/create/update/patch/delete, status and scale subresources, pod logs, tables),
 * with bearer-token authentication, RBAC-style refusals and injectable faults.
 */
/**
 * Every value of each request header, lower-cased, as HTTP/1.1's `headersDistinct` gives them;
 * HTTP/2 requests have only their raw headers (a repeated header stays repeated there).
 */
function distinctHeaders(req: IncomingMessage): NodeJS.Dict<string[]> {
  if (req.headersDistinct) return req.headersDistinct;
  const distinct: NodeJS.Dict<string[]> = {};
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i].toLowerCase();
    if (name.startsWith(':')) continue;
    (distinct[name] ??= []).push(req.rawHeaders[i + 1]);
  }
  return distinct;
}

export class ClusterServer {
  private server?: Http2SecureServer;
  private readonly sockets = new Set<Duplex>();
  private readonly watches = new Set<ActiveWatch>();
  private readonly listSnapshots = new ListSnapshots();
  private boundPort = 0;
  readonly faults: FaultState = { stallWatches: false };
  /** Requests served since start, for load accounting in benchmarks. */
  requestCount = 0;

  constructor(private readonly options: ClusterServerOptions) {}

  get cluster() {
    return this.options.cluster;
  }

  get port() {
    return this.boundPort;
  }

  get url() {
    return `https://${this.options.host ?? '127.0.0.1'}:${this.boundPort}`;
  }

  get reachable() {
    return this.server !== undefined;
  }

  async start(): Promise<number> {
    // HTTP/2 for the clients that offer it (client-go, the WECS backend), HTTP/1.1 for the
    // rest, as a real API server serves both.
    const server = createSecureServer(
      {
        key: this.options.tls.key,
        cert: this.options.tls.cert,
        allowHTTP1: true,
      },
      (req, res) =>
        this.handle(
          req as unknown as IncomingMessage,
          res as unknown as ServerResponse,
        ),
    );
    this.boundPort = await listenTracked(
      server,
      this.boundPort || this.options.port || 0,
      this.options.host ?? '127.0.0.1',
      this.sockets,
    );
    this.server = server;
    return this.boundPort;
  }

  /** Closes the listener and every connection: clients see the cluster as unreachable. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const watch of this.watches) watch.response.destroy();
    this.watches.clear();
    for (const socket of this.sockets) socket.destroy();
    if (server)
      await new Promise<void>(resolve => server.close(() => resolve()));
  }

  /** Ends every open watch stream abruptly, as a dropped connection would. */
  cutWatches(): number {
    const count = this.watches.size;
    for (const watch of this.watches) watch.response.destroy();
    this.watches.clear();
    return count;
  }

  /**
   * Stalled watches stop sending without closing. A watch caught in a stall stays silent until
   * it is closed, as a half-dead TCP connection does; only new watches see the stall end.
   */
  setWatchesStalled(stalled: boolean) {
    this.faults.stallWatches = stalled;
    if (stalled) for (const watch of this.watches) watch.stalled = true;
  }

  get openWatchCount() {
    return this.watches.size;
  }

  // --- request handling ----------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse) {
    this.requestCount++;
    try {
      const url = new URL(req.url ?? '/', 'https://sim');
      const path = url.pathname.replace(/\/+$/, '') || '/';
      if (this.isPublicPath(path)) {
        this.servePublic(path, res);
        return;
      }
      const user = this.authenticate(req);
      checkAcceptable(req.headers.accept);
      this.injectFailure(res);
      await this.route(req, res, path, url.searchParams, user);
    } catch (error) {
      this.sendError(res, error);
    }
  }

  private isPublicPath(path: string) {
    return ['/version', '/healthz', '/readyz', '/livez'].includes(path);
  }

  private servePublic(path: string, res: ServerResponse) {
    if (path === '/version') {
      const gitVersion = this.options.gitVersion ?? 'v1.32.4';
      const [major, minor] = gitVersion.replace(/^v/, '').split('.');
      this.sendJson(res, 200, {
        major,
        minor,
        gitVersion: `${gitVersion}+fleet-sim`,
        gitCommit: '0000000000000000000000000000000000000000',
        gitTreeState: 'clean',
        buildDate: '2026-01-01T00:00:00Z',
        goVersion: 'go1.26',
        compiler: 'gc',
        platform: 'linux/amd64',
      });
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('ok');
  }

  /** The user a request acts as: its bearer token's, or the one it impersonates. */
  private authenticate(req: IncomingMessage): SimUser {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const user = match && this.options.users.find(u => u.token === match[1]);
    if (!user) throw unauthorized();
    return impersonate(user, distinctHeaders(req), this.options.users);
  }

  private injectFailure(res: ServerResponse) {
    const failures = this.faults.failures;
    if (!failures || failures.remaining <= 0) return;
    failures.remaining--;
    if (failures.remaining === 0) this.faults.failures = undefined;
    if (failures.code === 429) {
      res.setHeader('Retry-After', String(failures.retryAfterSeconds));
      throw tooManyRequests(failures.retryAfterSeconds);
    }
    const error = internalError('injected fault');
    error.status.code = failures.code;
    if (failures.code === 503) {
      error.status.reason = 'ServiceUnavailable';
      error.status.message =
        'the server is currently unable to handle the request';
    }
    throw error;
  }

  private async route(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    query: URLSearchParams,
    user: SimUser,
  ) {
    const { types } = this.cluster;
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    if (parts[0] === 'api') {
      if (parts.length === 1) {
        this.sendJson(
          res,
          200,
          discovery.coreVersions(`127.0.0.1:${this.boundPort}`),
        );
        return;
      }
      if (parts[1] !== 'v1') throw pathNotFound();
      if (parts.length === 2) {
        this.sendJson(res, 200, discovery.resourceList(types, 'v1'));
        return;
      }
      await this.serveResource(
        req,
        res,
        this.resourceRoute('', 'v1', parts.slice(2)),
        query,
        user,
      );
      return;
    }
    if (parts[0] === 'openapi' && parts[1] === 'v3') {
      const doc =
        parts.length === 2
          ? openApiRoot(types)
          : groupDocument(types, parts.slice(3).join('/'));
      if (!doc) throw pathNotFound();
      this.sendJson(res, 200, doc);
      return;
    }
    if (parts[0] === 'apis') {
      if (parts.length === 1) {
        this.sendJson(res, 200, discovery.groupList(types));
        return;
      }
      if (parts.length === 2) {
        const doc = discovery.group(types, parts[1]);
        if (!doc) throw pathNotFound();
        this.sendJson(res, 200, doc);
        return;
      }
      if (parts.length === 3) {
        const doc = discovery.resourceList(types, `${parts[1]}/${parts[2]}`);
        if (!doc) throw pathNotFound();
        this.sendJson(res, 200, doc);
        return;
      }
      await this.serveResource(
        req,
        res,
        this.resourceRoute(parts[1], parts[2], parts.slice(3)),
        query,
        user,
      );
      return;
    }
    throw pathNotFound();
  }

  /** Parses `[namespaces/<ns>/]<plural>[/<name>[/<subresource>]]`. */
  private resourceRoute(
    group: string,
    version: string,
    rest: string[],
  ): ResourceRoute {
    const { types } = this.cluster;
    let namespace: string | undefined;
    let segments = rest;
    if (
      segments[0] === 'namespaces' &&
      segments.length >= 3 &&
      !['status', 'finalize'].includes(segments[2])
    ) {
      namespace = segments[1];
      segments = segments.slice(2);
    }
    const [plural, name, subresource, ...extra] = segments;
    const type = types.find(group, version, plural);
    if (!type || extra.length > 0) throw pathNotFound();
    if (namespace !== undefined && !type.namespaced) throw pathNotFound();
    if (subresource) {
      const allowed = [
        ...(type.subresources ?? []),
        ...(type.kind === 'Namespace' ? ['finalize'] : []),
      ];
      if (!allowed.includes(subresource as any)) throw pathNotFound();
    }
    return { type, namespace, name, subresource };
  }

  private async serveResource(
    req: IncomingMessage,
    res: ServerResponse,
    route: ResourceRoute,
    query: URLSearchParams,
    user: SimUser,
  ) {
    const { type, namespace, name, subresource } = route;
    const method = req.method ?? 'GET';
    const watch = isTrue(query.get('watch'));
    authorize(
      user,
      verbOf(method, name !== undefined, watch),
      type,
      namespace,
      subresource,
      name,
    );
    const dryRun = query.getAll('dryRun').includes('All');

    if (type.createOnly) {
      if (method !== 'POST' || name !== undefined) throw methodNotAllowed();
      const review = (await readJson(req)) as KubeObject;
      this.sendJson(res, 201, reviewToken(this.options.users, review));
      return;
    }
    if (subresource === 'log') {
      if (method !== 'GET') throw methodNotAllowed();
      this.serveLogs(res, type, namespace!, name!, query);
      return;
    }
    if (name === undefined) {
      switch (method) {
        case 'GET':
          if (watch) this.serveWatch(req, res, type, namespace, query);
          else this.serveList(req, res, type, namespace, query);
          return;
        case 'POST': {
          const body = (await readJson(req)) as KubeObject;
          const created = this.writeThrough(type, core =>
            this.cluster.create(
              core,
              namespace,
              this.toStorageShape(type, body),
              { dryRun },
            ),
          );
          this.sendJson(res, 201, this.present(type, created));
          return;
        }
        case 'DELETE': {
          const options = await readDeleteOptions(req, query);
          const matches = this.cluster.list(type, namespace, {
            labelSelector: query.get('labelSelector') ?? undefined,
            fieldSelector: query.get('fieldSelector') ?? undefined,
          });
          for (const object of matches) {
            this.cluster.delete(
              type,
              object.metadata.namespace,
              object.metadata.name!,
              options,
            );
          }
          this.sendJson(
            res,
            200,
            this.listBody(type, matches, {
              resourceVersion: String(this.cluster.store.currentRevision),
            }),
          );
          return;
        }
        default:
          throw methodNotAllowed();
      }
    }
    const sub = subresource as Subresource | undefined;
    switch (method) {
      case 'GET': {
        const object = this.cluster.get(type, namespace, name);
        if (sub === 'scale') {
          this.sendJson(res, 200, this.cluster.scaleOf(type, object));
        } else if (wantsTable(req.headers.accept) && !sub) {
          this.sendJson(
            res,
            200,
            toTable(
              type,
              [this.present(type, object)],
              { resourceVersion: object.metadata.resourceVersion },
              query.get('includeObject') ?? undefined,
            ),
          );
        } else {
          this.sendJson(res, 200, this.present(type, object));
        }
        return;
      }
      case 'PUT': {
        const body = (await readJson(req)) as KubeObject;
        const updated = this.writeThrough(type, core =>
          this.cluster.update(
            core,
            namespace,
            name,
            sub === 'scale' ? body : this.toStorageShape(type, body),
            {
              subresource: sub,
              dryRun,
            },
          ),
        );
        this.sendJson(
          res,
          200,
          sub === 'scale' ? updated : this.present(type, updated),
        );
        return;
      }
      case 'PATCH': {
        const patchType = patchTypeOf(req.headers['content-type']);
        const patch = await readJson(req, patchType === 'apply');
        const patched = this.writeThrough(type, core =>
          this.cluster.patch(core, namespace, name, patchType, patch, {
            subresource: sub,
            dryRun,
          }),
        );
        this.sendJson(
          res,
          200,
          sub === 'scale' ? patched : this.present(type, patched),
        );
        return;
      }
      case 'DELETE': {
        const options = await readDeleteOptions(req, query);
        if (dryRun) {
          this.sendJson(
            res,
            200,
            this.present(type, this.cluster.get(type, namespace, name)),
          );
          return;
        }
        const { object, gone } = this.cluster.delete(
          type,
          namespace,
          name,
          options,
        );
        if (gone && !type.custom) {
          this.sendJson(
            res,
            200,
            successStatus(type, name, object.metadata.uid),
          );
        } else {
          this.sendJson(res, 200, this.present(type, object));
        }
        return;
      }
      default:
        throw methodNotAllowed();
    }
  }

  // --- list and watch --------------------------------------------------------------------

  private serveList(
    req: IncomingMessage,
    res: ServerResponse,
    type: ResourceType,
    namespace: string | undefined,
    query: URLSearchParams,
  ) {
    const { store } = this.cluster;
    const matches = this.cluster.matcher(type, {
      labelSelector: query.get('labelSelector') ?? undefined,
      fieldSelector: query.get('fieldSelector') ?? undefined,
    });
    const limit = Number(query.get('limit') ?? 0) || 0;
    const continueToken = query.get('continue');
    const requestedVersion = query.get('resourceVersion') ?? '';
    const match = query.get('resourceVersionMatch') ?? '';
    const typeKey = storageTypeKeyOf(type);

    // The lists a paged LIST's continue tokens come back to, one per revision and selection.
    const snapshotKey = (revision: number) =>
      [
        typeKey,
        namespace ?? '',
        revision,
        query.get('labelSelector') ?? '',
        query.get('fieldSelector') ?? '',
      ].join('\0');
    let revision = store.currentRevision;
    let startAfter: string | undefined;
    // The matching objects, sorted by key, once known.
    let objects: KubeObject[] | undefined;
    if (continueToken) {
      const token = decodeContinue(continueToken);
      revision = token.rv;
      startAfter = token.start;
      // A compacted revision ends its continue tokens, kept list or not.
      objects =
        revision < store.oldestRevision
          ? undefined
          : this.listSnapshots.get(snapshotKey(revision), () =>
              store.listAt(typeKey, revision, namespace)?.filter(matches),
            );
      if (!objects) {
        throw expired(
          'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
        );
      }
    } else if (requestedVersion && requestedVersion !== '0') {
      const wanted = Number(requestedVersion);
      if (!Number.isInteger(wanted) || wanted < 0) {
        throw badRequest(`invalid resource version "${requestedVersion}"`);
      }
      if (wanted > store.currentRevision) {
        throw tooLargeResourceVersion(wanted, store.currentRevision);
      }
      if (match === 'Exact') {
        objects = store.listAt(typeKey, wanted, namespace)?.filter(matches);
        if (!objects) {
          throw expired(
            `The resourceVersion for the provided list is too old.`,
          );
        }
        revision = wanted;
      }
    }
    // Like the watch cache, resourceVersion=0 answers the whole list and ignores the limit.
    const paged = limit > 0 && requestedVersion !== '0';
    if (!objects) {
      objects = store
        .list(typeKey, type.namespaced ? namespace : undefined)
        .filter(matches);
      if (paged && objects.length > limit)
        this.listSnapshots.put(snapshotKey(revision), objects);
    }
    const start =
      startAfter === undefined
        ? 0
        : indexAfter(objects, startAfter, o => this.cluster.objectKey(o));
    const meta: Record<string, unknown> = { resourceVersion: String(revision) };
    if (paged && objects.length - start > limit) {
      const remaining = objects.length - start - limit;
      objects = objects.slice(start, start + limit);
      meta.continue = encodeContinue(
        revision,
        this.cluster.objectKey(objects[objects.length - 1]),
      );
      meta.remainingItemCount = remaining;
    } else {
      objects = objects.slice(start);
    }
    const presented = objects.map(o => this.present(type, o));
    if (wantsTable(req.headers.accept)) {
      this.sendJson(
        res,
        200,
        toTable(type, presented, meta, query.get('includeObject') ?? undefined),
      );
      return;
    }
    this.sendJson(res, 200, this.listBody(type, presented, meta));
  }

  private listBody(
    type: ResourceType,
    objects: KubeObject[],
    meta: Record<string, unknown>,
  ) {
    return {
      kind: `${type.kind}List`,
      apiVersion: groupVersionOf(type),
      metadata: meta,
      // Typed lists of built-in kinds carry no kind and apiVersion on their items.
      items: type.custom
        ? objects
        : objects.map(({ kind: _k, apiVersion: _a, ...rest }) => rest),
    };
  }

  private serveWatch(
    req: IncomingMessage,
    res: ServerResponse,
    type: ResourceType,
    namespace: string | undefined,
    query: URLSearchParams,
  ) {
    const { store } = this.cluster;
    const typeKey = storageTypeKeyOf(type);
    const matches = this.cluster.matcher(type, {
      labelSelector: query.get('labelSelector') ?? undefined,
      fieldSelector: query.get('fieldSelector') ?? undefined,
    });
    const inScope = (o: KubeObject) =>
      !namespace || !type.namespaced || o.metadata.namespace === namespace;
    const requestedVersion = query.get('resourceVersion') ?? '';
    const bookmarks = isTrue(query.get('allowWatchBookmarks'));
    const sendInitialEvents = isTrue(query.get('sendInitialEvents'));
    const asTable = wantsTable(req.headers.accept);
    const includeObject = query.get('includeObject') ?? undefined;

    if (
      requestedVersion &&
      requestedVersion !== '0' &&
      !/^\d+$/.test(requestedVersion)
    ) {
      throw badRequest(`invalid resource version "${requestedVersion}"`);
    }

    if (
      requestedVersion &&
      requestedVersion !== '0' &&
      Number(requestedVersion) > store.currentRevision
    ) {
      throw tooLargeResourceVersion(
        Number(requestedVersion),
        store.currentRevision,
      );
    }

    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Cache-Control': 'no-cache, private',
    });
    res.flushHeaders();
    const watch: ActiveWatch = {
      response: res,
      stalled: this.faults.stallWatches,
    };
    this.watches.add(watch);

    const write = (eventType: WatchEventType, object: unknown) => {
      if (watch.stalled || res.destroyed || res.writableEnded) return;
      const payload =
        asTable && eventType !== 'ERROR' && eventType !== 'BOOKMARK'
          ? toTable(type, [object as KubeObject], {}, includeObject)
          : object;
      res.write(`${JSON.stringify({ type: eventType, object: payload })}\n`);
      if (res.writableLength > SLOW_WATCHER_BYTES) {
        // The API server drops watchers that cannot keep up.
        res.destroy();
      }
    };
    let lastSent = 0;
    const deliver = (change: Change) => {
      if (change.typeKey !== typeKey || change.revision <= lastSent) return;
      const now = inScope(change.object) && matches(change.object);
      const before =
        !!change.previous &&
        inScope(change.previous) &&
        matches(change.previous);
      let eventType: WatchEventType | undefined;
      if (change.type === 'ADDED') eventType = now ? 'ADDED' : undefined;
      else if (change.type === 'DELETED')
        eventType = before || now ? 'DELETED' : undefined;
      else if (now && before) eventType = 'MODIFIED';
      else if (now) eventType = 'ADDED';
      else if (before) eventType = 'DELETED';
      lastSent = change.revision;
      if (eventType) write(eventType, this.present(type, change.object));
    };

    const pending: Change[] = [];
    let replaying = true;
    const unsubscribe = store.subscribe(change => {
      if (replaying) pending.push(change);
      else deliver(change);
    });

    if (!requestedVersion || requestedVersion === '0' || sendInitialEvents) {
      for (const object of store
        .list(typeKey)
        .filter(o => inScope(o) && matches(o))) {
        write('ADDED', this.present(type, object));
      }
      lastSent = store.currentRevision;
      if (sendInitialEvents && bookmarks) {
        write('BOOKMARK', this.bookmark(type, store.currentRevision, true));
      }
    } else {
      const since = Number(requestedVersion);
      const changes = store.changesSince(typeKey, since);
      if (!changes) {
        write(
          'ERROR',
          expired(
            `too old resource version: ${since} (${store.oldestRevision})`,
          ).status,
        );
        unsubscribe();
        this.watches.delete(watch);
        res.end();
        return;
      }
      lastSent = since;
      for (const change of changes) deliver(change);
    }
    replaying = false;
    for (const change of pending) deliver(change);
    pending.length = 0;

    const timers: NodeJS.Timeout[] = [];
    if (bookmarks) {
      timers.push(
        setInterval(
          () =>
            write(
              'BOOKMARK',
              this.bookmark(type, Math.max(lastSent, store.currentRevision)),
            ),
          this.options.bookmarkIntervalMs ?? 60_000,
        ),
      );
    }
    const timeoutSeconds = Number(query.get('timeoutSeconds') ?? 0);
    const timeoutMs =
      timeoutSeconds > 0
        ? timeoutSeconds * 1000
        : 1800_000 * (1 + Math.random());
    const close = () => {
      unsubscribe();
      timers.forEach(t => clearInterval(t));
      this.watches.delete(watch);
      if (!res.writableEnded) res.end();
    };
    timers.push(setTimeout(close, timeoutMs));
    res.on('close', close);
    req.on('close', close);
  }

  private bookmark(
    type: ResourceType,
    revision: number,
    initialEventsEnd = false,
  ) {
    return {
      kind: type.kind,
      apiVersion: groupVersionOf(type),
      metadata: {
        resourceVersion: String(revision),
        ...(initialEventsEnd
          ? { annotations: { 'k8s.io/initial-events-end': 'true' } }
          : {}),
      },
    };
  }

  // --- logs --------------------------------------------------------------------------------

  private serveLogs(
    res: ServerResponse,
    type: ResourceType,
    namespace: string,
    name: string,
    query: URLSearchParams,
  ) {
    const pod = this.cluster.get(type, namespace, name);
    const options: LogOptions = {
      container: query.get('container') ?? undefined,
      follow: isTrue(query.get('follow')),
      previous: isTrue(query.get('previous')),
      timestamps: isTrue(query.get('timestamps')),
      tailLines: optionalInteger(query, 'tailLines'),
      sinceSeconds: optionalInteger(query, 'sinceSeconds'),
      sinceTime: query.get('sinceTime') ?? undefined,
      limitBytes: optionalInteger(query, 'limitBytes'),
    };
    if (options.sinceSeconds !== undefined && options.sinceTime) {
      throw badRequest(
        'at most one of `sinceTime` or `sinceSeconds` may be specified',
      );
    }
    if (
      options.sinceTime &&
      !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(
        options.sinceTime,
      )
    ) {
      throw badRequest(
        `parsing time "${options.sinceTime}" as "2006-01-02T15:04:05Z07:00": cannot parse it as RFC 3339`,
      );
    }
    if (options.sinceSeconds !== undefined && options.sinceSeconds < 1) {
      throw badRequest(
        'PodLogOptions "" is invalid: sinceSeconds: Invalid value: 0: must be greater than 0',
      );
    }
    const opened = this.options.logs.open(pod, options);
    res.writeHead(200, {
      'Content-Type': 'text/plain',
    });
    let budget = options.limitBytes ?? Infinity;
    const write = (line: { time: number; text: string }) => {
      const text = `${
        options.timestamps ? `${formatLogTime(line.time)} ` : ''
      }${line.text}\n`;
      const bytes = Buffer.byteLength(text);
      if (bytes > budget) {
        res.write(Buffer.from(text).subarray(0, budget));
        budget = 0;
        res.end();
        return false;
      }
      budget -= bytes;
      res.write(text);
      return true;
    };
    for (const line of opened.lines) {
      if (!write(line)) return;
    }
    if (!options.follow || opened.ended) {
      res.end();
      return;
    }
    const stop = opened.follow(line => {
      if (!line) {
        res.end();
        stop();
        return;
      }
      if (!write(line)) stop();
    });
    res.on('close', stop);
  }

  // --- shapes ----------------------------------------------------------------------------

  /** An object as the requested group version shows it. */
  private present(type: ResourceType, object: KubeObject): KubeObject {
    if (type.group === 'events.k8s.io') return toEventsV1(object);
    if (object.apiVersion !== groupVersionOf(type)) {
      return { ...object, apiVersion: groupVersionOf(type) };
    }
    return object;
  }

  /** events.k8s.io writes are stored as the core Events they are another view of. */
  private toStorageShape(type: ResourceType, body: KubeObject): KubeObject {
    return type.group === 'events.k8s.io' ? fromEventsV1(body) : body;
  }

  private writeThrough(
    type: ResourceType,
    write: (storageType: ResourceType) => KubeObject,
  ) {
    if (type.group !== 'events.k8s.io') return write(type);
    return write(this.cluster.types.find('', 'v1', 'events')!);
  }

  private sendJson(res: ServerResponse, code: number, body: unknown) {
    const text = JSON.stringify(body);
    res.writeHead(code, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(text),
      'Cache-Control': 'no-cache, private',
    });
    res.end(text);
  }

  private sendError(res: ServerResponse, error: unknown) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const status: KubeStatus =
      error instanceof ApiError
        ? error.status
        : internalError(error instanceof Error ? error.message : String(error))
            .status;
    if (status.code === 429 && status.details?.retryAfterSeconds) {
      res.setHeader('Retry-After', String(status.details.retryAfterSeconds));
    }
    this.sendJson(res, status.code, status);
  }
}

/**
 * Refuses an Accept header naming none of the served media types, as a real API server does:
 * even pod logs, which it sends as text/plain, are refused to `Accept: text/plain`.
 */
function checkAcceptable(accept: string | undefined) {
  if (!accept) return;
  const ranges = accept
    .split(',')
    .map(range => range.split(';')[0].trim().toLowerCase());
  const acceptable = ranges.some(
    range =>
      range === '*/*' ||
      range === 'application/*' ||
      SERVED_MEDIA_TYPES.includes(range),
  );
  if (!acceptable) throw notAcceptable();
}

function isTrue(value: string | null) {
  return value === 'true' || value === '1';
}

function optionalInteger(
  query: URLSearchParams,
  name: string,
): number | undefined {
  const value = query.get(name);
  if (value === null || value === '') return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) {
    throw badRequest(
      `${name}: Invalid value: "${value}": must be a non-negative integer`,
    );
  }
  return number;
}

function encodeContinue(rv: number, start: string) {
  return Buffer.from(
    JSON.stringify({ v: 'meta.k8s.io/v1', rv, start }),
  ).toString('base64url');
}

function decodeContinue(token: string): { rv: number; start: string } {
  try {
    const decoded = JSON.parse(
      Buffer.from(token, 'base64url').toString('utf8'),
    );
    if (typeof decoded.rv !== 'number' || typeof decoded.start !== 'string')
      throw new Error();
    return decoded;
  } catch {
    throw badRequest(
      'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
    );
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      const error = badRequest('the request body is too large');
      error.status.code = 413;
      error.status.reason = 'RequestEntityTooLarge';
      throw error;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function readJson(
  req: IncomingMessage,
  allowYaml = false,
): Promise<unknown> {
  const mediaType = (req.headers['content-type'] ?? 'application/json')
    .split(';')[0]
    .trim();
  if (mediaType === 'application/vnd.kubernetes.protobuf') {
    // kubectl's typed clients write protobuf; the few kinds they write that way are read.
    try {
      return decodeKubeProtobuf(await readBody(req));
    } catch (error) {
      if (error instanceof UnreadableProtobuf)
        throw unsupportedMediaType(mediaType);
      throw error;
    }
  }
  if (!allowYaml && !mediaType.endsWith('json')) {
    // CBOR bodies are refused; client-go then retries the request as JSON.
    throw unsupportedMediaType(mediaType);
  }
  const text = (await readBody(req)).toString('utf8');
  if (!text.trim()) throw badRequest('the request body is empty');
  try {
    return JSON.parse(text);
  } catch (error) {
    if (allowYaml) {
      const { parse } = await import('yaml');
      return parse(text);
    }
    throw badRequest(
      `the request body is not valid JSON: ${(error as Error).message}`,
    );
  }
}

async function readDeleteOptions(req: IncomingMessage, query: URLSearchParams) {
  const text = (await readBody(req)).toString('utf8');
  const body = text.trim() ? JSON.parse(text) : {};
  const grace = query.get('gracePeriodSeconds') ?? body.gracePeriodSeconds;
  const policy = query.get('propagationPolicy') ?? body.propagationPolicy;
  if (policy && !['Orphan', 'Background', 'Foreground'].includes(policy)) {
    throw badRequest(
      `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan", "nil"`,
    );
  }
  return {
    propagationPolicy: policy,
    gracePeriodSeconds:
      grace === undefined || grace === null ? undefined : Number(grace),
    preconditions: body.preconditions,
  };
}
