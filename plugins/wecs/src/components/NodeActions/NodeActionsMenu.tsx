import { TreeNode } from '../../tree/fleetTree';
import { ActionsMenu } from './ActionsMenu';
import { ACTION_LABELS, actionsFor, NodeAction } from './nodeActions';

/** The ⋮ menu of a tree node. Clicks inside it never select or toggle the row. */
export const NodeActionsMenu = ({
  node,
  onAction,
}: {
  node: TreeNode;
  onAction: (node: TreeNode, action: NodeAction) => void;
}) => (
  <ActionsMenu
    label={`Actions for ${node.label}`}
    actions={actionsFor(node).map(action => ({
      label: ACTION_LABELS[action],
      onSelect: () => onAction(node, action),
    }))}
  />
);
