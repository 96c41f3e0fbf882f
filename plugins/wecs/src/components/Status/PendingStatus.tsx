import { Typography } from '@material-ui/core';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode } from 'react';
import { pendingColour } from './statusColours';

const useStyles = makeStyles(theme => ({
  status: {
    fontWeight: theme.typography.fontWeightMedium as number,
    alignItems: 'baseline',
    display: 'flex',
  },
  icon: {
    flexShrink: 0,
    position: 'relative',
    top: '0.125em',
    marginRight: theme.spacing(1),
    width: '0.8em',
    height: '0.8em',
    fill: pendingColour(theme),
  },
}));

/**
 * Backstage's status for what is on its way (Connecting, Pending), in the guide's yellow: the
 * same shape, size and spacing as StatusPending, whose own colour is grey. Like Backstage's
 * statuses it is hidden from assistive technology: keep links outside it.
 */
export function PendingStatus({ children }: { children?: ReactNode }) {
  const classes = useStyles();
  return (
    <Typography
      component="span"
      className={classes.status}
      aria-label="Status pending"
      aria-hidden="true"
    >
      <svg
        className={classes.icon}
        viewBox="0 0 24 24"
        data-testid="status-pending"
        focusable="false"
      >
        <path d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 18a8 8 0 1 1 0-16 8 8 0 0 1 0 16zm.5-13H11v6l5.2 3.2.8-1.3-4.5-2.7V7z" />
      </svg>
      {children}
    </Typography>
  );
}
