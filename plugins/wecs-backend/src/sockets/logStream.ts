import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  LogCursor,
  LogLineMessage,
  LogServerMessage,
  LogSource,
  SlimResource,
  splitLogTime,
} from '@kubestellar/plugin-wecs-common';
import { KubeApiError } from '@kubestellar/plugin-wecs-node';
import { Readable } from 'node:stream';
import { describeError } from '../model/errors';
import {
  LOG_ACCEPT,
  LogRequest,
  logPath,
  parseLogRequest,
} from '../model/logRequest';
import { flagParam, KIND_PATTERN, NAME_PATTERN } from '../model/validation';
import { FleetStore } from '../store/FleetStore';
import { WatchPool } from '../watch/WatchPool';
import { LiveChannel } from './channel';
import { WorkloadPods } from './workloadPods';

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
    allContainers: flagParam(query.allContainers, 'allContainers'),
  };
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

/** How often and how soon a dropped upstream follow is reopened, where it left off. */
export interface LogRetry {
  attempts: number;
  initialMs: number;
  maxMs: number;
}

const DEFAULT_RETRY: LogRetry = { attempts: 5, initialMs: 500, maxMs: 8_000 };

/** A refusal that a later try may not get: anything but a lost connection, a 5xx or a 429. */
const isFinal = (error: unknown) =>
  error instanceof KubeApiError &&
  error.statusCode < 500 &&
  error.statusCode !== 429;

/** The API server's answer for a container that has not started yet (ContainerCreating, ...). */
const isWaitingToStart = (error: unknown) =>
  error instanceof KubeApiError &&
  error.statusCode === 400 &&
  /is waiting to start|PodInitializing|ContainerCreating/.test(error.message);

const keyOf = (source: LogSource) => `${source.pod}/${source.container}`;

/**
 * Streams the logs of one container, all containers of a pod, or all pods of a workload to a
 * live channel (a socket or a streamed response), each line tagged with its pod and container
 * and split from its timestamp. Upstream follow requests are aborted when the client leaves,
 * paused while the client is slow, and reopened from the last line's time when the connection
 * to the API server drops, skipping what was already sent. A workload's stream that follows
 * takes in the pods the workload gains (a rollout's), announcing the grown set of sources; it
 * ends when the client leaves. Other streams end, and close the channel, when every source has.
 */
