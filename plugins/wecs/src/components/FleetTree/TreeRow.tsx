import { StatusError, StatusOK } from '@backstage/core-components';
import { ClusterRowStatus, StatusPhase } from '@kubestellar/plugin-wecs-common';
import { Box, Tooltip } from '@material-ui/core';
import { makeStyles } from '@material-ui/core/styles';
import { BackstageTheme } from '@backstage/theme';
import ChevronRightIcon from '@material-ui/icons/ChevronRight';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { CSSProperties, ReactNode } from 'react';
import { CONNECTION_LABELS } from '../../lib/clusterStatus';
import { countsHealth } from '../../lib/countsHealth';
import { deliveryMarker } from '../../lib/kubestellar/delivery';
import { PHASE_LABELS } from '../../lib/phaseLabels';
import { TreeLine } from '../../lib/treeLayout';
import { PendingChip, RefusedKindsLine } from '../ClusterState';
import { PendingStatus, pendingColour, yellowTextColour } from '../Status';

/**
 * The rows' styles. The tree calls this once for as long as it shows (`FleetTree`): a sheet
 * whose last user unmounts is taken out of the page, and a scroll that replaces every row
 * would otherwise take it out and put it back each frame.
 */
export const useTreeRowStyles = makeStyles<BackstageTheme>(theme => ({
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
  toggle: { width: 32, flexShrink: 0, display: 'flex' },
  // A plain button: a row draws in well under a millisecond, so that a scroll that brings
  // a screenful of new rows stays within a frame (MUI's IconButton, Tooltip and Chip per row
  // took several).
  toggleButton: {
    display: 'inline-flex',
    padding: 3,
    border: 0,
    borderRadius: '50%',
    background: 'none',
    color: theme.palette.action.active,
    cursor: 'pointer',
    '&:hover': { backgroundColor: theme.palette.action.hover },
    '&:focus-visible': { outline: `2px solid ${theme.palette.primary.main}` },
  },
  label: {
    ...theme.typography.body2,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  count: {
    ...theme.typography.caption,
    display: 'inline-block',
    minWidth: 24,
    padding: '1px 8px',
    borderRadius: 12,
    textAlign: 'center',
    backgroundColor: theme.palette.action.selected,
  },
  attention: { ...theme.typography.caption, color: theme.palette.error.main },
  // Something pending and nothing failed is not an alarm: yellow, not red.
  attentionPending: {
    ...theme.typography.caption,
    color: yellowTextColour(theme),
  },
  // A status dot of the row's own, for the same reason as above (Backstage's status
  // components bring sheets of their own).
  dot: {
    display: 'inline-block',
    width: 10,
    height: 10,
    borderRadius: '50%',
    marginRight: theme.spacing(1),
    flexShrink: 0,
  },
  // Backstage's status colours, as its status components use them.
  running: { backgroundColor: theme.palette.status.ok },
  succeeded: { backgroundColor: theme.palette.status.ok },
  pending: { backgroundColor: pendingColour(theme) },
  failed: { backgroundColor: theme.palette.status.error },
  unknown: { backgroundColor: theme.palette.status.aborted },
  loading: {
    display: 'inline-block',
    width: 160,
    height: 12,
    borderRadius: 4,
    backgroundColor: theme.palette.action.hover,
  },
  match: {
    backgroundColor: theme.palette.warning.light,
    color: theme.palette.getContrastText(theme.palette.warning.light),
    borderRadius: 2,
  },
  kind: { fontWeight: theme.typography.fontWeightMedium as number },
  cluster: { fontWeight: theme.typography.fontWeightBold as number },
  meta: { marginLeft: theme.spacing(1), flexShrink: 0 },
  policy: {
    ...theme.typography.caption,
    padding: '0 6px',
    border: `1px solid ${theme.palette.primary.main}`,
    borderRadius: 4,
    color: theme.palette.primary.main,
    whiteSpace: 'nowrap',
  },
}));

/** A cluster's link as the tree shows it; disconnected offers to reconnect. */
function ConnectionStatus({
  status,
  onReconnect,
}: {
  status: ClusterRowStatus;
  onReconnect: (cluster: string) => void;
}) {
  const classes = useTreeRowStyles();
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
              <StatusOK>{CONNECTION_LABELS.connected}</StatusOK>
            ) : (
              <PendingStatus>{CONNECTION_LABELS.connecting}</PendingStatus>
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
            <StatusError>{CONNECTION_LABELS.disconnected}</StatusError>
          </Box>
        </Tooltip>
      );
  }
}

