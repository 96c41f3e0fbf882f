import {
  FleetViewRow,
  MAX_VIEW_WINDOW,
  SlimResource,
} from '@kubestellar/plugin-wecs-common';
import { useMemo } from 'react';
import { selectionKeyOf } from './useObjectSelection';
import { useWdsViews } from './useWdsViews';

/** A staged object or namespace with the policies that bind or select it. */
export type StagedRow = Extract<FleetViewRow, { type: 'staged' }>;

/**
 * What a WDS stages, live, as the backend narrows and pages it: the WDS's namespaces with how
 * many staged objects each holds (`stagedNamespaces`), and one page of its staged objects
 * (`staged`), each with the policies that bind or select it. Without a WDS named, the first
 * one's.
 */
export function useStagedWorkloads(
  asked: string | undefined,
  query: { namespace?: string; search?: string },
  page: { offset: number; limit: number },
) {
  const { views, windows, wdsNames, wds } = useWdsViews(asked, cluster => [
    {
      key: 'namespaces',
      query: { level: 'stagedNamespaces', cluster },
      limit: MAX_VIEW_WINDOW,
    },
    { key: 'staged', query: { level: 'staged', cluster, ...query }, ...page },
  ]);

  return useMemo(() => {
    const rowsOf = (key: string): StagedRow[] =>
      (windows.get(key)?.rows ?? []).flatMap(row =>
        row.type === 'staged' ? [row] : [],
      );
    const namespaces = rowsOf('namespaces');
    const objects = rowsOf('staged');
    const resources = new Map<string, SlimResource>();
    for (const row of [...namespaces, ...objects])
      resources.set(selectionKeyOf(row.resource), row.resource);
    return {
      views,
      wdsNames,
      /** The WDS shown. */
      wds,
      namespaces,
      /** How many namespaces the WDS has, when more than one window holds. */
      namespaceTotal: windows.get('namespaces')?.total ?? 0,
      /** One page of the staged objects that match. */
      objects,
      /** How many staged objects match in all. */
      total: windows.get('staged')?.total ?? 0,
      loaded: windows.has('staged'),
      /** The page's objects and the namespaces, by `cluster/uid`. */
      resources,
    };
  }, [views, windows, wdsNames, wds]);
}
