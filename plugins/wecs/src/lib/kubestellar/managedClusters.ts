import {
  ClusterMembershipAction,
  ClusterRowStatus,
  SlimResource,
} from '@kubestellar/plugin-wecs-common';
import { parseQuantity } from '../k8s/quantities';

/** How KubeStellar's UI names a ManagedCluster's state, from its normalized status. */
export type ManagedClusterState = 'Active' | 'Inactive' | 'Pending';

export const MANAGED_CLUSTER_STATES: ManagedClusterState[] = [
  'Active',
  'Inactive',
  'Pending',
];

/**
 * Active when available; Pending until the hub accepts it and its agent joins; Inactive
 * otherwise (not available, or its lease expired and availability is Unknown).
 */
export function managedClusterState(
  cluster: SlimResource,
): ManagedClusterState {
  switch (cluster.status.phase) {
    case 'running':
      return 'Active';
    case 'pending':
      return 'Pending';
    default:
      return 'Inactive';
  }
}

/**
 * What can be done to a ManagedCluster's membership: accept it while it is pending (not
 * accepted, or accepted with its agent's CSRs still waiting), detach it once it has joined.
 */
export function membershipActionOf(
  cluster: SlimResource,
): ClusterMembershipAction {
  return managedClusterState(cluster) === 'Pending' ? 'accept' : 'detach';
}

/**
 * The same for a cluster as the backend follows it: accept a pending one, detach a workload
 * execution cluster the ITS brought; nothing for one from a kubeconfig or a control plane.
 */
export function membershipActionOfStatus(
  status: ClusterRowStatus,
): ClusterMembershipAction | undefined {
  if (status.state === 'pending') return 'accept';
  return status.source === 'its' && status.role === 'wec'
    ? 'detach'
    : undefined;
}

/** One resource of a cluster: what it can hand out of what it has. */
export interface Capacity {
  allocatable?: number;
  capacity?: number;
}

export function capacityOf(
  cluster: SlimResource,
  resource: 'cpu' | 'memory' | 'pods',
): Capacity {
  return {
    allocatable: parseQuantity(cluster.summary?.allocatable?.[resource]),
    capacity: parseQuantity(cluster.summary?.capacity?.[resource]),
  };
}

/** Whether `cluster` has every `key=value` (or bare key) the query names, space-separated. */
export function matchesLabelQuery(cluster: SlimResource, query: string) {
  const labels = cluster.labels ?? {};
  return query
    .split(/\s+/)
    .filter(Boolean)
    .every(term => {
      const [key, value] = term.split('=');
      return value === undefined
        ? Object.keys(labels).some(k => k.includes(key)) ||
            Object.values(labels).some(v => v.includes(key))
        : labels[key] === value;
    });
}