/** The label with the search query's occurrences marked. */
function Highlighted({ text, query }: { text: string; query: string }) {
  const classes = useTreeRowStyles();
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
  const classes = useTreeRowStyles();
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
      <span className={classes.toggle}>
        {line.expanded && (
          <button
            type="button"
            className={classes.toggleButton}
            aria-label="Collapse"
            onClick={onToggle}
          >
            <ExpandMoreIcon fontSize="small" />
          </button>
        )}
      </span>
      <span className={classes.loading} />
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
  const classes = useTreeRowStyles();
  const { node, depth, expanded, expandable } = line;
  if (!node)
    return <PlaceholderRow line={line} style={style} onToggle={onToggle} />;
  const { counts } = node;
  const label = (
    <span
      className={`${classes.label} ${
        node.type === 'kind' ? classes.kind : ''
      } ${node.type === 'cluster' ? classes.cluster : ''}`}
    >
      <Highlighted text={node.label} query={query} />
    </span>
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
      onClick={() => {
        onSelect();
        // A cluster's, namespace's or kind's row opens as its arrow does; clicked again once
        // selected, it closes.
        if (node.type !== 'instance' && expandable && (!expanded || selected))
          onToggle();
      }}
      onKeyDown={event => {
        if (event.key === 'Enter' || event.key === ' ') onSelect();
        else if (event.key === 'ArrowRight' && expandable && !expanded)
          onToggle();
        else if (event.key === 'ArrowLeft' && expanded) onToggle();
        else return;
        event.preventDefault();
      }}
    >
      <span className={classes.toggle}>
        {expandable && (
          <button
            type="button"
            className={classes.toggleButton}
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
          </button>
        )}
      </span>
      {node.type === 'instance' && node.resource && (
        <span
          className={`${classes.dot} ${
            classes[node.resource.status.phase as StatusPhase]
          }`}
          title={
            node.resource.status.reason ??
            PHASE_LABELS[node.resource.status.phase]
          }
          aria-label={`Status ${node.resource.status.phase}`}
          role="img"
        />
      )}
      {node.type === 'namespace' && (
        <span
          className={`${classes.dot} ${classes[countsHealth(counts)]}`}
          title={`${PHASE_LABELS[countsHealth(counts)]}: ${
            counts.failed
          } failed, ${counts.pending} pending of ${counts.total}`}
          aria-label={`Health ${countsHealth(counts)}`}
          data-health={countsHealth(counts)}
          role="img"
        />
      )}
      {label}
      {node.policies && (
        <span
          className={`${classes.meta} ${classes.policy}`}
          title={deliveryMarker(node.policies).title}
        >
          {deliveryMarker(node.policies).text}
        </span>
      )}
      {node.clusterStatus && (
        <ConnectionStatus
          status={node.clusterStatus}
          onReconnect={onReconnect}
        />
      )}
      {node.type !== 'instance' && node.clusterStatus?.state !== 'pending' && (
        <span className={`${classes.meta} ${classes.count}`}>
          {counts.total}
        </span>
      )}
      {node.type !== 'instance' && attention > 0 && (
        <span
          className={`${classes.meta} ${
            counts.failed > 0 ? classes.attention : classes.attentionPending
          }`}
        >
          {counts.failed > 0 && `${counts.failed} failed`}
          {counts.failed > 0 && counts.pending > 0 && ', '}
          {counts.pending > 0 && `${counts.pending} pending`}
        </span>
      )}
      {node.clusterStatus && (
        <Box className={classes.meta} style={{ flexShrink: 1, minWidth: 0 }}>
          <RefusedKindsLine status={node.clusterStatus} />
        </Box>
      )}
      <span style={{ flexGrow: 1 }} />
      {actions}
    </div>
  );
};
