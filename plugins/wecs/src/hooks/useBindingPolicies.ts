import {
  FleetViewRow,
  ManagedWorkload,
  MAX_VIEW_WINDOW,
  SlimResource,
} from '@kubestellar/plugin-wecs-common';
import { useEffect, useMemo } from 'react';
import { WantedView } from '../api';
import { selectionKeyOf } from './useObjectSelection';
import { useFleetViews } from './useFleetViews';

/** A binding policy as the backend sums it up: its Binding, its clusters, what arrived. */
export type PolicyRow = Extract<FleetViewRow, { type: 'policy' }>;

const WDS_FILTERS = { roles: ['wds' as const] };

/**
 * The binding policies of every WDS, live, each summed up by the backend (`policies` view), and
 * for the policy named `selected`, one page of the objects its Binding lists with their copies
 * (`workloads` view). The browser holds the policies and one page of one policy's objects.
 */
export function useBindingPolicies(
  selected: string | undefined,
  page: { offset: number; limit: number },
) {
  const views = useFleetViews();
  const { show, windows } = views;
  const policies = useMemo(
    () =>
      (windows.get('policies')?.rows ?? []).flatMap(row =>
        row.type === 'policy' ? [row] : [],
      ),
    [windows],
  );
  const row = policies.find(p => p.policy.name === selected);
  const wanted = JSON.stringify({
    wds: row?.policy.cluster,
    policy: row?.policy.name,
    page,
  });
  useEffect(() => {
    const asked = JSON.parse(wanted);
    const list: WantedView[] = [
      { key: 'policies', query: { level: 'policies' }, limit: MAX_VIEW_WINDOW },
    ];
    if (asked.policy) {
      list.push({
        key: `placements`,
        query: { level: 'workloads', cluster: asked.wds, policy: asked.policy },
        ...asked.page,
      });
    }
    show(WDS_FILTERS, list);
  }, [show, wanted]);

  return useMemo(() => {
    const placements = windows.get('placements');
    // A window of another policy, kept until the selected one's comes, is not shown.
    const current =
      placements &&
      row &&
      placements.rows.every(
        r =>
          r.type === 'workload' &&
          r.workload.policies.includes(row.policy.name),
      );
    const workloads: ManagedWorkload[] = current
      ? placements.rows.flatMap(r =>
          r.type === 'workload' ? [r.workload] : [],
        )
      : [];
    const resources = new Map<string, SlimResource>();
    const add = (resource: SlimResource | undefined) =>
      resource && resources.set(selectionKeyOf(resource), resource);
    for (const policy of policies) {
      add(policy.policy);
      add(policy.binding);
    }
    for (const workload of workloads) {
      add(workload.staged);
      workload.placements.forEach(p => add(p.delivered));
    }
    return {
      views,
      policies,
      /** How many policies there are, when more than one window holds. */
      policyTotal: windows.get('policies')?.total ?? 0,
      loaded: windows.has('policies'),
      /** The selected policy's row. */
      selected: row,
      /** One page of the selected policy's objects, with their copies. */
      workloads,
      /** How many objects the selected policy's Binding lists. */
      workloadTotal: current ? placements.total : 0,
      /** Whether the backend has answered for the selected policy's objects. */
      workloadsLoaded: Boolean(current),
      /** The policies, Bindings, and the page's WDS and delivered copies, by `cluster/uid`. */
      resources,
    };
  }, [views, windows, policies, row]);
}
