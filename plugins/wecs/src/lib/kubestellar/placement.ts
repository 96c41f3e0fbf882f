import {
  BoundObject,
  CopyLookup,
  LabelSelector,
  objectKey,
  resourceKey,
  SlimResource,
} from '@kubestellar/plugin-wecs-common';

/** Indexes objects by cluster and identity, to find each cluster's copy of a bound object. */
export function indexByPlace(
  resources: Iterable<SlimResource>,
): Map<string, SlimResource> {
  const index = new Map<string, SlimResource>();
  for (const resource of resources)
    index.set(`${resource.cluster}|${resourceKey(resource)}`, resource);
  return index;
}

/** Finds copies in an index built by {@link indexByPlace}. */
export const lookupIn =
  (index: ReadonlyMap<string, SlimResource>): CopyLookup =>
  (cluster: string, object: BoundObject) =>
    index.get(`${cluster}|${objectKey(object)}`);

/**
 * The policies whose Binding lists each object, keyed `cluster|identity` with the WDS of the
 * Binding as the cluster, the way {@link indexByPlace} keys the WDS's objects.
 */
export function policiesByObject(
  bindings: SlimResource[],
): Map<string, string[]> {
  const policies = new Map<string, string[]>();
  for (const binding of bindings) {
    for (const object of binding.summary?.binding?.workloads ?? []) {
      const key = `${binding.cluster}|${objectKey(object)}`;
      policies.set(key, [...(policies.get(key) ?? []), binding.name]);
    }
  }
  return policies;
}

/** A label selector as kubectl writes one: `app=web,tier in (front,back),!legacy`. */
export function selectorText(selector: LabelSelector): string {
  const terms = [
    ...Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`),
    ...(selector.matchExpressions ?? []).map(({ key, operator, values }) => {
      switch (operator) {
        case 'Exists':
          return key;
        case 'DoesNotExist':
          return `!${key}`;
        default:
          return `${key} ${operator.toLowerCase()} (${(values ?? []).join(
            ',',
          )})`;
      }
    }),
  ];
  return terms.length ? terms.join(',') : 'everything';
}
