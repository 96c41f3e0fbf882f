import { IconButton, Menu, MenuItem } from '@material-ui/core';
import MoreVertIcon from '@material-ui/icons/MoreVert';
import { useState } from 'react';

export interface MenuAction {
  label: string;
  onSelect: () => void;
}

/**
 * A ⋮ button and its menu. Clicks and keys inside it never reach the row, card or tree item
 * around it, which have their own.
 */
export const ActionsMenu = ({
  label,
  actions,
}: {
  /** The button's accessible name, e.g. "Actions for Deployment web". */
  label: string;
  actions: MenuAction[];
}) => {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const close = () => setAnchor(null);
  return (
    // The surrounding element handles clicks and keys itself; this wrapper keeps the menu's own.
    // eslint-disable-next-line jsx-a11y/no-static-element-interactions, jsx-a11y/click-events-have-key-events
    <span
      onClick={event => event.stopPropagation()}
      onKeyDown={event => event.stopPropagation()}
    >
      <IconButton
        size="small"
        aria-label={label}
        aria-haspopup="true"
        onClick={event => setAnchor(event.currentTarget)}
      >
        <MoreVertIcon fontSize="small" />
      </IconButton>
      {/* Only while open: a tree draws a menu button on every row it shows. */}
      {anchor && (
        <Menu anchorEl={anchor} keepMounted={false} open onClose={close}>
          {actions.map(action => (
            <MenuItem
              key={action.label}
              onClick={() => {
                close();
                action.onSelect();
              }}
            >
              {action.label}
            </MenuItem>
          ))}
        </Menu>
      )}
    </span>
  );
};
