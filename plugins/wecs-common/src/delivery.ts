import type { OwnerLink } from './resources';

/**
 * The label KubeStellar's transport puts on each ManifestWork it writes in the ITS: the name
 * of the binding policy (and its Binding) the ManifestWork delivers.
 *
 * @public
 */
export const BINDING_POLICY_LABEL =
  'transport.kubestellar.io/originOwnerReferenceBindingKey';

/** The OCM work agent names an AppliedManifestWork `<sha256 of the hub's URL>-<ManifestWork>`. */
const HUB_HASH_PREFIX = /^[0-9a-f]{64}-/;

/**
 * Whether an owner is the AppliedManifestWork the OCM work agent makes the owner of each
 * object it applied for a ManifestWork.
 *
 * @public
 */
export const isAppliedManifestWork = (
  owner: Pick<OwnerLink, 'kind' | 'apiVersion'>,
) =>
  owner.kind === 'AppliedManifestWork' &&
  owner.apiVersion.startsWith('work.open-cluster-management.io/');

/**
 * Whether KubeStellar delivered an object to its WEC: the OCM work agent makes the
 * AppliedManifestWork of each ManifestWork an owner of what it applied. Such objects are kept
 * equal to their WDS copy, so a direct edit is reverted and a deleted one comes back.
 *
 * @public
 */
export function isDeliveredByKubeStellar(
  owners: Array<Pick<OwnerLink, 'kind' | 'apiVersion'>> | undefined,
): boolean {
  return Boolean(owners?.some(isAppliedManifestWork));
}

/**
 * The name, in the ITS namespace named after the WEC, of the ManifestWork an
 * AppliedManifestWork owner stands for.
 *
 * @public
 */
export const manifestWorkNameOf = (owner: Pick<OwnerLink, 'name'>) =>
  owner.name.replace(HUB_HASH_PREFIX, '');
