import { Box, LinearProgress, Tooltip, Typography } from '@material-ui/core';
import { SlimResource } from '@kubestellar/plugin-wecs-common';
import { gigabytes } from '../../lib/k8s/quantities';
import { Capacity, capacityOf } from '../../lib/kubestellar/managedClusters';

const cores = (value: number) =>
  Number.isInteger(value) ? String(value) : value.toFixed(1);
const count = (value: number) => String(Math.round(value));

/** The resources shown against allocatable, each with its unit. */
export const CAPACITY_RESOURCES = [
  { title: 'CPU', resource: 'cpu', format: cores, unit: 'cores' },
  { title: 'Memory', resource: 'memory', format: gigabytes, unit: 'GB' },
  { title: 'Pods', resource: 'pods', format: count, unit: 'pods' },
] as const;

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

/** A ManagedCluster's CPU, memory and pods side by side, each with its bar. */
export const ClusterCapacity = ({ cluster }: { cluster: SlimResource }) => (
  <Box display="flex" style={{ gap: 32 }}>
    {CAPACITY_RESOURCES.map(({ title, resource, format, unit }) => (
      <Box key={resource}>
        <Typography variant="overline">{title}</Typography>
        <CapacityBar
          capacity={capacityOf(cluster, resource)}
          format={format}
          unit={unit}
        />
      </Box>
    ))}
  </Box>
);
