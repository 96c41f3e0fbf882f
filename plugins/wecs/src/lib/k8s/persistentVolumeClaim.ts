import { Facts } from './facts';

/**
 * What a PersistentVolumeClaim asks for and got: the size requested and the capacity bound,
 * its access modes, storage class, and the volume bound to it.
 */
export function persistentVolumeClaimFacts(claim: any): Facts {
  const spec = claim.spec ?? {};
  const status = claim.status ?? {};
  const facts: Facts = {};
  const requested = spec.resources?.requests?.storage;
  if (requested) facts['requested size'] = requested;
  if (status.capacity?.storage) facts.capacity = status.capacity.storage;
  const modes: string[] = status.accessModes ?? spec.accessModes ?? [];
  if (modes.length) facts['access modes'] = modes.join(', ');
  facts['storage class'] =
    spec.storageClassName === ''
      ? 'none: pre-provisioned volumes only'
      : spec.storageClassName ?? 'the cluster default';
  facts.volume = spec.volumeName ?? 'not bound yet';
  if (spec.volumeMode) facts['volume mode'] = spec.volumeMode;
  return facts;
}
