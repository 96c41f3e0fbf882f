import {
  FleetFilters,
  objectKey,
  SlimResource,
} from '@kubestellar/plugin-wecs-common';

/**
 * What the WECs must send for the copies of what these Bindings bind, and no more: the
 * bindings' destination clusters, the bound objects' kinds (read from their staged copies,
 * indexed by {@link indexByPlace}) and their namespaces (`''` for objects of no namespace).
 * Undefined when nothing is bound anywhere, so that nothing is asked for. A bound object with
 * no staged copy leaves the kinds open rather than miss its copies.
 */
export function deliveredFilters(
  bindings: SlimResource[],
  staged: ReadonlyMap<string, SlimResource>,
): FleetFilters | undefined {
  const clusters = new Set<string>();
  const kinds = new Set<string>();
  const namespaces = new Set<string>();
  let kindsKnown = true;
  for (const binding of bindings) {
    const resolution = binding.summary?.binding;
    if (!resolution?.destinations.length || !resolution.workloads.length)
      continue;
    for (const cluster of resolution.destinations) clusters.add(cluster);
    for (const object of resolution.workloads) {
      const stagedCopy = staged.get(`${binding.cluster}|${objectKey(object)}`);
      if (stagedCopy) kinds.add(stagedCopy.kind);
      else kindsKnown = false;
      namespaces.add(object.namespace ?? '');
    }
  }
  if (!clusters.size) return undefined;
  return {
    roles: ['wec'],
    clusters: [...clusters].sort(),
    ...(kindsKnown ? { kinds: [...kinds].sort() } : {}),
    namespaces: [...namespaces].sort(),
  };
}
