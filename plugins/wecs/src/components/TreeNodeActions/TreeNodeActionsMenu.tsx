import { TreeNode } from '../../lib/fleetTree';
import { ActionsMenu } from '../ActionsMenu';
import { ACTION_LABELS, actionsFor, TreeNodeAction } from './treeNodeActions';

/** The ⋮ menu of a tree node. Clicks inside it never select or toggle the row. */
export const TreeNodeActionsMenu = ({
  node,
  onAction,
}: {
  node: TreeNode;
  onAction: (node: TreeNode, action: TreeNodeAction) => void;
}) => (
  <ActionsMenu
    label={`Actions for ${node.label}`}
    actions={actionsFor(node).map(action => ({
      label: ACTION_LABELS[action],
      onSelect: () => onAction(node, action),
    }))}
  />
);
