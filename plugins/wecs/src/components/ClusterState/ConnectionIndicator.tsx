import { StatusError, StatusOK } from '@backstage/core-components';
import { ClusterRowStatus } from '@kubestellar/plugin-wecs-common';
import Tooltip from '@material-ui/core/Tooltip';
import { CONNECTION_LABELS } from '../../lib/clusterStatus';
import { PendingStatus } from '../Status';

/**
 * The cluster's connection as a coloured status (green Connected, yellow Connecting and Pending,
 * red Disconnected); on hover, since when and its last error, or
 * for a pending cluster why it has not joined.
 */
export const ConnectionIndicator = ({
  cluster,
}: {
  cluster: ClusterRowStatus;
}) => {
  const label = CONNECTION_LABELS[cluster.state];
  let title = `${label} since ${cluster.since}`;
  if (cluster.state === 'pending' && cluster.pendingReason)
    title = `${label}: ${cluster.pendingReason}`;
  else if (cluster.lastError)
    title = `${title}. Last error: ${cluster.lastError}`;
  let indicator = <StatusOK>{label}</StatusOK>;
  if (cluster.state === 'connecting' || cluster.state === 'pending')
    indicator = <PendingStatus>{label}</PendingStatus>;
  if (cluster.state === 'disconnected')
    indicator = <StatusError>{label}</StatusError>;
  return (
    <Tooltip title={title}>
      <span>{indicator}</span>
    </Tooltip>
  );
};
