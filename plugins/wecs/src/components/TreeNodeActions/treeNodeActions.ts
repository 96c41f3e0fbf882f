import { hasLogs } from '../../lib/k8s/kinds';
import { TreeNode } from '../../lib/fleetTree';

export type TreeNodeAction =
  | 'details'
  | 'edit'
  | 'logs'
  | 'copy-name'
  | 'export-yaml'
  | 'delete';

export const ACTION_LABELS: Record<TreeNodeAction, string> = {
  details: 'Details',
  edit: 'Edit',
  logs: 'Logs',
  'copy-name': 'Copy name',
  'export-yaml': 'Export YAML',
  delete: 'Delete…',
};

/** What the actions menu offers on a node: groups can only be looked at and named. */
export function actionsFor(node: TreeNode): TreeNodeAction[] {
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
