import { Theme } from '@material-ui/core/styles';

/**
 * The yellow the guide gives what is on its way (Connecting, Pending), for dots and icons.
 * Backstage's own StatusPending draws grey, and its pending yellow (`#FFED51`) is too pale to
 * see on a light page, so the light theme takes the deeper gold Backstage falls back to for
 * warnings.
 */
export function pendingColour(theme: Theme): string {
  return theme.palette.type === 'dark'
    ? theme.palette.status.pending
    : '#F0AB00';
}

/** The same yellow for text, dark enough to read on a light page (a log's WARN lines). */
export function yellowTextColour(theme: Theme): string {
  return theme.palette.type === 'dark'
    ? theme.palette.status.pending
    : '#A87400';
}
