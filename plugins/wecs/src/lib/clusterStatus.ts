import {
  ClusterAccess,
  ClusterRowStatus,
  ConnectionState,
} from '@kubestellar/plugin-wecs-common';

/** A cluster's link to the backend, as tables and details name it. */
export const CONNECTION_LABELS: Record<ConnectionState, string> = {
  connected: 'Connected',
  connecting: 'Connecting',
  disconnected: 'Disconnected',
  pending: 'Pending',
};

/** How the backend reaches a cluster's API server, in the words the views use. */
export function accessLabel(access: ClusterAccess): string {
  return access === 'cluster-proxy'
    ? 'through the hub (cluster-proxy)'
    : 'direct';
}

/** Where the backend learnt of a cluster: the ITS, a kubeconfig, or an adopter's source. */
export function sourceLabel(source: string): string {
  return source === 'its' ? 'ITS (ManagedCluster)' : source;
}

/**
 * One line per type the cluster's RBAC refuses the backend, with the API server's reason:
 * `RBAC refuses Secret (v1): secrets is forbidden: …`.
 */
export function refusalLines(status: ClusterRowStatus): string[] {
  return (status.refused ?? []).map(
    r => `RBAC refuses ${r.kind} (${r.apiVersion}): ${r.message}`,
  );
}

/** The refused kinds in short, for a line that has no room for the reasons. */
export function refusedKindsSummary(
  status: ClusterRowStatus,
): string | undefined {
  const kinds = (status.refused ?? []).map(r => r.kind);
  return kinds.length ? `RBAC refuses ${kinds.join(', ')}` : undefined;
}
