import { OwnerLink } from '@kubestellar/plugin-wecs-common';

/**
 * Whether KubeStellar delivered an object to its WEC: the OCM work agent makes the
 * AppliedManifestWork of each ManifestWork an owner of what it applied. Such objects are kept
 * equal to their WDS copy, so a direct edit is reverted and a deleted one comes back.
 */
export function isDeliveredByKubeStellar(
  owners: Array<Pick<OwnerLink, 'kind' | 'apiVersion'>> | undefined,
): boolean {
  return Boolean(
    owners?.some(
      owner =>
        owner.kind === 'AppliedManifestWork' &&
        owner.apiVersion.startsWith('work.open-cluster-management.io/'),
    ),
  );
}

export const DELIVERED_NOTE =
  'KubeStellar delivered this object from a WDS through a binding policy: the work agent puts back the WDS version, so change it in the WDS to make the change last.';
