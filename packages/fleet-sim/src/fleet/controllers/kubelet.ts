import { KubeObject } from '../../api/types';
import { ClusterRuntime, timestamp } from '../ClusterRuntime';
import { logLineFor } from '../logLines';

/** What a container image makes the simulated kubelet do with it. */
export function imageBehaviour(image: string): 'run' | 'crash' | 'pull-error' {
  if (
    image.includes('does-not-exist') ||
    image.startsWith('registry.invalid/')
  ) {
    return 'pull-error';
  }
  if (image.includes('crashloop')) return 'crash';
  return 'run';
}

interface PodRun {
  seenAt: number;
  startedAt?: number;
  initDone: number;
  crashes: number;
  nextStartAt?: number;
  finishedAt?: number;
  podIP: string;
}

const CONTAINER_CREATING_MS = 1200;
const INIT_CONTAINER_MS = 1000;
const CRASH_AFTER_MS = 6000;
const JOB_RUN_MS = 5000;

/**
 * The scheduler and the kubelets of a cluster in one: binds pods to nodes (or leaves them
 * Pending as Unschedulable), starts init containers then containers, fails image pulls,
 * crash-loops with back-off, completes Job pods, writes container logs, and ends graceful
 * deletions. Status and events follow the shapes and reasons of the real components.
 */
export class KubeletSimulator {
  private readonly runs = new Map<string, PodRun>();
  private ipCounter = 10;

  constructor(private readonly rt: ClusterRuntime) {}

  tick(now = Date.now()) {
    const nodes = this.rt.list('v1', 'Node');
    const seen = new Set<string>();
    for (const pod of this.rt.list('v1', 'Pod')) {
      seen.add(pod.metadata.uid!);
      this.reconcile(pod, nodes, now);
    }
    for (const uid of this.runs.keys()) {
      if (!seen.has(uid)) {
        this.runs.delete(uid);
        this.rt.logs.forgetPod(uid);
      }
    }
  }

  private runOf(pod: KubeObject, now: number): PodRun {
    let run = this.runs.get(pod.metadata.uid!);
    if (!run) {
      this.ipCounter = (this.ipCounter % 250) + 1;
      run = {
        seenAt: now,
        initDone: 0,
        crashes: 0,
        podIP: `10.${this.clusterOctet()}.${Math.floor(this.ipCounter / 25)}.${
          this.ipCounter
        }`,
      };
      this.runs.set(pod.metadata.uid!, run);
    }
    return run;
  }

  private clusterOctet() {
    const match = /(\d+)$/.exec(this.rt.name);
    return match ? 240 + (Number(match[1]) % 15) : 250;
  }

