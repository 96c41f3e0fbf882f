import {
  FleetViewRow,
  ManagedWorkload,
  MAX_VIEW_WINDOW,
  SlimResource,
} from '@kubestellar/plugin-wecs-common';
import { useMemo } from 'react';
import { selectionKeyOf } from './useObjectSelection';
import { useWdsViews } from './useWdsViews';

/** A staged object or namespace with the policies that bind or select it. */
export type StagedRow = Extract<FleetViewRow, { type: 'staged' }>;

/** A staged object named by kind, namespace and name, as a link can carry it. */
export interface StagedObjectName {
  kind: string;
  namespace?: string;
  name: string;
}

/** Workloads whose kind and name hold the searched text, looked through for the one asked for. */
const COPIES_WINDOW = 24;

/**
 * What a WDS stages, live, as the backend narrows and pages it: the WDS's namespaces with how
 * many staged objects each holds (`stagedNamespaces`), and one page of its staged objects
 * (`staged`), each with the policies that bind or select it. Without a WDS named, the first
 * one's. With `copiesOf`, also that object as a workload (a `workloads` view): its copy in
 * every destination cluster.
 */
export function useStagedWorkloads(
  asked: string | undefined,
  query: { namespace?: string; search?: string },
  page: { offset: number; limit: number },
  copiesOf?: StagedObjectName,
) {
  const { views, windows, wdsNames, wds } = useWdsViews(asked, cluster => [
    {
      key: 'namespaces',
      query: { level: 'stagedNamespaces', cluster },
      limit: MAX_VIEW_WINDOW,
    },
    { key: 'staged', query: { level: 'staged', cluster, ...query }, ...page },
    ...(copiesOf
      ? [
          {
            key: 'copies',
            query: {
              level: 'workloads' as const,
              cluster,
              ...(copiesOf.namespace ? { namespace: copiesOf.namespace } : {}),
              search: `${copiesOf.kind} ${copiesOf.name}`,
            },
            offset: 0,
            limit: COPIES_WINDOW,
          },
        ]
      : []),
  ]);
  const copiesKey = copiesOf && JSON.stringify(copiesOf);

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
    const wanted: StagedObjectName | undefined =
      copiesKey && JSON.parse(copiesKey);
    // The search also finds longer names (web finds web-canary): keep the very object.
    const workload = wanted
      ? (windows.get('copies')?.rows ?? [])
          .flatMap(row => (row.type === 'workload' ? [row.workload] : []))
          .find(
            w =>
              w.kind === wanted.kind &&
              w.object.name === wanted.name &&
              (w.object.namespace ?? '') === (wanted.namespace ?? ''),
          )
      : undefined;
    for (const placement of workload?.placements ?? [])
      if (placement.delivered)
        resources.set(selectionKeyOf(placement.delivered), placement.delivered);
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
      /** The object `copiesOf` names as a workload, once found; unset when nothing binds it. */
      copies: workload as ManagedWorkload | undefined,
      /** Whether the backend has answered the `copiesOf` search. */
      copiesLoaded: windows.has('copies'),
      /** The page's objects, the namespaces and the copies, by `cluster/uid`. */
      resources,
    };
  }, [views, windows, wdsNames, wds, copiesKey]);
}
