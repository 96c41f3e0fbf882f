import { Box, Drawer, IconButton, Typography } from '@material-ui/core';
import { makeStyles } from '@material-ui/core/styles';
import CloseIcon from '@material-ui/icons/Close';
import { ResourceDetails } from '../ResourceDetails';
import { ObjectSelection } from '../../hooks/useObjectSelection';

const useStyles = makeStyles(theme => ({
  paper: {
    width: 'min(960px, 92vw)',
    padding: theme.spacing(2),
  },
}));

/**
 * An object's details as an overlay on the right: Summary, Edit, Logs and Events, over the
 * view it was opened from. Esc, the backdrop and the close button close it.
 */
export const ObjectDrawer = ({
  selection,
  loaded,
}: {
  selection: ObjectSelection;
  /** Whether the view has its first snapshot, so a missing object is really gone. */
  loaded: boolean;
}) => {
  const classes = useStyles();
  const { key, selected, tab, setTab, close } = selection;
  return (
    <Drawer
      anchor="right"
      open={Boolean(key)}
      onClose={close}
      classes={{ paper: classes.paper }}
    >
      <Box display="flex" justifyContent="flex-end">
        <IconButton size="small" aria-label="Close details" onClick={close}>
          <CloseIcon fontSize="small" />
        </IconButton>
      </Box>
      {selected && (
        <ResourceDetails resource={selected} tab={tab} onTabChange={setTab} />
      )}
      {!selected && loaded && (
        <Typography variant="body2">
          {key} is no longer there: it was deleted, or its cluster is out of
          this view.
        </Typography>
      )}
    </Drawer>
  );
};
