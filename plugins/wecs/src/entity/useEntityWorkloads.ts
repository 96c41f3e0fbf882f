import { FleetFilters } from '@kubestellar/plugin-wecs-common';
import { useEffect, useMemo } from 'react';
import { ClusterRow } from '../components/ClusterTable';
import { useFleetViews } from '../hooks/useFleetViews';
import { POD_CONTROLLER_KINDS } from '../lib/k8s/kinds';
import { entityWorkloads } from './entityWorkloads';

/** The most objects an entity page asks for at once; past it, the page says so. */
export const ENTITY_WINDOW = 500;

const WORKLOAD_KINDS = [...POD_CONTROLLER_KINDS, 'Pod'];

/**
 * An entity's workloads, live: the first {@link ENTITY_WINDOW} objects of workload kinds that
 * its selector matches (a window of the backend's objects view, so the page never holds more),
 * folded into top-level workloads, and each cluster with how many of them it runs.
 */
export function useEntityWorkloads(filters: FleetFilters) {
  const fleet = useFleetViews();
  const key = JSON.stringify(filters);
  const { show } = fleet;
  useEffect(() => {
    show({ ...JSON.parse(key), kinds: WORKLOAD_KINDS }, [
      { key: 'clusters', query: { level: 'clusters' } },
      { key: 'objects', query: { level: 'objects' }, limit: ENTITY_WINDOW },
    ]);
  }, [show, key]);
  const objects = fleet.windows.get('objects');
  const clusterWindow = fleet.windows.get('clusters');
  const workloads = useMemo(
    () =>
      entityWorkloads(
        (objects?.rows ?? []).flatMap(row =>
          row.type === 'instance' ? [row.resource] : [],
        ),
      ),
    [objects],
  );
  const clusters = useMemo(
    (): ClusterRow[] =>
      (clusterWindow?.rows ?? []).flatMap(row =>
        row.type === 'cluster'
          ? [{ ...row.status, counts: { total: row.counts.total } }]
          : [],
      ),
    [clusterWindow],
  );
  const total = objects?.total ?? 0;
  const loaded = objects !== undefined && clusterWindow !== undefined;
  return {
    fleet,
    workloads,
    clusters,
    /** Objects of workload kinds the selector matches, in all. */
    total,
    /** More objects match than the page holds: `workloads` are those among the first. */
    truncated: total > ENTITY_WINDOW,
    loaded,
    /**
     * Why nothing can be shown: the backend refused the selector (which refuses the whole
     * message), or cannot be reached.
     */
    refused: loaded ? undefined : fleet.lastError,
  };
}
