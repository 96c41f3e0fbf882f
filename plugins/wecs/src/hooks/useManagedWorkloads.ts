import {
  ManagedWorkload,
  MAX_VIEW_WINDOW,
  SlimResource,
  WorkloadQuery,
} from '@kubestellar/plugin-wecs-common';
import { useMemo } from 'react';
import { selectionKeyOf } from './useObjectSelection';
import { useWdsViews } from './useWdsViews';

/**
 * One page of the workloads a WDS's binding policies manage, live, as the backend pages them
 * (`workloads` views): the page's workloads with their copies in every destination cluster,
 * how many match in all, and what the filters pick from (the WDSes and the WDS's namespaces).
 * The browser holds one page, whatever the number of workloads and clusters. Without a WDS
 * named, the first one's.
 */
export function useManagedWorkloads(
  asked: string | undefined,
  query: WorkloadQuery,
  page: { offset: number; limit: number },
) {
  const { views, windows, wdsNames, wds } = useWdsViews(asked, cluster => [
    {
      key: 'namespaces',
      query: { level: 'stagedNamespaces', cluster },
      limit: MAX_VIEW_WINDOW,
    },
    {
      key: 'workloads',
      query: { level: 'workloads', cluster, ...query },
      ...page,
    },
  ]);

  return useMemo(() => {
    const rowsOf = (key: string) => windows.get(key)?.rows ?? [];
    const workloadWindow = windows.get('workloads');
    const workloads: ManagedWorkload[] = rowsOf('workloads').flatMap(row =>
      row.type === 'workload' ? [row.workload] : [],
    );
    const resources = new Map<string, SlimResource>();
    for (const workload of workloads) {
      const copies = [
        workload.staged,
        ...workload.placements.map(p => p.delivered),
      ];
      for (const copy of copies)
        if (copy) resources.set(selectionKeyOf(copy), copy);
    }
    return {
      views,
      wdsNames,
      /** The WDS shown. */
      wds,
      /** The WDS's own namespaces (not the API server's). */
      namespaces: rowsOf('namespaces').flatMap(row =>
        row.type === 'staged' ? [row.resource.name] : [],
      ),
      workloads,
      /** How many workloads match the query in all. */
      total: workloadWindow?.total ?? 0,
      /** Whether the backend has answered for this WDS and query. */
      loaded: workloadWindow !== undefined,
      /** The WDS and delivered copies of the page's workloads, by `cluster/uid`. */
      resources,
    };
  }, [views, windows, wdsNames, wds]);
}
