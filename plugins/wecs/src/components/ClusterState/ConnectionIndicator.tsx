import { StatusError, StatusOK } from '@backstage/core-components';
import { ClusterRowStatus } from '@kubestellar/plugin-wecs-common';
import ButtonBase from '@material-ui/core/ButtonBase';
import Tooltip from '@material-ui/core/Tooltip';
import { CONNECTION_LABELS } from '../../lib/clusterStatus';
import { PendingStatus } from '../Status';

/**
 * The cluster's connection as a coloured status (green Connected, yellow Connecting and Pending,
 * red Disconnected); on hover, since when and its last error, or
 * for a pending cluster why it has not joined. With `onReconnect`, a disconnected cluster's
 * status is a button that asks the backend to reconnect now, as the tree's is.
 */
export const ConnectionIndicator = ({
  cluster,
  onReconnect,
}: {
  cluster: ClusterRowStatus;
  onReconnect?: (cluster: string) => void;
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
  if (cluster.state === 'disconnected' && onReconnect)
    return (
      <Tooltip title={`${title}: click to reconnect now`}>
        <ButtonBase
          aria-label={`Reconnect ${cluster.name}`}
          onClick={event => {
            event.stopPropagation();
            onReconnect(cluster.name);
          }}
        >
          {indicator}
        </ButtonBase>
      </Tooltip>
    );
  return (
    <Tooltip title={title}>
      <span>{indicator}</span>
    </Tooltip>
  );
};
