import { Box, Typography } from '@material-ui/core';
import { makeStyles } from '@material-ui/core/styles';
import { SlimResource } from '@kubestellar/plugin-wecs-common';
import { ListChildComponentProps } from 'react-window';
import { LabelList } from '../../components/Placement';
import { PhaseStatus } from '../../components/Status';
import { PHASE_LABELS } from '../../lib/phaseLabels';

const COLUMNS = '160px minmax(160px, 2fr) 140px 120px 160px minmax(160px, 3fr)';

export const useObjectTableStyles = makeStyles(theme => ({
  row: {
    display: 'grid',
    gridTemplateColumns: COLUMNS,
    alignItems: 'center',
    gap: theme.spacing(1),
    padding: theme.spacing(0, 2),
    borderBottom: `1px solid ${theme.palette.divider}`,
    cursor: 'pointer',
    overflow: 'hidden',
    whiteSpace: 'nowrap',
    '&:hover, &:focus': { backgroundColor: theme.palette.action.hover },
  },
  head: {
    display: 'grid',
    gridTemplateColumns: COLUMNS,
    gap: theme.spacing(1),
    padding: theme.spacing(1, 2),
    fontWeight: theme.typography.fontWeightBold as number,
    borderBottom: `2px solid ${theme.palette.divider}`,
  },
  cell: { overflow: 'hidden', textOverflow: 'ellipsis' },
}));

/** What every row of the Object Explorer's list reads: the row at an index, and how to open it. */
export interface ObjectRowData {
  rowAt: (index: number) => SlimResource | undefined;
  open: (resource: SlimResource) => void;
}

/**
 * One row of the Object Explorer's virtual list. A component of its own, so the list keeps
 * each row's element while the page draws again (a click lands on the row that is shown).
 */
export const ObjectRow = ({
  index,
  style,
  data,
}: ListChildComponentProps<ObjectRowData>) => {
  const classes = useObjectTableStyles();
  const resource = data.rowAt(index);
  if (!resource) {
    return (
      <div style={style} className={classes.row} role="row">
        <Typography variant="body2" color="textSecondary">
          Loading…
        </Typography>
      </div>
    );
  }
  return (
    <div
      style={style}
      className={classes.row}
      role="row"
      tabIndex={0}
      aria-label={`${resource.kind} ${resource.name} in ${resource.cluster}`}
      onClick={() => data.open(resource)}
      onKeyDown={event => {
        if (event.key === 'Enter') data.open(resource);
      }}
    >
      <span className={classes.cell}>{resource.kind}</span>
      <span className={classes.cell}>
        <b>{resource.name}</b>
      </span>
      <span className={classes.cell}>{resource.namespace ?? '—'}</span>
      <span className={classes.cell}>{resource.cluster}</span>
      <Box display="flex" alignItems="center" className={classes.cell}>
        <PhaseStatus phase={resource.status.phase} />
        {resource.status.reason ?? PHASE_LABELS[resource.status.phase]}
      </Box>
      <span className={classes.cell}>
        <LabelList
          labels={resource.labels}
          omitted={resource.omitted?.labels}
          wrap={false}
        />
      </span>
    </div>
  );
};
