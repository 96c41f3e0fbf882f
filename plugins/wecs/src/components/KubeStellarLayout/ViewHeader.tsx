import { Box, makeStyles, Typography } from '@material-ui/core';
import { ReactNode } from 'react';

// Made once, here: Backstage's ContentHeader makes its style hook while it draws, so every
// draw attached a new style sheet, and a new sheet has the browser work out the style of the
// whole page again. A live view draws its header with every update: at a million objects a
// search spent some 11 ms a draw on it, and 40 ms more in the forced layout of the tree's
// scroll that followed.
const useStyles = makeStyles(
  theme => ({
    container: {
      width: '100%',
      display: 'flex',
      flexWrap: 'wrap',
      justifyContent: 'flex-end',
      alignItems: 'center',
      marginBottom: theme.spacing(2),
    },
    title: {
      flex: '1 1 auto',
      minWidth: 0,
    },
    items: {
      flex: '0 1 auto',
      display: 'flex',
      flexWrap: 'wrap',
      alignItems: 'center',
      marginLeft: theme.spacing(1),
      minWidth: 0,
    },
  }),
  { name: 'WecsViewHeader' },
);

/**
 * The top of a view, laid out as Backstage's ContentHeader lays it out: its title (a heading,
 * or breadcrumbs) on the left, its items (live status, help) on the right.
 */
export function ViewHeader({
  title,
  children,
}: {
  /** A heading's text, or an element that names the view itself. */
  title: ReactNode;
  children?: ReactNode;
}) {
  const classes = useStyles();
  return (
    <Box className={classes.container}>
      <Box className={classes.title}>
        {typeof title === 'string' ? (
          <Typography variant="h4" component="h2" data-testid="header-title">
            {title}
          </Typography>
        ) : (
          title
        )}
      </Box>
      <Box className={classes.items}>{children}</Box>
    </Box>
  );
}
