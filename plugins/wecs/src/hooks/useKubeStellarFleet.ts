import {
  ClusterRole,
  ClusterStatus,
  SlimResource,
} from '@kubestellar/plugin-wecs-common';
import { useMemo } from 'react';
import { compareNames } from '../lib/compareNames';
import { useFleet } from './useFleet';
import { indexByPlace } from '../lib/kubestellar/placement';
import { isStagedWorkload, SYSTEM_NAMESPACES } from '../lib/kubestellar/staged';

const byName = (a: SlimResource, b: SlimResource) =>
  compareNames(a.name, b.name);

/**
 * The live KubeStellar fleet of the roles asked for, sorted into what the views use: the WDS's
 * staged workloads, namespaces, policies and Bindings, the ITS's ManagedClusters, and indexes
 * of every object by cluster and identity.
 */
export function useKubeStellarFleet(roles: ClusterRole[]) {
  const view = useFleet({ roles });
  return useMemo(() => {
    const roleOf = new Map<string, ClusterRole>(
      view.clusters.map((c: ClusterStatus) => [c.name, c.role]),
    );
    const wds: SlimResource[] = [];
    const wec: SlimResource[] = [];
    const managedClusters: SlimResource[] = [];
    for (const resource of view.resources.values()) {
      const role = roleOf.get(resource.cluster);
      if (role === 'wds') wds.push(resource);
      else if (role === 'wec') wec.push(resource);
      else if (role === 'its' && resource.kind === 'ManagedCluster')
        managedClusters.push(resource);
    }
    const ofKind = (kind: string) =>
      wds.filter(r => r.kind === kind).sort(byName);
    return {
      view,
      wdsNames: view.clusters
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
      deliveredIndex: indexByPlace(wec),
    };
  }, [view]);
}

export type KubeStellarFleet = ReturnType<typeof useKubeStellarFleet>;
