import {
  AuthService,
  HttpRouterService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  LogServerMessage,
  LogSource,
  SlimResource,
  wecsLogsReadPermission,
} from '@kubestellar/plugin-wecs-common';
import { IncomingMessage } from 'node:http';
import { WebSocket, WebSocketServer } from 'ws';
import { describeError } from '../model/errors';
import {
  LOG_ACCEPT,
  LogRequest,
  logPath,
  parseLogRequest,
} from '../model/logRequest';
import { KIND_PATTERN, NAME_PATTERN } from '../model/validation';
import { FleetStore } from '../store/FleetStore';
import { WatchPool } from '../watch/WatchPool';
import { authorizeUpgrade, refuseUpgrade, upgrade } from './socketServer';

const BATCH_MS = 100;
/** Above this many queued bytes the upstream streams pause until the client catches up. */
const HIGH_WATER_BYTES = 1024 * 1024;

export interface LogSocketRequest extends Omit<LogRequest, 'pod'> {
  cluster: string;
  /** One pod, or every pod of a workload. */
  pod?: string;
  workload?: { kind: string; name: string };
  /** Every container of the pod(s) (init and sidecars included) instead of one. */
  allContainers: boolean;
}

/** Parses `?cluster=&namespace=&pod=|workloadKind=&workloadName=&container=|allContainers=true&...`. */
export function parseLogSocketRequest(url: string): LogSocketRequest {
  const query = Object.fromEntries(new URL(url, 'http://socket').searchParams);
  const cluster = query.cluster;
  if (!cluster || !NAME_PATTERN.test(cluster))
    throw new InputError('cluster is required and must be a valid name');
  const workloadKind = query.workloadKind;
  const workloadName = query.workloadName;
  const workload =
    workloadKind || workloadName
      ? { kind: workloadKind ?? '', name: workloadName ?? '' }
      : undefined;
  if (
    workload &&
    (!KIND_PATTERN.test(workload.kind) || !NAME_PATTERN.test(workload.name))
  ) {
    throw new InputError(
      'workloadKind and workloadName must both name the workload',
    );
  }
  if (workload && query.pod)
    throw new InputError('Give either pod or a workload, not both');
  const base = parseLogRequest({
    ...query,
    pod: query.pod ?? workload?.name ?? '',
  });
  const { pod, ...rest } = base;
  return {
    ...rest,
    cluster,
    ...(workload ? { workload } : { pod }),
    allContainers: ['true', '1'].includes(query.allContainers ?? ''),
  };
}

/** The pods of a workload, following owners (Deployment -> ReplicaSet -> Pod, CronJob -> Job -> Pod). */
export function podsOfWorkload(
  store: FleetStore,
  cluster: string,
  namespace: string,
  kind: string,
  name: string,
): SlimResource[] {
  const inNamespace = store.query({ cluster, namespaces: [namespace] });
  const root = inNamespace.find(
    r => r.kind.toLowerCase() === kind.toLowerCase() && r.name === name,
  );
  if (!root) return [];
  const owners = new Set([root.uid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const r of inNamespace) {
      if (
        !owners.has(r.uid) &&
        r.kind !== 'Pod' &&
        r.owners?.some(o => owners.has(o.uid))
      ) {
        owners.add(r.uid);
        grew = true;
      }
    }
  }
  return inNamespace.filter(
    r => r.kind === 'Pod' && r.owners?.some(o => owners.has(o.uid)),
  );
}

/** The containers to stream: the one asked for, every container, or the pod's main one. */
function sourcesFor(
  request: LogSocketRequest,
  pods: SlimResource[],
): LogSource[] {
  return pods.flatMap(pod => {
    const containers = pod.summary?.containers ?? [];
    if (request.container)
      return [{ pod: pod.name, container: request.container }];
    if (request.allContainers)
      return containers.map(c => ({ pod: pod.name, container: c.name }));
    const main = containers.find(c => c.role === 'main') ?? containers[0];
    return main ? [{ pod: pod.name, container: main.name }] : [];
  });
}

/**
 * Streams the logs of one container, all containers of a pod, or all pods of a workload over a
 * WebSocket, each line tagged with its pod and container. Upstream follow requests are aborted
 * when the client leaves, and paused while the client is slow.
 */
