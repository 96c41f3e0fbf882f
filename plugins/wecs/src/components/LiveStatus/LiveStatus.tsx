import {
  StatusAborted,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import {
  Box,
  CircularProgress,
  FormControlLabel,
  IconButton,
  MenuItem,
  Switch,
  TextField,
  Tooltip,
  Typography,
} from '@material-ui/core';
import RefreshIcon from '@material-ui/icons/Refresh';
import { useId } from 'react';
import { FleetViews, LiveConnectionStatus, POLL_INTERVAL_MS } from '../../api';
import {
  AUTO_REFRESH_SECONDS,
  AutoRefreshSeconds,
} from '../../hooks/useAutoRefresh';
import { PendingStatus } from '../Status';

/** What the view says of itself: live, paused, polled, or on its way. */
type ShownStatus = LiveConnectionStatus & Pick<FleetViews, 'paused'>;

const PAUSED_NOTE =
  'Live updates are off: the view changes when refreshed, by hand or on the Auto-refresh beat';

function stateLabel(view: ShownStatus) {
  switch (view.state) {
    case 'live':
      if (view.paused) return <StatusAborted>Paused</StatusAborted>;
      return view.transport?.kind === 'polling' ? (
        <StatusWarning>
          Refreshed every {POLL_INTERVAL_MS / 1000} s
        </StatusWarning>
      ) : (
        <StatusOK>Live</StatusOK>
      );
    case 'connecting':
      return <PendingStatus>Connecting</PendingStatus>;
    case 'reconnecting': {
      const seconds = view.retryAt
        ? Math.max(0, Math.round((view.retryAt.getTime() - Date.now()) / 1000))
        : 0;
      return (
        <StatusWarning>
          {seconds > 0 ? `Reconnecting in ${seconds} s` : 'Reconnecting'}
        </StatusWarning>
      );
    }
    default:
      return <StatusAborted>Closed</StatusAborted>;
  }
}

/**
 * Why the view is not live, or not as live as it could be: the last connection's error while
 * (re)connecting, the reason for polling. Said on the page, not only in a tooltip, so that a
 * page that cannot go live never just says "Connecting".
 */
function caveatOf(view: LiveConnectionStatus): string | undefined {
  if (view.state === 'connecting' || view.state === 'reconnecting') {
    return view.lastError;
  }
  if (view.state === 'live' && view.transport?.kind === 'polling') {
    return `Live updates do not reach this page: ${view.transport.reason}`;
  }
  return undefined;
}

/**
 * Whether the view is live, when it was last current, a way to refresh it now and, when the
 * page offers them, a switch for live updates and a refresh on a fixed beat.
 */
export const LiveStatus = ({
  view,
  onRefresh,
  refreshing = false,
  onLiveChange,
  autoRefresh,
}: {
  view: ShownStatus;
  onRefresh: () => void;
  /** A refresh is under way: the button waits for it rather than asking again. */
  refreshing?: boolean;
  /** Turns live updates on or off (`view.paused` says which). */
  onLiveChange?: (live: boolean) => void;
  autoRefresh?: {
    seconds: AutoRefreshSeconds;
    onChange: (seconds: AutoRefreshSeconds) => void;
  };
}) => {
  // With an id, MUI names the drop-down by its label and its value ("Auto-refresh off").
  const autoRefreshId = useId();
  return (
    <Box display="flex" alignItems="center" data-testid="live-status">
      <Tooltip
        title={
          (view.paused && PAUSED_NOTE) ||
          (view.transport?.reason ?? view.lastError ?? '')
        }
      >
        <Typography component="span" variant="body2">
          {stateLabel(view)}
        </Typography>
      </Tooltip>
      {caveatOf(view) && (
        <Tooltip title={caveatOf(view) ?? ''}>
          <Box ml={2} maxWidth={420}>
            <Typography variant="body2" color="error" noWrap>
              {caveatOf(view)}
            </Typography>
          </Box>
        </Tooltip>
      )}
      {view.updatedAt && (
        <Box ml={2}>
          <Typography variant="body2" color="textSecondary">
            Last Updated {view.updatedAt.toLocaleTimeString()}
          </Typography>
        </Box>
      )}
      <Tooltip title={refreshing ? 'Refreshing…' : 'Refresh now'}>
        {/* A disabled button fires no events: the span keeps the tooltip working. */}
        <span>
          <IconButton
            aria-label="Refresh"
            size="small"
            onClick={onRefresh}
            disabled={refreshing}
          >
            {refreshing ? (
              <CircularProgress size={16} aria-label="Refreshing" />
            ) : (
              <RefreshIcon fontSize="small" />
            )}
          </IconButton>
        </span>
      </Tooltip>
      {onLiveChange && (
        <Box ml={2}>
          <FormControlLabel
            label="Live updates"
            control={
              <Switch
                size="small"
                color="primary"
                checked={!view.paused}
                onChange={event => onLiveChange(event.target.checked)}
              />
            }
          />
        </Box>
      )}
      {autoRefresh && (
        <Box ml={2} minWidth={140}>
          <TextField
            id={autoRefreshId}
            select
            fullWidth
            size="small"
            label="Auto-refresh"
            value={autoRefresh.seconds}
            onChange={event =>
              autoRefresh.onChange(
                Number(event.target.value) as AutoRefreshSeconds,
              )
            }
          >
            {AUTO_REFRESH_SECONDS.map(seconds => (
              <MenuItem key={seconds} value={seconds}>
                {seconds ? `every ${seconds} s` : 'off'}
              </MenuItem>
            ))}
          </TextField>
        </Box>
      )}
    </Box>
  );
};
