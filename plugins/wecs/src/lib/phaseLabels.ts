import { StatusPhase } from '@kubestellar/plugin-wecs-common';

/** An object's phase in the guide's words, capitalized as it shows them: Running, Pending, Failed. */
export const PHASE_LABELS: Record<StatusPhase, string> = {
  running: 'Running',
  pending: 'Pending',
  failed: 'Failed',
  succeeded: 'Succeeded',
  unknown: 'Unknown',
};
