import { Box, LinearProgress, Tooltip, Typography } from '@material-ui/core';
import { Capacity } from './managedClusters';

/**
 * A cluster resource as numbers and a small bar: what is allocatable to workloads, out of the
 * node capacity.
 */
export const CapacityBar = ({
  capacity,
  format,
  unit,
}: {
  capacity: Capacity;
  format: (value: number) => string;
  unit: string;
}) => {
  const { allocatable, capacity: total } = capacity;
  if (total === undefined) return <Typography variant="body2">—</Typography>;
  const share =
    allocatable === undefined
      ? 100
      : Math.min(100, (allocatable / total) * 100);
  return (
    <Tooltip
      title={`${
        allocatable === undefined ? '?' : format(allocatable)
      } ${unit} allocatable of ${format(total)} ${unit}`}
    >
      <Box minWidth={90}>
        <Typography variant="body2" noWrap>
          {format(total)} {unit}
        </Typography>
        <LinearProgress
          variant="determinate"
          value={share}
          aria-label={`${unit} allocatable`}
        />
      </Box>
    </Tooltip>
  );
};
