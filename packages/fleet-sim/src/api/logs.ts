import { badRequest } from './status';
import { KubeObject } from './types';

export interface LogLine {
  /** Milliseconds since the epoch. */
  time: number;
  text: string;
}

export interface LogOptions {
  container?: string;
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  sinceTime?: string;
  limitBytes?: number;
}

type Listener = (line: LogLine) => void;

/** One run of one container: its lines so far and whoever follows them. */
class ContainerRun {
  readonly lines: LogLine[] = [];
  readonly listeners = new Set<Listener>();
  ended = false;
  constructor(private readonly maxLines: number) {}

  append(line: LogLine) {
    this.lines.push(line);
    if (this.lines.length > this.maxLines) {
      this.lines.splice(0, this.lines.length - this.maxLines);
    }
    for (const listener of this.listeners) listener(line);
  }
}

/**
 * What the kubelets of a cluster would hold: the log of each container's current run and of
 * its previous run, which `pods/log` serves with all of its options.
 */
export class LogStore {
  private readonly runs = new Map<
    string,
    { current: ContainerRun; previous?: ContainerRun }
  >();

  constructor(private readonly maxLinesPerRun = 5_000) {}

  append(podUid: string, container: string, text: string, time = Date.now()) {
    this.runOf(podUid, container).current.append({ time, text });
  }

  /** The container exited for good (an init container finished, a Job completed). */
  end(podUid: string, container: string) {
    const run = this.runOf(podUid, container).current;
    if (run.ended) return;
    run.ended = true;
    for (const listener of run.listeners) listener({ time: -1, text: '' });
  }

  /** How many follow requests are open, over all containers. */
  get followerCount() {
    let count = 0;
    for (const runs of this.runs.values()) count += runs.current.listeners.size;
    return count;
  }

  /** The container restarted: the current run becomes the previous one. */
  restart(podUid: string, container: string) {
    const runs = this.runOf(podUid, container);
    runs.current.ended = true;
    for (const listener of runs.current.listeners)
      listener({ time: -1, text: '' });
    runs.previous = runs.current;
    runs.current = new ContainerRun(this.maxLinesPerRun);
  }

  forgetPod(podUid: string) {
    for (const key of [...this.runs.keys()]) {
      if (key.startsWith(`${podUid}/`)) {
        const runs = this.runs.get(key)!;
        for (const listener of runs.current.listeners)
          listener({ time: -1, text: '' });
        this.runs.delete(key);
      }
    }
  }

  lineCount(podUid: string, container: string) {
    return this.runs.get(`${podUid}/${container}`)?.current.lines.length ?? 0;
  }

  /**
   * Picks the container as the API server does, checks it can have logs, and returns the
   * selected lines plus a way to follow the run.
   */
  open(pod: KubeObject, options: LogOptions) {
    const container = chooseContainer(pod, options.container);
    checkContainerState(pod, container, options.previous);
    const runs = this.runOf(pod.metadata.uid!, container);
    const run = options.previous ? runs.previous : runs.current;
    if (!run) {
      throw badRequest(
        `previous terminated container "${container}" in pod "${pod.metadata.name}" not found`,
      );
    }
    let lines = run.lines;
    let since: number | undefined;
    // The API server hands sinceTime to the kubelet as RFC 3339 without fractions: lines from
    // the start of that second on come back.
    if (options.sinceTime)
      since = Math.floor(Date.parse(options.sinceTime) / 1000) * 1000;
    else if (options.sinceSeconds !== undefined)
      since = Date.now() - options.sinceSeconds * 1000;
    if (since !== undefined) lines = lines.filter(l => l.time >= since);
    if (options.tailLines !== undefined) {
      lines = options.tailLines === 0 ? [] : lines.slice(-options.tailLines);
    }
    return {
      container,
      lines: [...lines],
      ended: run.ended || options.previous,
      follow(listener: (line: LogLine | undefined) => void) {
        const wrapped: Listener = line =>
          listener(line.time < 0 ? undefined : line);
        run.listeners.add(wrapped);
        return () => run.listeners.delete(wrapped);
      },
    };
  }

  private runOf(podUid: string, container: string) {
    const key = `${podUid}/${container}`;
    let runs = this.runs.get(key);
    if (!runs) {
      runs = { current: new ContainerRun(this.maxLinesPerRun) };
      this.runs.set(key, runs);
    }
    return runs;
  }
}

/** RFC 3339 with nanoseconds, as the kubelet prefixes lines with `timestamps=true`. */
export function formatLogTime(time: number) {
  return new Date(time).toISOString().replace('Z', '000000Z');
}

function chooseContainer(pod: KubeObject, requested?: string): string {
  const spec = pod.spec as any;
  const names: string[] = (spec?.containers ?? []).map((c: any) => c.name);
  const initNames: string[] = (spec?.initContainers ?? []).map(
    (c: any) => c.name,
  );
  const ephemeral: string[] = (spec?.ephemeralContainers ?? []).map(
    (c: any) => c.name,
  );
  if (!requested) {
    const defaulted =
      pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
    if (names.length === 1) return names[0];
    if (defaulted && names.includes(defaulted)) return defaulted;
    throw badRequest(
      `a container name must be specified for pod ${
        pod.metadata.name
      }, choose one of: [${names.join(' ')}]${
        initNames.length
          ? ` or one of the init containers: [${initNames.join(' ')}]`
          : ''
      }`,
    );
  }
  if (![...names, ...initNames, ...ephemeral].includes(requested)) {
    throw badRequest(
      `container ${requested} is not valid for pod ${pod.metadata.name}`,
    );
  }
  return requested;
}

function checkContainerState(
  pod: KubeObject,
  container: string,
  previous: boolean,
) {
  const status = pod.status as any;
  const all = [
    ...(status?.initContainerStatuses ?? []),
    ...(status?.containerStatuses ?? []),
  ];
  const containerStatus = all.find((s: any) => s.name === container);
  if (previous) {
    if (!containerStatus?.lastState?.terminated) {
      throw badRequest(
        `previous terminated container "${container}" in pod "${pod.metadata.name}" not found`,
      );
    }
    return;
  }
  const waiting = containerStatus?.state?.waiting;
  if (!containerStatus || (waiting && !containerStatus.lastState?.terminated)) {
    const reason = waiting?.reason ?? 'ContainerCreating';
    const why =
      reason === 'ImagePullBackOff' || reason === 'ErrImagePull'
        ? 'trying and failing to pull image'
        : reason;
    throw badRequest(
      `container "${container}" in pod "${pod.metadata.name}" is waiting to start: ${why}`,
    );
  }
}
