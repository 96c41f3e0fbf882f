import {
  StatusError,
  StatusOK,
  StatusPending,
} from '@backstage/core-components';
import { ClusterRowStatus } from '@kubestellar/plugin-wecs-common';
import { Box, Chip, IconButton, Tooltip, Typography } from '@material-ui/core';
import { Skeleton } from '@material-ui/lab';
import { makeStyles } from '@material-ui/core/styles';
import ChevronRightIcon from '@material-ui/icons/ChevronRight';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { CSSProperties, ReactNode } from 'react';
import { TreeLine } from '../../lib/treeLayout';
import { PhaseStatus } from '../Status';
import { PendingChip, RefusedKindsLine } from '../ClusterState';

const useStyles = makeStyles(theme => ({
  row: {
    display: 'flex',
    alignItems: 'center',
    boxSizing: 'border-box',
    paddingRight: theme.spacing(2),
    borderBottom: `1px solid ${theme.palette.divider}`,
    cursor: 'pointer',
    '&:hover': { backgroundColor: theme.palette.action.hover },
  },
  selected: { backgroundColor: theme.palette.action.selected },
  toggle: { width: 32, flexShrink: 0 },
  label: {
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  match: {
    backgroundColor: theme.palette.warning.light,
    color: theme.palette.getContrastText(theme.palette.warning.light),
    borderRadius: 2,
  },
  kind: { fontWeight: theme.typography.fontWeightMedium as number },
  cluster: { fontWeight: theme.typography.fontWeightBold as number },
  meta: { marginLeft: theme.spacing(1), flexShrink: 0 },
}));

/** A cluster's link as the tree shows it; disconnected offers to reconnect. */
function ConnectionStatus({
  status,
  onReconnect,
}: {
  status: ClusterRowStatus;
  onReconnect: (cluster: string) => void;
}) {
  const classes = useStyles();
  switch (status.state) {
    case 'pending':
      return (
        <Box className={classes.meta}>
          <PendingChip reason={status.pendingReason} />
        </Box>
      );
    case 'connected':
    case 'connecting':
      return (
        <Tooltip title={status.server}>
          <Box className={classes.meta}>
            {status.state === 'connected' ? (
              <StatusOK>connected</StatusOK>
            ) : (
              <StatusPending>connecting</StatusPending>
            )}
          </Box>
        </Tooltip>
      );
    default:
      return (
        <Tooltip
          title={`${
            status.lastError ?? 'disconnected'
          }: click to reconnect now`}
        >
          <Box
            className={classes.meta}
            onClick={event => {
              event.stopPropagation();
              onReconnect(status.name);
            }}
          >
            <StatusError>disconnected</StatusError>
          </Box>
        </Tooltip>
      );
  }
}

/** The label with the search query's occurrences marked. */
function Highlighted({ text, query }: { text: string; query: string }) {
  const classes = useStyles();
  const needle = query.trim().toLowerCase();
  const at = needle ? text.toLowerCase().indexOf(needle) : -1;
  if (at < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      <mark className={classes.match}>
        {text.slice(at, at + needle.length)}
      </mark>
      {text.slice(at + needle.length)}
    </>
  );
}

/** A row whose window is on its way: its place, and a grey bar where its name will be. */
const PlaceholderRow = ({
  line,
  style,
  onToggle,
}: {
  line: TreeLine;
  style: CSSProperties;
  onToggle: () => void;
}) => {
  const classes = useStyles();
  return (
    <div
      style={{ ...style, paddingLeft: line.depth * 20 }}
      className={classes.row}
      role="treeitem"
      aria-level={line.depth + 1}
      aria-expanded={line.expandable ? line.expanded : undefined}
      aria-selected={false}
      aria-busy
      aria-label="Loading"
    >
      <Box className={classes.toggle}>
        {line.expanded && (
          <IconButton size="small" aria-label="Collapse" onClick={onToggle}>
            <ExpandMoreIcon fontSize="small" />
          </IconButton>
        )}
      </Box>
      <Skeleton variant="text" width={160} />
    </div>
  );
};

/** One row of the fleet tree: toggle, status, name and what it holds; or its placeholder. */
export const TreeRow = ({
  line,
  style,
  query,
  selected,
  onToggle,
  onSelect,
  onReconnect,
  actions,
}: {
  line: TreeLine;
  style: CSSProperties;
  query: string;
  selected: boolean;
  onToggle: () => void;
  onSelect: () => void;
  onReconnect: (cluster: string) => void;
  /** The row's actions menu, at its end. */
  actions?: ReactNode;
}) => {
  const classes = useStyles();
  const { node, depth, expanded, expandable } = line;
  if (!node)
    return <PlaceholderRow line={line} style={style} onToggle={onToggle} />;
  const { counts } = node;
  const label = (
    <Typography
      variant="body2"
      component="span"
      className={`${classes.label} ${
        node.type === 'kind' ? classes.kind : ''
      } ${node.type === 'cluster' ? classes.cluster : ''}`}
    >
      <Highlighted text={node.label} query={query} />
    </Typography>
  );
  const attention = counts.failed + counts.pending;
  return (
    <div
      style={{ ...style, paddingLeft: depth * 20 }}
      className={`${classes.row} ${selected ? classes.selected : ''}`}
      role="treeitem"
      data-node-id={node.id}
      aria-level={depth + 1}
      aria-expanded={expandable ? expanded : undefined}
      aria-selected={selected}
      tabIndex={0}
      onClick={onSelect}
      onKeyDown={event => {
        if (event.key === 'Enter' || event.key === ' ') onSelect();
        else if (event.key === 'ArrowRight' && expandable && !expanded)
          onToggle();
        else if (event.key === 'ArrowLeft' && expanded) onToggle();
        else return;
        event.preventDefault();
      }}
    >
      <Box className={classes.toggle}>
        {expandable && (
          <IconButton
            size="small"
            aria-label={`${expanded ? 'Collapse' : 'Expand'} ${node.label}`}
            onClick={event => {
              event.stopPropagation();
              onToggle();
            }}
          >
            {expanded ? (
              <ExpandMoreIcon fontSize="small" />
            ) : (
              <ChevronRightIcon fontSize="small" />
            )}
          </IconButton>
        )}
      </Box>
      {node.type === 'instance' && node.resource && (
        <Tooltip
          title={node.resource.status.reason ?? node.resource.status.phase}
        >
          <span>
            <PhaseStatus phase={node.resource.status.phase} />
          </span>
        </Tooltip>
      )}
      {label}
      {node.clusterStatus && (
        <ConnectionStatus
          status={node.clusterStatus}
          onReconnect={onReconnect}
        />
      )}
      {node.type !== 'instance' && node.clusterStatus?.state !== 'pending' && (
        <Box className={classes.meta}>
          <Chip size="small" label={counts.total} />
        </Box>
      )}
      {node.type !== 'instance' && attention > 0 && (
        <Box className={classes.meta}>
          <Typography variant="caption" color="error">
            {counts.failed > 0 && `${counts.failed} failed`}
            {counts.failed > 0 && counts.pending > 0 && ', '}
            {counts.pending > 0 && `${counts.pending} pending`}
          </Typography>
        </Box>
      )}
      {node.clusterStatus && (
        <Box className={classes.meta} style={{ flexShrink: 1, minWidth: 0 }}>
          <RefusedKindsLine status={node.clusterStatus} />
        </Box>
      )}
      <Box flexGrow={1} />
      {actions}
    </div>
  );
};