export async function serveLogSocket(
  ws: WebSocket,
  request: LogSocketRequest,
  pool: WatchPool,
  store: FleetStore,
  logger: LoggerService,
) {
  const send = (message: LogServerMessage) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
  };
  const cluster = pool.cluster(request.cluster);
  if (!cluster) {
    send({
      type: 'error',
      message: `No cluster named ${request.cluster} is monitored`,
    });
    ws.close(1008, 'unknown cluster');
    return;
  }
  const pods = request.workload
    ? podsOfWorkload(
        store,
        request.cluster,
        request.namespace,
        request.workload.kind,
        request.workload.name,
      )
    : store
        .query({
          cluster: request.cluster,
          kinds: ['Pod'],
          namespaces: [request.namespace],
        })
        .filter(p => p.name === request.pod);
  const sources =
    request.pod && pods.length === 0 && request.container
      ? [{ pod: request.pod, container: request.container }]
      : sourcesFor(request, pods);
  if (sources.length === 0) {
    send({
      type: 'error',
      message: request.workload
        ? `${request.workload.kind} ${request.workload.name} has no pods in ${request.cluster}/${request.namespace}`
        : `Pod ${request.pod} is not known in ${request.cluster}/${request.namespace}`,
    });
    ws.close(1000);
    return;
  }
  send({ type: 'sources', sources });

  const controllers = sources.map(() => new AbortController());
  const upstreams: IncomingMessage[] = [];
  let pending: Array<LogSource & { text: string }> = [];
  let open = sources.length;
  const flush = () => {
    if (pending.length) {
      send({ type: 'lines', lines: pending });
      pending = [];
    }
    const slow = ws.bufferedAmount > HIGH_WATER_BYTES;
    for (const upstream of upstreams) {
      if (slow) upstream.pause();
      else upstream.resume();
    }
  };
  const timer = setInterval(flush, BATCH_MS);
  const finish = (source: LogSource, error?: string) => {
    flush();
    send({ type: 'source-ended', source, ...(error ? { error } : {}) });
    open--;
    if (open === 0) {
      send({ type: 'end' });
      clearInterval(timer);
      ws.close(1000);
    }
  };
  ws.on('close', () => {
    clearInterval(timer);
    controllers.forEach(c => c.abort());
  });

  sources.forEach((source, i) => {
    const path = logPath({
      ...request,
      pod: source.pod,
      container: source.container,
    });
    cluster.client
      .open(path, { signal: controllers[i].signal, accept: LOG_ACCEPT })
      .then(upstream => {
        upstreams.push(upstream);
        let partial = '';
        upstream.setEncoding('utf8');
        upstream.on('data', (chunk: string) => {
          const parts = (partial + chunk).split('\n');
          partial = parts.pop() ?? '';
          for (const text of parts) pending.push({ ...source, text });
        });
        upstream.on('end', () => {
          if (partial) pending.push({ ...source, text: partial });
          finish(source);
        });
        upstream.on('error', error => {
          if (!controllers[i].signal.aborted)
            finish(source, describeError(error));
        });
      })
      .catch(error => {
        if (controllers[i].signal.aborted) return;
        logger.debug(
          `log stream ${source.pod}/${source.container} failed: ${describeError(
            error,
          )}`,
        );
        finish(source, describeError(error));
      });
  });
}

/**
 * Registers `/logs`: Backstage token, `wecs.logs.read`, and at most `maxStreamsPerUser` open
 * log sockets per user (further ones get 429).
 */
export function addLogSocket(options: {
  httpRouter: HttpRouterService;
  auth: AuthService;
  permissions: PermissionsService;
  pool: WatchPool;
  store: FleetStore;
  server: WebSocketServer;
  logger: LoggerService;
  path: string;
  maxStreamsPerUser: number;
}) {
  const {
    httpRouter,
    auth,
    permissions,
    pool,
    store,
    server,
    logger,
    path,
    maxStreamsPerUser,
  } = options;
  const openPerUser = new Map<string, number>();
  httpRouter.addWebSocketHandler({
    path,
    async handler({ request, socket, head, credentials }) {
      if (
        !(await authorizeUpgrade(
          auth,
          permissions,
          credentials,
          socket,
          wecsLogsReadPermission,
        ))
      )
        return;
      const user = auth.isPrincipal(credentials, 'user')
        ? credentials.principal.userEntityRef
        : 'unknown';
      let parsed: LogSocketRequest;
      try {
        parsed = parseLogSocketRequest(request.url ?? '');
      } catch (error) {
        const body = JSON.stringify({
          error: { name: 'InputError', message: (error as Error).message },
        });
        socket.end(
          `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(
            body,
          )}\r\nConnection: close\r\n\r\n${body}`,
          () => socket.destroy(),
        );
        return;
      }
      const count = openPerUser.get(user) ?? 0;
      if (count >= maxStreamsPerUser) {
        refuseUpgrade(
          socket,
          429,
          `At most ${maxStreamsPerUser} log streams may be open per user; close one first`,
        );
        return;
      }
      openPerUser.set(user, count + 1);
      const ws = await upgrade(server, request, socket, head);
      ws.on('close', () =>
        openPerUser.set(user, Math.max(0, (openPerUser.get(user) ?? 1) - 1)),
      );
      await serveLogSocket(ws, parsed, pool, store, logger);
    },
  });
}
