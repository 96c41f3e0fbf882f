import { Link, Table, TableColumn } from '@backstage/core-components';
import { SlimResource } from '@kubestellar/plugin-wecs-common';
import { Typography } from '@material-ui/core';
import { hasLogs } from '../lib/k8s/kinds';
import { PhaseStatus } from '../components/Status';
import { healthText } from './entityWorkloads';
import { useWecsLink } from '../hooks/useWecsLink';

/** A service's workloads in every cluster, with their health and links into the tree. */
export const WorkloadTable = ({
  workloads,
  loading,
}: {
  workloads: SlimResource[];
  loading: boolean;
}) => {
  const link = useWecsLink();
  const columns: TableColumn<SlimResource>[] = [
    {
      title: 'Workload',
      field: 'name',
      highlight: true,
      render: w => <Link to={link(w)}>{w.name}</Link>,
    },
    { title: 'Kind', field: 'kind', cellStyle: { whiteSpace: 'nowrap' } },
    { title: 'Cluster', field: 'cluster' },
    { title: 'Namespace', field: 'namespace' },
    {
      title: 'Health',
      field: 'status.phase',
      cellStyle: { whiteSpace: 'nowrap' },
      render: w => (
        <PhaseStatus phase={w.status.phase}>{healthText(w)}</PhaseStatus>
      ),
    },
    {
      title: 'Images',
      // Image references are long and unbroken: one a line, broken anywhere, so the table
      // fits the entity page instead of scrolling sideways.
      cellStyle: { overflowWrap: 'anywhere', minWidth: 160 },
      render: w =>
        (w.summary?.images ?? []).map(image => (
          <Typography key={image} variant="body2">
            {image}
          </Typography>
        )),
    },
    {
      title: 'Logs',
      render: w =>
        hasLogs(w.kind) ? (
          <Link
            to={link(w, 'logs')}
            aria-label={`Logs of ${w.name} in ${w.cluster}`}
          >
            Logs
          </Link>
        ) : null,
    },
  ];
  return (
    <Table
      title={`Workloads (${workloads.length})`}
      isLoading={loading}
      options={{
        paging: workloads.length > 20,
        pageSize: 20,
        padding: 'dense',
      }}
      columns={columns}
      data={workloads}
      emptyContent={
        <Typography variant="body2" style={{ padding: 16 }}>
          No workload with this service's labels runs in any cluster.
        </Typography>
      }
    />
  );
};
