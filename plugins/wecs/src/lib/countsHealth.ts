import { StatusPhase } from '@kubestellar/plugin-wecs-common';

/**
 * The health of a group of objects (a namespace, a kind) from its counts, as the guide colours
 * namespaces: failed when anything in it failed, pending when something is on its way and none
 * failed, running otherwise.
 */
export function countsHealth(counts: {
  failed: number;
  pending: number;
}): StatusPhase {
  if (counts.failed > 0) return 'failed';
  if (counts.pending > 0) return 'pending';
  return 'running';
}
