import { Box, Typography } from '@material-ui/core';
import { Placement } from '@kubestellar/plugin-wecs-common';
import { PhaseStatus } from '../Status';

/** What a cluster has of a bound object: its copy's health, or that it is missing. */
export const placementText = (placement: Placement): string => {
  const copy = placement.delivered;
  if (!copy) return 'Missing';
  const replicas = copy.summary?.replicas;
  if (replicas) return `${replicas.ready}/${replicas.desired} ready`;
  return copy.status.reason ?? 'Present';
};

/** A bound object's copy in one cluster, as a status dot and a word or two. */
export const PlacementStatus = ({
  placement,
  showCluster = false,
}: {
  placement: Placement;
  showCluster?: boolean;
}) => (
  <Box display="flex" alignItems="center" style={{ whiteSpace: 'nowrap' }}>
    <PhaseStatus phase={placement.delivered?.status.phase ?? 'failed'} />
    <Typography variant="body2" component="span">
      {showCluster ? `${placement.cluster}: ` : ''}
      {placementText(placement)}
    </Typography>
  </Box>
);
