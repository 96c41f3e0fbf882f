import { hasLogs } from '../../lib/k8s/kinds';
import { TreeNode } from '../../lib/fleetTree';

export type TreeNodeAction =
  | 'details'
  | 'edit'
  | 'logs'
  | 'copy-name'
  | 'export-yaml'
  | 'delete'
  | 'refresh';

export const ACTION_LABELS: Record<TreeNodeAction, string> = {
  details: 'Details',
  edit: 'Edit',
  logs: 'Logs',
  'copy-name': 'Copy name',
  'export-yaml': 'Export YAML',
  delete: 'Delete…',
  refresh: 'Refresh',
};

/**
 * What the actions menu offers on a node: groups can only be looked at and named, and a
 * cluster listed again from its API server.
 */
export function actionsFor(node: TreeNode): TreeNodeAction[] {
  if (node.type === 'cluster') return ['details', 'refresh', 'copy-name'];
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