  private reconcile(pod: KubeObject, nodes: KubeObject[], now: number) {
    const spec = pod.spec as any;
    const status = (pod.status ?? {}) as any;
    if (pod.metadata.deletionTimestamp) {
      this.terminate(pod, now);
      return;
    }
    if (['Succeeded', 'Failed'].includes(status.phase)) return;
    const run = this.runOf(pod, now);

    if (!spec.nodeName) {
      this.schedule(pod, nodes);
      return;
    }
    const containers: any[] = spec.containers ?? [];
    const initContainers: any[] = spec.initContainers ?? [];
    const since = now - run.seenAt;

    if (since < CONTAINER_CREATING_MS) {
      if (!status.phase || !status.containerStatuses) {
        this.writeStatus(pod, run, {
          phase: 'Pending',
          init: initContainers.map(c => waiting(c, 'PodInitializing')),
          main: containers.map(c => waiting(c, 'ContainerCreating')),
        });
        this.rt.recordEvent(
          pod,
          'Normal',
          'Scheduled',
          `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${spec.nodeName}`,
          'default-scheduler',
        );
      }
      return;
    }

    // Init containers run one after another, each to completion.
    const initElapsed = since - CONTAINER_CREATING_MS;
    const initDone = Math.min(
      initContainers.length,
      Math.floor(initElapsed / INIT_CONTAINER_MS),
    );
    while (run.initDone < initDone) {
      const c = initContainers[run.initDone];
      this.rt.logs.append(
        pod.metadata.uid!,
        c.name,
        logLineFor(pod, c.name, 'init-start'),
      );
      this.rt.logs.append(
        pod.metadata.uid!,
        c.name,
        logLineFor(pod, c.name, 'init-done'),
      );
      this.rt.logs.end(pod.metadata.uid!, c.name);
      this.containerEvent(
        pod,
        c.name,
        'Normal',
        'Started',
        `Started container ${c.name}`,
        'initContainers',
      );
      run.initDone++;
    }
    if (run.initDone < initContainers.length) {
      this.writeStatus(pod, run, {
        phase: 'Pending',
        init: initContainers.map((c, i) => {
          if (i < run.initDone) return completed(c, run.seenAt);
          return i === run.initDone
            ? running(c, now)
            : waiting(c, 'PodInitializing');
        }),
        main: containers.map(c => waiting(c, 'PodInitializing')),
      });
      return;
    }

    const pullError = containers.find(
      c => imageBehaviour(c.image) === 'pull-error',
    );
    if (pullError) {
      const backOff = status.containerStatuses?.some(
        (s: any) => s.state?.waiting?.reason === 'ErrImagePull',
      );
      const reason = backOff ? 'ImagePullBackOff' : 'ErrImagePull';
      this.writeStatus(pod, run, {
        phase: 'Pending',
        init: initContainers.map(c => completed(c, run.seenAt)),
        main: containers.map(c =>
          c === pullError
            ? waiting(
                c,
                reason,
                `${
                  reason === 'ErrImagePull'
                    ? 'failed to pull and unpack image'
                    : 'Back-off pulling image'
                } "${c.image}": not found`,
              )
            : waiting(c, 'PodInitializing'),
        ),
      });
      this.containerEvent(
        pod,
        pullError.name,
        'Warning',
        'Failed',
        `Failed to pull image "${pullError.image}": rpc error: code = NotFound desc = failed to pull and unpack image "${pullError.image}": not found`,
        'containers',
      );
      if (backOff) {
        this.containerEvent(
          pod,
          pullError.name,
          'Normal',
          'BackOff',
          `Back-off pulling image "${pullError.image}"`,
          'containers',
        );
      }
      return;
    }

    const ownerKind = pod.metadata.ownerReferences?.[0]?.kind;
    if (
      run.startedAt === undefined ||
      (run.nextStartAt !== undefined && now >= run.nextStartAt)
    ) {
      run.startedAt = now;
      run.nextStartAt = undefined;
      for (const c of containers) {
        this.containerEvent(
          pod,
          c.name,
          'Normal',
          'Pulled',
          `Container image "${c.image}" already present on machine`,
          'containers',
        );
        this.containerEvent(
          pod,
          c.name,
          'Normal',
          'Started',
          `Started container ${c.name}`,
          'containers',
        );
        this.rt.logs.append(
          pod.metadata.uid!,
          c.name,
          logLineFor(pod, c.name, 'start'),
        );
      }
    }
    const crashing = containers.find(c => imageBehaviour(c.image) === 'crash');

    if (run.nextStartAt !== undefined) {
      // Waiting out the crash back-off.
      this.writeStatus(pod, run, {
        phase: 'Running',
        init: initContainers.map(c => completed(c, run.seenAt)),
        main: containers.map(c =>
          c === crashing
            ? withRestarts(
                waiting(
                  c,
                  'CrashLoopBackOff',
                  `back-off ${backOffSeconds(
                    run.crashes,
                  )}s restarting failed container=${c.name} pod=${
                    pod.metadata.name
                  }_${pod.metadata.namespace}(${pod.metadata.uid})`,
                ),
                run.crashes,
                lastCrash(run),
              )
            : runningReady(c, run.startedAt!),
        ),
      });
      return;
    }

    if (crashing && now - run.startedAt! > CRASH_AFTER_MS) {
      this.rt.logs.append(
        pod.metadata.uid!,
        crashing.name,
        logLineFor(pod, crashing.name, 'crash'),
      );
      this.rt.logs.restart(pod.metadata.uid!, crashing.name);
      run.crashes++;
      run.finishedAt = now;
      run.nextStartAt = now + backOffSeconds(run.crashes) * 1000;
      this.containerEvent(
        pod,
        crashing.name,
        'Warning',
        'BackOff',
        `Back-off restarting failed container ${crashing.name} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`,
        'containers',
      );
      return;
    }

    if (ownerKind === 'Job' && now - run.startedAt! > JOB_RUN_MS) {
      for (const c of containers) {
        this.rt.logs.append(
          pod.metadata.uid!,
          c.name,
          logLineFor(pod, c.name, 'complete'),
        );
        this.rt.logs.end(pod.metadata.uid!, c.name);
      }
      this.writeStatus(pod, run, {
        phase: 'Succeeded',
        init: initContainers.map(c => completed(c, run.seenAt)),
        main: containers.map(c => completed(c, run.startedAt!)),
      });
      return;
    }

    for (const c of [
      ...containers,
      ...initContainers.filter(i => i.restartPolicy === 'Always'),
    ]) {
      if (Math.random() < 0.35) {
        this.rt.logs.append(
          pod.metadata.uid!,
          c.name,
          logLineFor(pod, c.name, 'run'),
        );
      }
    }
    this.writeStatus(pod, run, {
      phase: 'Running',
      init: initContainers.map(c => completed(c, run.seenAt)),
      main: containers.map(c =>
        c === crashing && run.crashes > 0
          ? withRestarts(
              runningReady(c, run.startedAt!),
              run.crashes,
              lastCrash(run),
            )
          : runningReady(c, run.startedAt!),
      ),
    });
  }

