import { SlimResource } from '@kubestellar/plugin-wecs-common';
import { FleetStore } from '../store/FleetStore';

/** Which workload a log follows, and where it lives. */
export interface WorkloadRef {
  cluster: string;
  namespace: string;
  kind: string;
  name: string;
}

const isRoot = (resource: SlimResource, workload: WorkloadRef) =>
  resource.kind.toLowerCase() === workload.kind.toLowerCase() &&
  resource.name === workload.name;

/**
 * The pods of a workload, following owners (Deployment -> ReplicaSet -> Pod, CronJob -> Job ->
 * Pod), and, while watched, the pods it gains later: a rollout's new ReplicaSet and its pods, a
 * StatefulSet's replacement pod, a CronJob's next Job.
 */
export class WorkloadPods {
  /** The workload's uid and those of everything it owns, transitively, but pods. */
  private readonly owners = new Set<string>();
  private readonly finished = new Set<string>();

  constructor(
    private readonly store: FleetStore,
    private readonly workload: WorkloadRef,
  ) {}

  /** The workload's pods now (none when the workload is not known). */
  current(): SlimResource[] {
    const inNamespace = this.store.query({
      cluster: this.workload.cluster,
      namespaces: [this.workload.namespace],
    });
    const root = inNamespace.find(r => isRoot(r, this.workload));
    if (!root) return [];
    this.owners.add(root.uid);
    let grew = true;
    while (grew) {
      grew = false;
      for (const r of inNamespace) {
        if (!this.owners.has(r.uid) && r.kind !== 'Pod' && this.isOwned(r)) {
          this.owners.add(r.uid);
          grew = true;
        }
      }
    }
    return inNamespace.filter(r => r.kind === 'Pod' && this.isOwned(r));
  }

  /**
   * Calls `onPod` with every change of a pod the workload owns or comes to own (a new pod
   * changes as its containers start), until the pod is `done`; returns the unsubscribe.
   */
  watch(onPod: (pod: SlimResource) => void): () => void {
    return this.store.subscribe(change => {
      if (change.op !== 'upsert') return;
      const { resource } = change;
      if (
        resource.cluster !== this.workload.cluster ||
        resource.namespace !== this.workload.namespace ||
        !this.isOwned(resource)
      )
        return;
      if (resource.kind !== 'Pod') this.owners.add(resource.uid);
      else if (!this.finished.has(resource.uid)) onPod(resource);
    });
  }

  /** Every log source of the pod is open: its later changes are no longer reported. */
  done(pod: SlimResource) {
    this.finished.add(pod.uid);
  }

  private isOwned(resource: SlimResource) {
    return resource.owners?.some(o => this.owners.has(o.uid)) ?? false;
  }
}
