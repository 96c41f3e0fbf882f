import { IconButton, Menu, MenuItem } from '@material-ui/core';
import MoreVertIcon from '@material-ui/icons/MoreVert';
import { useState } from 'react';
import { TreeNode } from '../../tree/fleetTree';
import { ACTION_LABELS, actionsFor, NodeAction } from './nodeActions';

/** The ⋮ menu of a tree node. Clicks inside it never select or toggle the row. */
export const NodeActionsMenu = ({
  node,
  onAction,
}: {
  node: TreeNode;
  onAction: (node: TreeNode, action: NodeAction) => void;
}) => {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const close = () => setAnchor(null);
  return (
    // The row handles clicks and keys itself; this wrapper only keeps the menu's own from it.
    // eslint-disable-next-line jsx-a11y/no-static-element-interactions, jsx-a11y/click-events-have-key-events
    <span
      onClick={event => event.stopPropagation()}
      onKeyDown={event => event.stopPropagation()}
    >
      <IconButton
        size="small"
        aria-label={`Actions for ${node.label}`}
        aria-haspopup="true"
        onClick={event => setAnchor(event.currentTarget)}
      >
        <MoreVertIcon fontSize="small" />
      </IconButton>
      <Menu
        anchorEl={anchor}
        keepMounted={false}
        open={Boolean(anchor)}
        onClose={close}
      >
        {actionsFor(node).map(action => (
          <MenuItem
            key={action}
            onClick={() => {
              close();
              onAction(node, action);
            }}
          >
            {ACTION_LABELS[action]}
          </MenuItem>
        ))}
      </Menu>
    </span>
  );
};