  /** An event about one container, as the kubelet records it (with the container's field path). */
  private containerEvent(
    pod: KubeObject,
    container: string,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    list: 'containers' | 'initContainers' = 'containers',
  ) {
    this.rt.recordEvent(
      pod,
      type,
      reason,
      message,
      'kubelet',
      `spec.${list}{${container}}`,
    );
  }

  private schedule(pod: KubeObject, nodes: KubeObject[]) {
    const spec = pod.spec as any;
    const selector: Record<string, string> = spec.nodeSelector ?? {};
    const fits = nodes.filter(node =>
      Object.entries(selector).every(
        ([k, v]) => node.metadata.labels?.[k] === v,
      ),
    );
    const node =
      fits[Math.abs(hash(pod.metadata.name!)) % Math.max(fits.length, 1)];
    if (!node) {
      const message = `0/${nodes.length} nodes are available: ${nodes.length} node(s) didn't match Pod's node affinity/selector. preemption: 0/${nodes.length} nodes are available: ${nodes.length} Preemption is not helpful for scheduling.`;
      this.rt.setStatus(pod, {
        phase: 'Pending',
        conditions: [
          {
            type: 'PodScheduled',
            status: 'False',
            reason: 'Unschedulable',
            message,
            lastProbeTime: null,
            lastTransitionTime: pod.metadata.creationTimestamp,
          },
        ],
        qosClass: 'BestEffort',
      });
      this.rt.recordEvent(
        pod,
        'Warning',
        'FailedScheduling',
        message,
        'default-scheduler',
      );
      return;
    }
    this.rt.replace({
      ...pod,
      spec: { ...spec, nodeName: node.metadata.name },
    });
  }

  private terminate(pod: KubeObject, now: number) {
    const run = this.runs.get(pod.metadata.uid!);
    if (run && run.finishedAt === undefined) {
      run.finishedAt = now;
      for (const c of (pod.spec as any).containers ?? []) {
        this.containerEvent(
          pod,
          c.name,
          'Normal',
          'Killing',
          `Stopping container ${c.name}`,
          'containers',
        );
        this.rt.logs.append(
          pod.metadata.uid!,
          c.name,
          logLineFor(pod, c.name, 'stop'),
        );
      }
    }
    const deadline = Date.parse(pod.metadata.deletionTimestamp!);
    const started = run?.finishedAt ?? now;
    if (now >= deadline || now - started >= 800) {
      this.rt.cluster.finishGracefulDeletion(this.rt.type('v1', 'Pod'), pod);
    }
  }

