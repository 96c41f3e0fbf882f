import { SlimResource } from '@kubestellar/plugin-wecs-common';

/** What a service runs, as people name it: its controllers, and pods no controller owns. */
const WORKLOAD_KINDS = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'CronJob',
  'Job',
  'Pod',
]);
const CONTROLLER_KINDS = new Set([...WORKLOAD_KINDS, 'ReplicaSet']);

/** The top-level workloads among `resources`: a CronJob's Jobs and a ReplicaSet's Pods fold in. */
export function entityWorkloads(
  resources: Iterable<SlimResource>,
): SlimResource[] {
  return [...resources]
    .filter(
      resource =>
        WORKLOAD_KINDS.has(resource.kind) &&
        !resource.owners?.some(
          owner => owner.controller && CONTROLLER_KINDS.has(owner.kind),
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
  return reason ?? resource.status.phase;
}

/** How many workloads need attention: failed or pending. */
export const attentionCount = (workloads: SlimResource[]) =>
  workloads.filter(w => ['failed', 'pending'].includes(w.status.phase)).length;
