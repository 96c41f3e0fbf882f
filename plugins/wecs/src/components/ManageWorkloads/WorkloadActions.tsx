import { SlimResource } from '@kubestellar/plugin-wecs-common';
import { IconButton, Menu, MenuItem } from '@material-ui/core';
import MoreVertIcon from '@material-ui/icons/MoreVert';
import { useState } from 'react';
import { ManagedWorkload } from '../../placement';
import { DetailsTab, hasLogs } from '../NodeActions';

/**
 * The ⋮ menu of a managed workload: Details and Edit of its WDS copy (where edits last), and
 * Details and Logs of its copy in each cluster it reached.
 */
export const WorkloadActions = ({
  workload,
  onOpen,
}: {
  workload: ManagedWorkload;
  onOpen: (resource: SlimResource, tab: DetailsTab) => void;
}) => {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const items: Array<{
    label: string;
    resource: SlimResource;
    tab: DetailsTab;
  }> = [];
  if (workload.staged) {
    items.push({ label: 'Details', resource: workload.staged, tab: 'summary' });
    items.push({ label: 'Edit', resource: workload.staged, tab: 'edit' });
  }
  for (const { cluster, delivered } of workload.placements) {
    if (!delivered) continue;
    items.push({
      label: `Details in ${cluster}`,
      resource: delivered,
      tab: 'summary',
    });
    if (hasLogs(workload.kind))
      items.push({
        label: `Logs in ${cluster}`,
        resource: delivered,
        tab: 'logs',
      });
  }
  return (
    // The card or row handles clicks itself; this wrapper keeps the menu's own from it.
    // eslint-disable-next-line jsx-a11y/no-static-element-interactions, jsx-a11y/click-events-have-key-events
    <span
      onClick={event => event.stopPropagation()}
      onKeyDown={event => event.stopPropagation()}
    >
      <IconButton
        size="small"
        aria-label={`Actions for ${workload.kind} ${workload.object.name}`}
        aria-haspopup="true"
        onClick={event => setAnchor(event.currentTarget)}
      >
        <MoreVertIcon fontSize="small" />
      </IconButton>
      <Menu
        anchorEl={anchor}
        open={Boolean(anchor)}
        onClose={() => setAnchor(null)}
      >
        {items.map(item => (
          <MenuItem
            key={item.label}
            onClick={() => {
              setAnchor(null);
              onOpen(item.resource, item.tab);
            }}
          >
            {item.label}
          </MenuItem>
        ))}
      </Menu>
    </span>
  );
};