  private writeStatus(
    pod: KubeObject,
    run: PodRun,
    next: { phase: string; init: any[]; main: any[] },
  ) {
    const spec = pod.spec as any;
    const ready = next.phase === 'Running' && next.main.every(s => s.ready);
    const initialized = next.init.every(
      s => s.state?.terminated?.exitCode === 0 || s.started,
    );
    const previous = (pod.status ?? {}) as any;
    const since = (type: string, status: string) => {
      const old = (previous.conditions ?? []).find((c: any) => c.type === type);
      return old && old.status === status
        ? old.lastTransitionTime
        : timestamp();
    };
    const condition = (type: string, ok: boolean, reason?: string) => ({
      type,
      status: ok ? 'True' : 'False',
      lastProbeTime: null,
      lastTransitionTime: since(type, ok ? 'True' : 'False'),
      ...(ok || !reason ? {} : { reason }),
    });
    const status = {
      phase: next.phase,
      conditions: [
        condition('PodReadyToStartContainers', true),
        condition('Initialized', initialized, 'ContainersNotInitialized'),
        condition(
          'Ready',
          ready,
          next.phase === 'Succeeded' ? 'PodCompleted' : 'ContainersNotReady',
        ),
        condition(
          'ContainersReady',
          ready,
          next.phase === 'Succeeded' ? 'PodCompleted' : 'ContainersNotReady',
        ),
        condition('PodScheduled', true),
      ],
      hostIP: '172.18.0.2',
      hostIPs: [{ ip: '172.18.0.2' }],
      podIP: run.podIP,
      podIPs: [{ ip: run.podIP }],
      startTime: previous.startTime ?? timestamp(run.seenAt),
      ...(next.init.length ? { initContainerStatuses: next.init } : {}),
      containerStatuses: next.main,
      qosClass: qosOf(spec),
    };
    this.rt.setStatus(pod, status);
  }
}

function qosOf(spec: any) {
  const containers: any[] = spec.containers ?? [];
  const requests = containers.some(
    c => c.resources?.requests || c.resources?.limits,
  );
  const guaranteed = containers.every(
    c => c.resources?.limits?.cpu && c.resources?.limits?.memory,
  );
  if (guaranteed) return 'Guaranteed';
  return requests ? 'Burstable' : 'BestEffort';
}

function base(c: any) {
  return {
    name: c.name,
    image: c.image,
    imageID: c.image.includes('@')
      ? c.image
      : `${c.image.split(':')[0]}@sha256:${hex(c.image)}`,
    containerID: `containerd://${hex(`${c.name}/${c.image}`)}${hex(
      c.image,
    )}`.slice(0, 77),
    restartCount: 0,
    lastState: {},
  };
}

function waiting(c: any, reason: string, message?: string) {
  return {
    ...base(c),
    ready: false,
    started: false,
    state: { waiting: { reason, ...(message ? { message } : {}) } },
    containerID: undefined,
  };
}

function running(c: any, since: number) {
  return {
    ...base(c),
    ready: false,
    started: true,
    state: { running: { startedAt: timestamp(since) } },
  };
}

function runningReady(c: any, since: number) {
  return {
    ...running(c, since),
    ready: true,
  };
}

function completed(c: any, since: number) {
  return {
    ...base(c),
    ready: false,
    started: false,
    state: {
      terminated: {
        exitCode: 0,
        reason: 'Completed',
        startedAt: timestamp(since),
        finishedAt: timestamp(since + INIT_CONTAINER_MS),
      },
    },
  };
}

function lastCrash(run: PodRun) {
  return {
    terminated: {
      exitCode: 1,
      reason: 'Error',
      startedAt: timestamp(run.startedAt),
      finishedAt: timestamp(run.finishedAt),
    },
  };
}

function withRestarts(status: any, restarts: number, lastState: any) {
  return {
    ...status,
    restartCount: restarts,
    lastState,
  };
}

/** The kubelet's crash back-off: 10s doubling up to five minutes. */
function backOffSeconds(crashes: number) {
  return Math.min(10 * 2 ** Math.max(crashes - 1, 0), 300);
}

function hash(text: string) {
  let h = 0;
  for (const char of text) h = (h * 31 + char.charCodeAt(0)) | 0;
  return h;
}

function hex(text: string) {
  let out = '';
  let h = hash(text);
  for (let i = 0; i < 8; i++) {
    h = (h * 1103515245 + 12345) | 0;
    out += (h >>> 0).toString(16).padStart(8, '0');
  }
  return out;
}
