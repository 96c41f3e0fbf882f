import { KubeObject } from './types';

function sortedKeys<T>(map: Record<string, T>): Record<string, T> {
  return Object.fromEntries(
    Object.keys(map)
      .sort()
      .map(key => [key, map[key]]),
  );
}

function deepSorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(deepSorted);
  if (value && typeof value === 'object') {
    const map = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(map)
        .sort()
        .map(key => [key, deepSorted(map[key])]),
    );
  }
  return value;
}

const isMap = (value: unknown): value is Record<string, unknown> =>
  Boolean(value) && typeof value === 'object' && !Array.isArray(value);

/**
 * The key order a real API server answers with. Go's JSON encoder writes map keys sorted, so
 * labels, annotations and a ConfigMap's or Secret's data come back sorted whatever order they
 * were sent in; a custom resource is kept as nested maps, so it comes back sorted at every level.
 */
export function inApiServerKeyOrder(
  object: KubeObject,
  custom: boolean,
): KubeObject {
  if (custom) return deepSorted(object) as KubeObject;
  const { metadata } = object;
  if (isMap(metadata.labels)) metadata.labels = sortedKeys(metadata.labels);
  if (isMap(metadata.annotations))
    metadata.annotations = sortedKeys(metadata.annotations);
  for (const field of ['data', 'binaryData', 'stringData'] as const) {
    const value = (object as Record<string, unknown>)[field];
    if (isMap(value))
      (object as Record<string, unknown>)[field] = sortedKeys(value);
  }
  return object;
}