export async function serveLogStream(
  channel: LiveChannel<LogServerMessage>,
  request: LogSocketRequest,
  pool: WatchPool,
  store: FleetStore,
  logger: LoggerService,
  retry: LogRetry = DEFAULT_RETRY,
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
  const workloadPods = request.workload
    ? new WorkloadPods(store, {
        cluster: request.cluster,
        namespace: request.namespace,
        ...request.workload,
      })
    : undefined;
  const pods = workloadPods
    ? workloadPods.current()
    : store
        .query({
          cluster: request.cluster,
          kinds: ['Pod'],
          namespaces: [request.namespace],
        })
        .filter(p => p.name === request.pod);
  const initial =
    request.pod && pods.length === 0 && request.container
      ? [{ pod: request.pod, container: request.container }]
      : sourcesFor(request, pods);
  if (initial.length === 0) {
    send({
      type: 'error',
      message: request.workload
        ? `${request.workload.kind} ${request.workload.name} has no pods in ${request.cluster}/${request.namespace}`
        : `Pod ${request.pod} is not known in ${request.cluster}/${request.namespace}`,
    });
    channel.close();
    return;
  }
  const followsWorkload = request.follow && workloadPods !== undefined;
  const sources = [...initial];
  send({ type: 'sources', sources: [...sources] });

  const cursor = new LogCursor();
  const aborts = new Set<AbortController>();
  const upstreams = new Set<Readable>();
  const states = new Map<string, 'opening' | 'open' | 'waiting'>();
  const retryTimers = new Set<ReturnType<typeof setTimeout>>();
  let pending: LogLineMessage[] = [];
  let live = sources.length;
  let closed = false;
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
  const unwatch: Array<() => void> = [];
  const stop = () => {
    closed = true;
    clearInterval(timer);
    retryTimers.forEach(clearTimeout);
    aborts.forEach(abort => abort.abort());
    unwatch.forEach(stopWatching => stopWatching());
  };
  const finish = (source: LogSource, error?: string) => {
    flush();
    send({ type: 'source-ended', source, ...(error ? { error } : {}) });
    live--;
    if (live === 0 && !followsWorkload) {
      send({ type: 'end' });
      stop();
      channel.close();
    }
  };
  channel.onClose(stop);

  const announce = (source: LogSource) => {
    if (sources.some(s => keyOf(s) === keyOf(source))) return;
    sources.push(source);
    live++;
    send({ type: 'sources', sources: [...sources] });
  };

  /**
   * Opens one source's upstream with `since` (the request's own tail and since, or where a
   * dropped stream left off); `onWaiting` takes a container that has not started yet.
   */
  const open = (
    source: LogSource,
    since: Pick<LogRequest, 'tailLines' | 'sinceSeconds' | 'sinceTime'>,
    attempt: number,
    hooks: { onOpen?: () => void; onWaiting?: () => void } = {},
  ) => {
    const abort = new AbortController();
    aborts.add(abort);
    states.set(keyOf(source), 'opening');
    const reopen = (error: unknown) => {
      if (closed) return;
      if (!request.follow || isFinal(error) || attempt >= retry.attempts) {
        finish(source, describeError(error));
        return;
      }
      const delay = Math.min(retry.maxMs, retry.initialMs * 2 ** attempt);
      logger.debug(
        `log stream ${source.pod}/${source.container} dropped (${describeError(
          error,
        )}); reopening in ${delay} ms`,
      );
      const retryTimer = setTimeout(() => {
        retryTimers.delete(retryTimer);
        const sinceTime = cursor.resumeSource(source);
        open(source, sinceTime ? { sinceTime } : since, attempt + 1, hooks);
      }, delay);
      retryTimers.add(retryTimer);
    };
    const path = logPath({
      ...request,
      ...since,
      timestamps: true,
      pod: source.pod,
      container: source.container,
    });
    cluster.client
      .open(path, { signal: abort.signal, accept: LOG_ACCEPT })
      .then(upstream => {
        if (closed) {
          upstream.destroy();
          return;
        }
        states.set(keyOf(source), 'open');
        hooks.onOpen?.();
        upstreams.add(upstream);
        let partial = '';
        const take = (raw: string) => {
          const { time, text } = splitLogTime(raw);
          if (cursor.admit(source, time))
            pending.push({ ...source, ...(time ? { time } : {}), text });
        };
        upstream.setEncoding('utf8');
        upstream.on('data', (chunk: string) => {
          const parts = (partial + chunk).split('\n');
          partial = parts.pop() ?? '';
          parts.forEach(take);
        });
        // The stream settles once: it ended (the container stopped, or no follow), or it was
        // cut, by an error or, on some transports, by a close alone.
        let settled = false;
        const settle = () => {
          if (settled) return false;
          settled = true;
          upstreams.delete(upstream);
          aborts.delete(abort);
          return true;
        };
        upstream.on('end', () => {
          if (!settle()) return;
          if (partial) take(partial);
          finish(source);
        });
        // A cut connection: the partial line is dropped, the reopened stream brings it whole.
        upstream.on('error', error => {
          if (settle() && !abort.signal.aborted) reopen(error);
        });
        upstream.on('close', () => {
          if (settle() && !abort.signal.aborted)
            reopen(new Error('the API server closed the log stream'));
        });
      })
      .catch(error => {
        aborts.delete(abort);
        if (abort.signal.aborted || closed) return;
        if (hooks.onWaiting && isWaitingToStart(error)) {
          states.set(keyOf(source), 'waiting');
          hooks.onWaiting();
          return;
        }
        reopen(error);
      });
  };

  const requested = {
    tailLines: request.tailLines,
    sinceSeconds: request.sinceSeconds,
    sinceTime: request.sinceTime,
  };
  if (!followsWorkload) {
    for (const source of initial) open(source, requested, 0);
    return;
  }
  // A pod's containers open as they start; those waiting are tried again at the pod's next change.
  const follow = (pod: SlimResource, since: typeof requested) => {
    const wanted = sourcesFor(request, [pod]);
    const allOpen = () => {
      if (wanted.every(s => states.get(keyOf(s)) === 'open'))
        workloadPods!.done(pod);
    };
    for (const source of wanted) {
      const state = states.get(keyOf(source));
      if (state === 'opening' || state === 'open') continue;
      open(source, since, 0, {
        onOpen: () => {
          announce(source);
          allOpen();
        },
        onWaiting: () => {},
      });
    }
  };
  unwatch.push(
    workloadPods!.watch(pod =>
      follow(pod, {
        tailLines: undefined,
        sinceSeconds: undefined,
        sinceTime: request.sinceTime,
      }),
    ),
  );
  for (const pod of pods) follow(pod, requested);
}
