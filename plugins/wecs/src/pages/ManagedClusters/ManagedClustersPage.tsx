import { Table, TableColumn } from '@backstage/core-components';
import {
  ClusterRole,
  ClusterStatus,
  SlimResource,
} from '@kubestellar/plugin-wecs-common';
import { Box, Grid, IconButton } from '@material-ui/core';
import CloseIcon from '@material-ui/icons/Close';
import { useMemo } from 'react';
import { useFleet } from '../../hooks/useFleet';
import { FilterRow, StateFilter } from '../../components/Filters';
import {
  KubeStellarLayout,
  PluginPage,
} from '../../components/KubeStellarLayout';
import { LabelList } from '../../components/Placement';
import { DetailsTab } from '../../lib/detailsTabs';
import { useUrlParams } from '../../hooks/useUrlParams';
import { SearchField } from '../../components/SearchField';
import { PhaseStatus } from '../../components/Status';
import {
  CAPACITY_RESOURCES,
  CapacityBar,
  ManagedClusterTabs,
  MembershipAction,
} from '../../components/ManagedClusterDetails';
import {
  ClustersLeftNotice,
  ConnectionIndicator,
} from '../../components/ClusterState';
import { ClusterSourceErrors } from '../../components/ClusterTable';
import {
  capacityOf,
  MANAGED_CLUSTER_STATES,
  ManagedClusterState,
  managedClusterState,
  matchesLabelQuery,
  membershipActionOf,
} from '../../lib/kubestellar/managedClusters';

/** The ITS, which holds the ManagedClusters. */
const MEMBERSHIP_ROLES: readonly ClusterRole[] = ['its'];

/**
 * The ITS's ManagedClusters, and the workload execution clusters' statuses (they hold no
 * ManagedCluster objects): how far the backend follows each cluster.
 */
const ITS_CLUSTERS = {
  roles: ['its' as const, 'wec' as const],
  kinds: ['ManagedCluster'],
};

/** The columns that show the ManagedCluster itself. */
const managedClusterColumns: TableColumn<SlimResource>[] = [
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

/** The table's columns: the ManagedCluster's, then WECS's view of it and its action. */
function columnsWith(
  statusOf: (name: string) => ClusterStatus | undefined,
): TableColumn<SlimResource>[] {
  const [name, status, ...rest] = managedClusterColumns;
  return [
    name,
    status,
    {
      title: 'WECS connection',
      cellStyle: { whiteSpace: 'nowrap' },
      render: cluster => {
        const watched = statusOf(cluster.name);
        return watched ? <ConnectionIndicator cluster={watched} /> : '—';
      },
    },
    ...rest,
    {
      title: 'Membership',
      render: cluster => (
        <MembershipAction
          cluster={cluster.name}
          its={cluster.cluster}
          action={membershipActionOf(cluster)}
        />
      ),
    },
  ];
}

/**
 * Infrastructure > Managed Clusters: every ManagedCluster of the ITS, live, with its state,
 * whether WECS follows it, labels, Kubernetes version and capacity, and Accept for a pending
 * cluster or Detach for a joined one; a cluster's ManagedCluster opens beside the table. An
 * accepted cluster is seen joining here: Pending, then joined, then Active and Connected.
 */
const ManagedClustersView = () => {
  const fleet = useFleet(ITS_CLUSTERS);
  const columns = useMemo(() => {
    const statuses = new Map(fleet.clusters.map(c => [c.name, c]));
    return columnsWith(name => statuses.get(name));
  }, [fleet.clusters]);
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
      refreshes={MEMBERSHIP_ROLES}
      view={fleet}
      crumbs={[
        {
          label: 'Managed Clusters',
          onClick: () => update({ cluster: undefined, tab: undefined }),
        },
        ...(selected ? [{ label: selected }] : []),
      ]}
      help="Every ManagedCluster of the ITS: Active when available, Pending until the hub accepts it and its agent joins, Inactive otherwise. Accept has the hub accept a pending cluster and approve its CSRs; Detach has the hub stop accepting a joined one, and Accept brings it back (both need the wecs.clusters.manage permission). A pending cluster's Import Logs tell its join process live."
    >
      {(fleet.errors.length > 0 || fleet.left.length > 0) && (
        <Box display="flex" flexDirection="column" mb={2} style={{ gap: 8 }}>
          <ClusterSourceErrors errors={fleet.errors} />
          <ClustersLeftNotice left={fleet.left} />
        </Box>
      )}
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

/** The "Managed Clusters" page of the WECS plugin. */
export const ManagedClustersPage = () => (
  <PluginPage
    title="Managed Clusters"
    subtitle="The clusters KubeStellar's ITS knows, live"
    view={ManagedClustersView}
  />
);
