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

/** Adds `sign` times `delta` to `into`. */
export function addCounts(into: TreeCounts, delta: TreeCounts, sign = 1) {
  into.total += sign * delta.total;
  into.failed += sign * delta.failed;
  into.pending += sign * delta.pending;
}

export const sameCounts = (a: TreeCounts, b: TreeCounts) =>
  a.total === b.total && a.failed === b.failed && a.pending === b.pending;
