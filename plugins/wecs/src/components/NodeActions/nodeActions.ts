import { SlimResource } from '@kubestellar/plugin-wecs-common';
import { ObjectRef } from '../../api';
import { POD_CONTROLLER_KINDS } from '../../kinds';
import { isDeliveredByKubeStellar } from '../../kubestellar';
import { TreeNode } from '../../tree/fleetTree';

/** The tabs of an object's details panel. */
export type DetailsTab = 'summary' | 'edit' | 'drift' | 'logs' | 'events';
export const DETAILS_TABS: DetailsTab[] = [
  'summary',
  'edit',
  'drift',
  'logs',
  'events',
];

export type NodeAction =
  | 'details'
  | 'edit'
  | 'logs'
  | 'copy-name'
  | 'export-yaml'
  | 'delete';

export const ACTION_LABELS: Record<NodeAction, string> = {
  details: 'Details',
  edit: 'Edit',
  logs: 'Logs',
  'copy-name': 'Copy name',
  'export-yaml': 'Export YAML',
  delete: 'Delete…',
};

/** Whether a kind has logs to show: a pod's own, or those of a workload's pods. */
export const hasLogs = (kind: string) =>
  kind === 'Pod' || POD_CONTROLLER_KINDS.has(kind);

/**
 * The tabs an object offers: Drift only for copies KubeStellar delivered, Logs only for pods
 * and workloads.
 */
export const tabsFor = (
  resource: Pick<SlimResource, 'kind' | 'owners'>,
): DetailsTab[] =>
  DETAILS_TABS.filter(
    tab =>
      (tab !== 'logs' || hasLogs(resource.kind)) &&
      (tab !== 'drift' || isDeliveredByKubeStellar(resource.owners)),
  );

/** What the actions menu offers on a node: groups can only be looked at and named. */
export function actionsFor(node: TreeNode): NodeAction[] {
  if (!node.resource) return ['details', 'copy-name'];
  return [
    'details',
    'edit',
    ...(hasLogs(node.resource.kind) ? (['logs'] as const) : []),
    'copy-name',
    'export-yaml',
    'delete',
  ];
}

export const objectRefOf = (resource: SlimResource): ObjectRef => ({
  cluster: resource.cluster,
  namespace: resource.namespace,
  kind: resource.kind,
  name: resource.name,
  uid: resource.uid,
  apiVersion: resource.apiVersion,
});

/** Where an object lives, as people say it: `cluster1/shop`. */
export const placeOf = (ref: ObjectRef) =>
  `${ref.cluster}${ref.namespace ? `/${ref.namespace}` : ''}`;
