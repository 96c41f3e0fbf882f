import { SlimResource } from '@kubestellar/plugin-wecs-common';
import { isWorkloadKind, POD_CONTROLLER_KINDS } from '../lib/k8s/kinds';
import { PHASE_LABELS } from '../lib/phaseLabels';

/**
 * The top-level workloads among `resources`, as people name what a service runs: its
 * controllers and the pods no controller owns. A CronJob's Jobs, a Deployment's ReplicaSets
 * and their pods fold into their owners.
 */
export function entityWorkloads(
  resources: Iterable<SlimResource>,
): SlimResource[] {
  return [...resources]
    .filter(
      resource =>
        isWorkloadKind(resource.kind) &&
        !resource.owners?.some(
          owner => owner.controller && POD_CONTROLLER_KINDS.has(owner.kind),
        ),
    )
    .sort(
      (a, b) =>
        a.name.localeCompare(b.name) ||
        a.kind.localeCompare(b.kind) ||
        a.cluster.localeCompare(b.cluster),
    );
}

/** A workload's health in a few words: replicas ready of desired, else its status reason. */
export function healthText(resource: SlimResource): string {
  const replicas = resource.summary?.replicas;
  const reason = resource.status.reason;
  if (replicas) {
    const ready = `${replicas.ready}/${replicas.desired} ready`;
    return reason && resource.status.phase !== 'running'
      ? `${ready} · ${reason}`
      : ready;
  }
  return reason ?? PHASE_LABELS[resource.status.phase];
}

/** How many workloads need attention: failed or pending. */
export const attentionCount = (workloads: SlimResource[]) =>
  workloads.filter(w => ['failed', 'pending'].includes(w.status.phase)).length;
