import { SlimResource } from '@kubestellar/plugin-wecs-common';

/** Namespaces every API server keeps for itself; nothing is staged there. */
export const SYSTEM_NAMESPACES = new Set([
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
