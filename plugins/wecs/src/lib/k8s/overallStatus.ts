import { NormalizedStatus, StatusPhase } from '@kubestellar/plugin-wecs-common';

/** An object's overall status as its Summary states it: a word, and Kubernetes' reason. */
export interface OverallStatus {
  phase: StatusPhase;
  /** `Ready`, `Not Ready`, or the kind's own word: `Running`, `Available`, `Bound`, `Complete`. */
  word: string;
  /** Why, when it says more than the word: `0/3 ready`, `ImagePullBackOff`. */
  reason?: string;
}

/** The word a kind uses for itself when it is healthy; `Ready` for the others. */
const HEALTHY_WORDS: Record<string, string> = {
  Pod: 'Running',
  Job: 'Running',
  Deployment: 'Available',
  CronJob: 'Scheduled',
  ManagedCluster: 'Active',
};

/**
 * Kinds whose status is a phase in their own words (`Bound`, `Released`, `Terminating`): the
 * normalized status carries that phase as its reason, and it is the word to show.
 */
const PHASE_WORD_KINDS = new Set([
  'PersistentVolumeClaim',
  'PersistentVolume',
  'Namespace',
]);

/** Kinds that wait as `Pending` before they start, rather than being not ready. */
const PENDING_WORD_KINDS = new Set(['Pod', 'Job']);

function wordFor(kind: string, status: NormalizedStatus): string {
  if (PHASE_WORD_KINDS.has(kind) && status.reason) return status.reason;
  switch (status.phase) {
    case 'running':
      return HEALTHY_WORDS[kind] ?? 'Ready';
    case 'succeeded':
      return kind === 'Job' ? 'Complete' : 'Succeeded';
    case 'pending':
      return PENDING_WORD_KINDS.has(kind) ? 'Pending' : 'Not Ready';
    case 'failed':
      return kind === 'Job' ? 'Failed' : 'Not Ready';
    default:
      return 'Unknown';
  }
}

/**
 * States an object's normalized status (the one its tree row shows) as people say it: Ready
 * or Not Ready, or the kind's own word, with the reason when the reason adds to the word.
 */
export function overallStatus(
  kind: string,
  status: NormalizedStatus,
): OverallStatus {
  const word = wordFor(kind, status);
  return {
    phase: status.phase,
    word,
    ...(status.reason && status.reason !== word
      ? { reason: status.reason }
      : {}),
  };
}
