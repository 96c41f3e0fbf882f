import {
  ClusterRole,
  ClusterStatus,
  isStagedWorkload,
  SlimResource,
  SYSTEM_NAMESPACES,
} from '@kubestellar/plugin-wecs-common';
import { useCallback, useMemo } from 'react';
import { compareNames } from '../lib/compareNames';
import { useFleet } from './useFleet';
import { indexByPlace } from '../lib/kubestellar/placement';
import { deliveredFilters } from '../lib/kubestellar/deliveredFilters';
import { joinedFleetView } from '../lib/joinedFleetView';

const byName = (a: SlimResource, b: SlimResource) =>
  compareNames(a.name, b.name);

/**
 * The live KubeStellar fleet of the roles asked for, sorted into what the views use: the WDS's
 * staged workloads, namespaces, policies and Bindings, the ITS's ManagedClusters, and indexes
 * of every object by cluster and identity. The WECs send only what the Bindings deliver to
 * them (their kinds in their namespaces, see {@link deliveredFilters}), on a subscription of
 * their own, never the whole fleet.
 */
export function useKubeStellarFleet(roles: ClusterRole[]) {
  const hub = useFleet({ roles: roles.filter(role => role !== 'wec') });
  const { resources, clusters } = hub;
  const held = useMemo(() => {
    const roleOf = new Map<string, ClusterRole>(
      clusters.map((c: ClusterStatus) => [c.name, c.role]),
    );
    const wds: SlimResource[] = [];
    const managedClusters: SlimResource[] = [];
    for (const resource of resources.values()) {
      const role = roleOf.get(resource.cluster);
      if (role === 'wds') wds.push(resource);
      else if (role === 'its' && resource.kind === 'ManagedCluster')
        managedClusters.push(resource);
    }
    const ofKind = (kind: string) =>
      wds.filter(r => r.kind === kind).sort(byName);
    return {
      wdsNames: clusters
        .filter(c => c.role === 'wds')
        .map(c => c.name)
        .sort(),
      staged: wds.filter(isStagedWorkload),
      namespaces: ofKind('Namespace').filter(
        n => !SYSTEM_NAMESPACES.has(n.name),
      ),
      policies: ofKind('BindingPolicy'),
      bindings: ofKind('Binding'),
      managedClusters: managedClusters.sort(byName),
      stagedIndex: indexByPlace(wds),
    };
  }, [resources, clusters]);

  const copiesFilters = roles.includes('wec')
    ? deliveredFilters(held.bindings, held.stagedIndex)
    : undefined;
  const copies = useFleet(copiesFilters);
  const asksCopies = copiesFilters !== undefined;
  const { refresh: refreshHub } = hub;
  const { refresh: refreshCopies } = copies;
  const refresh = useCallback(() => {
    refreshHub();
    if (asksCopies) refreshCopies();
  }, [refreshHub, refreshCopies, asksCopies]);
  const copyResources = asksCopies ? copies.resources : undefined;
  const deliveredIndex = useMemo(
    () => indexByPlace(copyResources?.values() ?? []),
    [copyResources],
  );
  return {
    ...held,
    view: { ...(asksCopies ? joinedFleetView(hub, copies) : hub), refresh },
    deliveredIndex,
  };
}

export type KubeStellarFleet = ReturnType<typeof useKubeStellarFleet>;
