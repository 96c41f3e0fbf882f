import {
  ClusterRole,
  ClusterStatus,
  SlimResource,
} from '@kubestellar/plugin-wecs-common';
import { useMemo } from 'react';
import { compareNames } from '../../compare';
import { useFleet } from '../../live';
import { indexByPlace } from '../../placement';

/** Namespaces every API server keeps for itself; nothing is staged there. */
const SYSTEM_NAMESPACES = new Set([
  'kube-system',
  'kube-public',
  'kube-node-lease',
]);

/** Kinds a WDS holds that are KubeStellar's or Kubernetes' own bookkeeping, not workloads. */
const BOOKKEEPING_KINDS = new Set([
  'BindingPolicy',
  'Binding',
  'CombinedStatus',
  'Event',
  'Endpoints',
  'EndpointSlice',
  'Lease',
  'ServiceAccount',
]);

/** Whether a WDS object is a workload someone staged, rather than the server's own. */
export function isStagedWorkload(resource: SlimResource): boolean {
  if (!resource.namespace || SYSTEM_NAMESPACES.has(resource.namespace))
    return false;
  if (BOOKKEEPING_KINDS.has(resource.kind)) return false;
  if (resource.kind === 'ConfigMap' && resource.name === 'kube-root-ca.crt')
    return false;
  return !(
    resource.kind === 'Service' &&
    resource.namespace === 'default' &&
    resource.name === 'kubernetes'
  );
}

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
