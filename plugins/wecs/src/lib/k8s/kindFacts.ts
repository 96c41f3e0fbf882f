import { configMapFacts, secretFacts } from './configData';
import { endpointSliceFacts, endpointsFacts } from './endpoints';
import { FactSection, Facts } from './facts';
import { ingressFacts } from './ingress';
import { persistentVolumeFacts } from './persistentVolume';
import { persistentVolumeClaimFacts } from './persistentVolumeClaim';
import { serviceFacts } from './service';

/** The kinds with facts of their own, and what reads them from a full object. */
const KIND_FACTS: Record<string, (object: any) => Facts> = {
  Service: serviceFacts,
  Ingress: ingressFacts,
  Endpoints: endpointsFacts,
  EndpointSlice: endpointSliceFacts,
  PersistentVolumeClaim: persistentVolumeClaimFacts,
  PersistentVolume: persistentVolumeFacts,
  ConfigMap: configMapFacts,
  Secret: secretFacts,
};

/**
 * The facts of an object's kind, read from its full object: a Service's type, selector, ports
 * and cluster IP; an Ingress's rules and TLS hosts; the addresses of Endpoints and
 * EndpointSlices; a claim's size, access modes, class and volume; the keys of a ConfigMap or a
 * Secret. None for kinds without such facts.
 */
export function kindFacts(object: any): FactSection[] {
  const read = KIND_FACTS[object?.kind];
  return read ? [{ title: object.kind, facts: read(object) }] : [];
}
