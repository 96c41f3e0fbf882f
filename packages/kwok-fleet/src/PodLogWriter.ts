import { V1Pod } from '@kubernetes/client-node';
import { KubeObject, logLineFor, LogMoment } from '@kubestellar/fleet-sim';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ClusterApi } from './ClusterApi';

/** A line in the CRI log format kwok reads (and a real kubelet writes). */
const criLine = (text: string) =>
  `${new Date().toISOString()} stdout F ${text}\n`;

/**
 * What the container runtime would be writing: each running container of each pod gets a log file
 * that grows with the simulator's log lines, and a kwok `Logs` object (owned by the pod, so the
 * garbage collector removes it with the pod) tells kwok's kubelet API to serve and follow it.
 */
export class PodLogWriter {
  private readonly known = new Set<string>();
  private timer?: NodeJS.Timeout;
  private ticking = false;

  constructor(
    private readonly api: ClusterApi,
    private readonly dir: string,
    private readonly intervalMs = 1000,
  ) {}

  start() {
    this.timer = setInterval(() => this.tick(), this.intervalMs);
  }

  stop() {
    clearInterval(this.timer);
  }

  private async tick() {
    if (this.ticking) return;
    this.ticking = true;
    try {
      const pods = await this.api.core.listPodForAllNamespaces();
      const seen = new Set<string>();
      for (const pod of pods.items) {
        const key = `${pod.metadata!.namespace}/${pod.metadata!.name}`;
        seen.add(key);
        if (!pod.status?.podIP || pod.metadata?.deletionTimestamp) continue;
        if (!this.known.has(key)) {
          await this.adopt(pod);
          this.known.add(key);
        }
        this.writeLines(pod, this.momentOf(pod));
      }
      for (const key of this.known) if (!seen.has(key)) this.known.delete(key);
    } catch {
      // The API server may be down on purpose (a test restarts it); the next tick catches up.
    } finally {
      this.ticking = false;
    }
  }

  private fileOf(pod: V1Pod, container: string) {
    return join(
      this.dir,
      pod.metadata!.namespace!,
      pod.metadata!.name!,
      `${container}.log`,
    );
  }

  private momentOf(pod: V1Pod): LogMoment {
    const waiting = pod.status?.containerStatuses?.find(s => s.state?.waiting)
      ?.state?.waiting;
    if (waiting?.reason === 'CrashLoopBackOff') return 'crash';
    if (pod.status?.phase === 'Succeeded') return 'complete';
    return 'run';
  }

  private writeLines(pod: V1Pod, moment: LogMoment) {
    if (pod.status?.phase !== 'Running') return;
    for (const container of pod.spec?.containers ?? []) {
      appendFileSync(
        this.fileOf(pod, container.name),
        criLine(logLineFor(pod as KubeObject, container.name, moment)),
      );
    }
  }

  private async adopt(pod: V1Pod) {
    const { name, namespace, uid } = pod.metadata!;
    mkdirSync(join(this.dir, namespace!, name!), { recursive: true });
    for (const init of pod.spec?.initContainers ?? []) {
      appendFileSync(
        this.fileOf(pod, init.name),
        criLine(logLineFor(pod as KubeObject, init.name, 'init-start')) +
          criLine(logLineFor(pod as KubeObject, init.name, 'init-done')),
      );
    }
    for (const container of pod.spec?.containers ?? []) {
      appendFileSync(
        this.fileOf(pod, container.name),
        criLine(logLineFor(pod as KubeObject, container.name, 'start')),
      );
    }
    const containers = [
      ...(pod.spec?.initContainers ?? []),
      ...(pod.spec?.containers ?? []),
    ];
    await this.api.create({
      apiVersion: 'kwok.x-k8s.io/v1alpha1',
      kind: 'Logs',
      metadata: {
        name,
        namespace,
        ownerReferences: [
          { apiVersion: 'v1', kind: 'Pod', name: name!, uid: uid! },
        ],
      },
      spec: {
        logs: containers.map(c => ({
          containers: [c.name],
          logsFile: this.fileOf(pod, c.name),
          follow: true,
        })),
      },
    });
  }
}
