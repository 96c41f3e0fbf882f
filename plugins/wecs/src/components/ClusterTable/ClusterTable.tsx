import { Table, TableColumn } from '@backstage/core-components';
import { WecsCluster } from '@kubestellar/plugin-wecs-common';

const columns: TableColumn<WecsCluster>[] = [
  { title: 'Cluster', field: 'name', highlight: true },
  { title: 'Context', field: 'context' },
  { title: 'API server', field: 'server' },
  { title: 'Source', field: 'source' },
];

/** The clusters the backend is configured to monitor. */
export const ClusterTable = ({ clusters }: { clusters: WecsCluster[] }) => (
  <Table<WecsCluster>
    title={`Clusters (${clusters.length})`}
    options={{ paging: false, search: false, padding: 'dense' }}
    columns={columns}
    data={clusters}
  />
);
