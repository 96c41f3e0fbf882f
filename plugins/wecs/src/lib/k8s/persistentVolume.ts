import { Facts } from './facts';

/**
 * What a PersistentVolume offers and to whom: capacity, access modes, storage class, what
 * happens to it when released, and the claim bound to it.
 */
export function persistentVolumeFacts(volume: any): Facts {
  const spec = volume.spec ?? {};
  const facts: Facts = {};
  if (spec.capacity?.storage) facts.capacity = spec.capacity.storage;
  if (spec.accessModes?.length)
    facts['access modes'] = spec.accessModes.join(', ');
  if (spec.storageClassName) facts['storage class'] = spec.storageClassName;
  if (spec.persistentVolumeReclaimPolicy) {
    facts['reclaim policy'] = spec.persistentVolumeReclaimPolicy;
  }
  const claim = spec.claimRef;
  facts.claim = claim?.name
    ? `${claim.namespace ? `${claim.namespace}/` : ''}${claim.name}`
    : 'not claimed';
  if (spec.volumeMode) facts['volume mode'] = spec.volumeMode;
  return facts;
}
