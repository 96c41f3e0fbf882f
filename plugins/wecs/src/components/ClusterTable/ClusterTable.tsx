import {
  StatusError,
  StatusOK,
  StatusPending,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { ClusterStatus } from '@kubestellar/plugin-wecs-common';
import Tooltip from '@material-ui/core/Tooltip';

const stateLabel: Record<ClusterStatus['state'], string> = {
  connected: 'Connected',
  connecting: 'Connecting',
  disconnected: 'Disconnected',
};

/** The cluster's connection as a coloured status with its last error on hover. */
export const ConnectionIndicator = ({
  cluster,
}: {
  cluster: ClusterStatus;
}) => {
  const label = stateLabel[cluster.state];
  const title = cluster.lastError
    ? `${label} since ${cluster.since}. Last error: ${cluster.lastError}`
    : `${label} since ${cluster.since}`;
  let indicator = <StatusOK>{label}</StatusOK>;
  if (cluster.state === 'connecting')
    indicator = <StatusPending>{label}</StatusPending>;
  if (cluster.state === 'disconnected')
    indicator = <StatusError>{label}</StatusError>;
  return (
    <Tooltip title={title}>
      <span>{indicator}</span>
    </Tooltip>
  );
};

const columns: TableColumn<ClusterStatus>[] = [
  { title: 'Cluster', field: 'name', highlight: true },
  {
    title: 'Connection',
    field: 'state',
    render: cluster => <ConnectionIndicator cluster={cluster} />,
  },
  {
    title: 'Objects',
    field: 'counts.total',
    type: 'numeric',
    align: 'left',
  },
  { title: 'Context', field: 'context' },
  { title: 'API server', field: 'server' },
  { title: 'Source', field: 'source' },
];

/** The clusters the backend monitors. */
export const ClusterTable = ({ clusters }: { clusters: ClusterStatus[] }) => (
  <Table<ClusterStatus>
    title={`Clusters (${clusters.length})`}
    options={{ paging: false, search: false, padding: 'dense' }}
    columns={columns}
    data={clusters}
  />
);
