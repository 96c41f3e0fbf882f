import { Table, TableColumn } from '@backstage/core-components';
import { ClusterRowStatus } from '@kubestellar/plugin-wecs-common';
import { accessLabel, sourceLabel } from '../../lib/clusterStatus';
import { ActionsMenu } from '../ActionsMenu';
import { ConnectionIndicator, RefusedKindsLine } from '../ClusterState';

/**
 * A cluster as the table lists it: its link to the backend and how many objects it holds (a
 * `ClusterStatus`, or a cluster row of the tree with its counts).
 */
export type ClusterRow = ClusterRowStatus & { counts: { total: number } };

/** The table's columns; a disconnected cluster's connection offers `onReconnect`. */
const columnsFor = (
  onReconnect?: (cluster: string) => void,
): TableColumn<ClusterRow>[] => [
  { title: 'Cluster', field: 'name', highlight: true },
  {
    title: 'Connection',
    field: 'state',
    render: cluster => (
      <ConnectionIndicator cluster={cluster} onReconnect={onReconnect} />
    ),
  },
  {
    title: 'Objects',
    field: 'counts.total',
    type: 'numeric',
    align: 'left',
    render: cluster => (
      <>
        {cluster.counts.total}
        <br />
        <RefusedKindsLine status={cluster} />
      </>
    ),
  },
  {
    title: 'Access',
    field: 'access',
    render: cluster => accessLabel(cluster.access),
  },
  { title: 'Context', field: 'context' },
  { title: 'API server', field: 'server' },
  {
    title: 'Source',
    field: 'source',
    render: cluster => sourceLabel(cluster.source),
  },
];

/** Each watched cluster's actions menu: Refresh lists it again from its API server. */
function actionsColumn(
  onRefresh: (cluster: string) => void,
): TableColumn<ClusterRow> {
  return {
    title: 'Actions',
    field: 'name',
    sorting: false,
    render: cluster =>
      cluster.state === 'pending' ? null : (
        <ActionsMenu
          label={`Actions for cluster ${cluster.name}`}
          actions={[
            { label: 'Refresh', onSelect: () => onRefresh(cluster.name) },
          ]}
        />
      ),
  };
}

/**
 * The clusters the backend monitors, pending ones included; `onRefresh` adds row actions, and
 * `onReconnect` makes a disconnected cluster's connection a button that reconnects it.
 */
export const ClusterTable = ({
  clusters,
  onRefresh,
  onReconnect,
}: {
  clusters: ClusterRow[];
  onRefresh?: (cluster: string) => void;
  onReconnect?: (cluster: string) => void;
}) => {
  const columns = columnsFor(onReconnect);
  return (
    <Table<ClusterRow>
      title={`Clusters (${clusters.length})`}
      options={{ paging: false, search: false, padding: 'dense' }}
      columns={onRefresh ? [...columns, actionsColumn(onRefresh)] : columns}
      data={clusters}
    />
  );
};
