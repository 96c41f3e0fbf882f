import { Facts } from './facts';

const keysOf = (map: unknown) =>
  map && typeof map === 'object' ? Object.keys(map).sort() : [];

/**
 * The keys a ConfigMap holds, text and binary; the values are for the Edit tab.
 */
export function configMapFacts(configMap: any): Facts {
  const facts: Facts = {};
  const keys = keysOf(configMap.data);
  facts['data keys'] = keys.length ? keys : 'none';
  const binary = keysOf(configMap.binaryData);
  if (binary.length) facts['binary data keys'] = binary;
  if (configMap.immutable) facts.immutable = 'yes';
  return facts;
}

/**
 * A Secret's type and the keys it holds. Never its values: the Summary shows them to nobody,
 * and the backend sends them only to users allowed to read Secrets.
 */
export function secretFacts(secret: any): Facts {
  const facts: Facts = { type: secret.type ?? 'Opaque' };
  const keys = [
    ...new Set([...keysOf(secret.data), ...keysOf(secret.stringData)]),
  ].sort();
  facts['data keys'] = keys.length ? keys : 'none';
  if (secret.immutable) facts.immutable = 'yes';
  return facts;
}
