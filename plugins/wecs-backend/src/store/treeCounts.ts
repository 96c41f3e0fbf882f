import { SlimResource, TreeCounts } from '@kubestellar/plugin-wecs-common';

export const emptyCounts = (): TreeCounts => ({
  total: 0,
  failed: 0,
  pending: 0,
});

/** What one object adds to the counts of the rows above it. */
export function countsOf(resource: SlimResource): TreeCounts {
  const { phase } = resource.status;
  return {
    total: 1,
    failed: phase === 'failed' ? 1 : 0,
    pending: phase === 'pending' ? 1 : 0,
  };
}

const single = (failed: number, pending: number): TreeCounts =>
  Object.freeze({ total: 1, failed, pending });
const SINGLE = {
  failed: single(1, 0),
  pending: single(0, 1),
  other: single(0, 0),
};

/**
 * What one object adds, as one frozen copy shared by every object of its phase: the subtree
 * counts of each object that controls nothing, which most are (a million objects, 48 MB).
 */
export function sharedCountsOf(resource: SlimResource): TreeCounts {
  const { phase } = resource.status;
  return phase === 'failed' || phase === 'pending'
    ? SINGLE[phase]
    : SINGLE.other;
}

/** Adds `sign` times `delta` to `into`. */
export function addCounts(into: TreeCounts, delta: TreeCounts, sign = 1) {
  into.total += sign * delta.total;
  into.failed += sign * delta.failed;
  into.pending += sign * delta.pending;
}

export const sameCounts = (a: TreeCounts, b: TreeCounts) =>
  a.total === b.total && a.failed === b.failed && a.pending === b.pending;
