import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  LogServerMessage,
  LogSource,
  SlimResource,
} from '@kubestellar/plugin-wecs-common';
import { IncomingMessage } from 'node:http';
import { describeError, TooManyRequestsError } from '../model/errors';
import {
  LOG_ACCEPT,
  LogRequest,
  logPath,
  parseLogRequest,
} from '../model/logRequest';
import { KIND_PATTERN, NAME_PATTERN } from '../model/validation';
import { FleetStore } from '../store/FleetStore';
import { WatchPool } from '../watch/WatchPool';
import { LiveChannel } from './channel';

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
 * Streams the logs of one container, all containers of a pod, or all pods of a workload to a
 * live channel (a socket or a streamed response), each line tagged with its pod and container.
 * Upstream follow requests are aborted when the client leaves, and paused while the client is
 * slow; the channel is closed after `end`.
 */
export async function serveLogStream(
  channel: LiveChannel<LogServerMessage>,
  request: LogSocketRequest,
  pool: WatchPool,
  store: FleetStore,
  logger: LoggerService,
) {
  const send = (message: LogServerMessage) => channel.send(message);
  const cluster = pool.cluster(request.cluster);
  if (!cluster) {
    send({
      type: 'error',
      message: `No cluster named ${request.cluster} is monitored`,
    });
    channel.close('unknown cluster');
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
    channel.close();
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
    const slow = channel.bufferedAmount > HIGH_WATER_BYTES;
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
      channel.close();
    }
  };
  channel.onClose(() => {
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
 * At most `max` log streams open per user, counted across both transports (log sockets and
 * streamed responses): one counter, so switching transport never doubles the allowance.
 */
export class LogStreamLimit {
  private readonly open = new Map<string, number>();

  constructor(readonly max: number) {}

  /**
   * Counts one more stream for `user` and returns its release (calling it twice is harmless);
   * past the limit, throws a 429 with a message the user can act on.
   */
  acquire(user: string): () => void {
    const count = this.open.get(user) ?? 0;
    if (count >= this.max) {
      throw new TooManyRequestsError(
        `At most ${this.max} log streams may be open per user; close one first`,
      );
    }
    this.open.set(user, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(user) ?? 1) - 1;
      if (left > 0) this.open.set(user, left);
      else this.open.delete(user);
    };
  }
}
