import { Table, TableColumn } from '@backstage/core-components';
import { SlimResource } from '@kubestellar/plugin-wecs-common';
import { Box, Grid, IconButton } from '@material-ui/core';
import CloseIcon from '@material-ui/icons/Close';
import { useMemo } from 'react';
import { useFleet } from '../../hooks/useFleet';
import { FilterRow, StateFilter } from '../../components/Filters';
import { KubeStellarLayout } from '../../components/KubeStellarLayout';
import { LabelList } from '../../components/Placement';
import { DetailsTab } from '../../lib/detailsTabs';
import { useUrlParams } from '../../hooks/useUrlParams';
import { SearchField } from '../../components/SearchField';
import { PhaseStatus } from '../../components/Status';
import {
  CAPACITY_RESOURCES,
  CapacityBar,
  ManagedClusterTabs,
} from '../../components/ManagedClusterDetails';
import {
  capacityOf,
  MANAGED_CLUSTER_STATES,
  ManagedClusterState,
  managedClusterState,
  matchesLabelQuery,
} from '../../lib/kubestellar/managedClusters';

const ITS_CLUSTERS = { roles: ['its' as const], kinds: ['ManagedCluster'] };
const columns: TableColumn<SlimResource>[] = [
  { title: 'Name', field: 'name', highlight: true },
  {
    title: 'Status',
    cellStyle: { whiteSpace: 'nowrap' },
    render: cluster => (
      <Box display="flex" alignItems="center">
        <PhaseStatus phase={cluster.status.phase} />
        {managedClusterState(cluster)}
        {cluster.status.reason && managedClusterState(cluster) !== 'Active'
          ? ` (${cluster.status.reason})`
          : ''}
      </Box>
    ),
  },
  {
    title: 'Labels',
    render: cluster => <LabelList labels={cluster.labels} />,
  },
  {
    title: 'Kubernetes',
    render: cluster => cluster.summary?.kubernetesVersion ?? '—',
  },
  ...CAPACITY_RESOURCES.map(
    ({ title, resource, format, unit }): TableColumn<SlimResource> => ({
      title,
      render: cluster => (
        <CapacityBar
          capacity={capacityOf(cluster, resource)}
          format={format}
          unit={unit}
        />
      ),
    }),
  ),
];

/**
 * Infrastructure > Managed Clusters: every ManagedCluster of the ITS, live, with its state,
 * labels, Kubernetes version and capacity; a cluster's ManagedCluster opens beside the table.
 */
export const ManagedClustersPage = () => {
  const fleet = useFleet(ITS_CLUSTERS);
  const [params, update] = useUrlParams();
  const state = params.get('status') as ManagedClusterState | null;
  const labelQuery = params.get('label') ?? '';
  const selected = params.get('cluster') ?? undefined;
  const tabParam = params.get('tab');

  const clusters = useMemo(
    () =>
      [...fleet.resources.values()]
        .filter(r => r.kind === 'ManagedCluster')
        .sort((a, b) => a.name.localeCompare(b.name)),
    [fleet.resources],
  );
  const selectedCluster = clusters.find(c => c.name === selected);
  // A pending cluster opens on its import logs: how far its join got is what one wants to know.
  let tab: DetailsTab = 'summary';
  if (tabParam === 'edit' || tabParam === 'logs') tab = tabParam;
  else if (
    !tabParam &&
    selectedCluster &&
    managedClusterState(selectedCluster) === 'Pending'
  )
    tab = 'logs';
  // The import logs want room for their log lines; the ManagedCluster's facts need less.
  let widths: { table: 12 | 7 | 5; panel?: 5 | 7 } = { table: 12 };
  if (selected)
    widths = tab === 'logs' ? { table: 5, panel: 7 } : { table: 7, panel: 5 };
  const shown = clusters.filter(
    c =>
      (!state || managedClusterState(c) === state) &&
      matchesLabelQuery(c, labelQuery),
  );

  return (
    <KubeStellarLayout
      title="Managed Clusters"
      subtitle="The clusters KubeStellar's ITS knows, live"
      view={fleet}
      crumbs={[
        {
          label: 'Managed Clusters',
          onClick: () => update({ cluster: undefined, tab: undefined }),
        },
        ...(selected ? [{ label: selected }] : []),
      ]}
      help="Every ManagedCluster of the ITS: Active when available, Pending until the hub accepts it and it joins, Inactive otherwise. A pending cluster's Import logs tell its join process live."
    >
      <FilterRow>
        <StateFilter
          states={MANAGED_CLUSTER_STATES}
          stateOf={managedClusterState}
          items={clusters}
          value={state ?? undefined}
          onChange={next => update({ status: next })}
        />
        <SearchField
          label="Filter by labels"
          placeholder="Labels, e.g. location-group=edge"
          value={labelQuery}
          onChange={label => update({ label })}
        />
      </FilterRow>
      <Grid container spacing={3}>
        <Grid item xs={12} md={widths.table}>
          <Table
            title={`ManagedClusters (${shown.length})`}
            isLoading={!fleet.updatedAt}
            options={{ paging: false, search: false, padding: 'dense' }}
            columns={columns}
            data={shown}
            onRowClick={(_, cluster) => {
              if (cluster) update({ cluster: cluster.name, tab: undefined });
            }}
          />
        </Grid>
        {selected && (
          <Grid item xs={12} md={widths.panel}>
            <Box display="flex" justifyContent="flex-end">
              <IconButton
                size="small"
                aria-label="Close details"
                onClick={() => update({ cluster: undefined, tab: undefined })}
              >
                <CloseIcon fontSize="small" />
              </IconButton>
            </Box>
            <ManagedClusterTabs
              key={selected}
              name={selected}
              tab={tab}
              managedCluster={selectedCluster}
              onTabChange={next => update({ tab: next })}
            />
          </Grid>
        )}
      </Grid>
    </KubeStellarLayout>
  );
};
