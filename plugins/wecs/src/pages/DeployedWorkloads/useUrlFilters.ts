import { FleetFilters, StatusPhase } from '@kubestellar/plugin-wecs-common';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

/** The filters a view shares through its URL: `?cluster=&namespace=&kind=&status=`, repeatable. */
export type UrlFilters = Required<
  Pick<FleetFilters, 'clusters' | 'namespaces' | 'kinds' | 'phases'>
>;

const PARAMS: Record<keyof UrlFilters, string> = {
  clusters: 'cluster',
  namespaces: 'namespace',
  kinds: 'kind',
  phases: 'status',
};

/** Reads and writes the view's filters in the URL, so that a filtered view can be shared. */
export function useUrlFilters(): [UrlFilters, (next: UrlFilters) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(
    () => ({
      clusters: params.getAll(PARAMS.clusters),
      namespaces: params.getAll(PARAMS.namespaces),
      kinds: params.getAll(PARAMS.kinds),
      phases: params.getAll(PARAMS.phases) as StatusPhase[],
    }),
    [params],
  );
  const setFilters = useCallback(
    (next: UrlFilters) =>
      setParams(
        current => {
          const updated = new URLSearchParams(current);
          for (const [key, param] of Object.entries(PARAMS)) {
            updated.delete(param);
            for (const value of next[key as keyof UrlFilters])
              updated.append(param, value);
          }
          return updated;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [filters, setFilters];
}

/** The subscription's filters: empty lists are left out, as "everything". */
export function toFleetFilters(filters: UrlFilters): FleetFilters {
  return Object.fromEntries(
    Object.entries(filters).filter(([, values]) => values.length > 0),
  );
}
