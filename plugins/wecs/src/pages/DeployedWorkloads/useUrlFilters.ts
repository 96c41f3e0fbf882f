import { FleetFilters, StatusPhase } from '@kubestellar/plugin-wecs-common';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

/** The filters that are lists: `?cluster=&namespace=&kind=&status=&policy=`, repeatable. */
type ListFilters = Required<
  Pick<
    FleetFilters,
    'clusters' | 'namespaces' | 'kinds' | 'phases' | 'policies'
  >
>;

/**
 * The filters a view shares through its URL: the lists, and `?delivered=true` for only what
 * KubeStellar delivered.
 */
export type UrlFilters = ListFilters & { delivered: boolean };

const LIST_PARAMS: Record<keyof ListFilters, string> = {
  clusters: 'cluster',
  namespaces: 'namespace',
  kinds: 'kind',
  phases: 'status',
  policies: 'policy',
};
const DELIVERED_PARAM = 'delivered';

export const NO_FILTERS: UrlFilters = {
  clusters: [],
  namespaces: [],
  kinds: [],
  phases: [],
  policies: [],
  delivered: false,
};

/** Whether any filter narrows the view. */
export const hasFilters = (filters: UrlFilters) =>
  filters.delivered ||
  Object.keys(LIST_PARAMS).some(
    key => filters[key as keyof ListFilters].length > 0,
  );

/** Reads and writes the view's filters in the URL, so that a filtered view can be shared. */
export function useUrlFilters(): [UrlFilters, (next: UrlFilters) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(
    () => ({
      clusters: params.getAll(LIST_PARAMS.clusters),
      namespaces: params.getAll(LIST_PARAMS.namespaces),
      kinds: params.getAll(LIST_PARAMS.kinds),
      phases: params.getAll(LIST_PARAMS.phases) as StatusPhase[],
      policies: params.getAll(LIST_PARAMS.policies),
      delivered: params.get(DELIVERED_PARAM) === 'true',
    }),
    [params],
  );
  const setFilters = useCallback(
    (next: UrlFilters) =>
      setParams(
        current => {
          const updated = new URLSearchParams(current);
          for (const [key, param] of Object.entries(LIST_PARAMS)) {
            updated.delete(param);
            for (const value of next[key as keyof ListFilters])
              updated.append(param, value);
          }
          if (next.delivered) updated.set(DELIVERED_PARAM, 'true');
          else updated.delete(DELIVERED_PARAM);
          return updated;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [filters, setFilters];
}

/** The subscription's filters: empty lists and `delivered: false` are left out, as "everything". */
export function toFleetFilters(filters: UrlFilters): FleetFilters {
  return Object.fromEntries(
    Object.entries(filters).filter(([, value]) =>
      Array.isArray(value) ? value.length > 0 : value,
    ),
  );
}
