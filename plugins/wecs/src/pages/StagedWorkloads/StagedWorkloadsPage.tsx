import { InfoCard, Table, TableColumn } from '@backstage/core-components';
import { SlimResource } from '@kubestellar/plugin-wecs-common';
import {
  Box,
  Button,
  Grid,
  IconButton,
  Tooltip,
  Typography,
} from '@material-ui/core';
import EditIcon from '@material-ui/icons/Edit';
import { useMemo } from 'react';
import { policySelects, resourceKey } from '@kubestellar/plugin-wecs-common';
import { policiesByObject } from '../../lib/kubestellar/placement';
import { FilterRow, WdsChoice } from '../../components/Filters';
import {
  KubeStellarLayout,
  PluginPage,
} from '../../components/KubeStellarLayout';
import { LabelList, PolicyChips } from '../../components/Placement';
import { useKubeStellarFleet } from '../../hooks/useKubeStellarFleet';
import { ObjectDrawer } from '../../components/ObjectDrawer';
import { useObjectSelection } from '../../hooks/useObjectSelection';
import { useUrlParams } from '../../hooks/useUrlParams';
import { SearchField } from '../../components/SearchField';

interface StagedRow {
  resource: SlimResource;
  bound: string[];
  selecting: string[];
}

const matchesSearch = (resource: SlimResource, query: string) => {
  const text = query.trim().toLowerCase();
  if (!text) return true;
  return [
    resource.kind,
    resource.name,
    resource.namespace ?? '',
    ...Object.entries(resource.labels ?? {}).map(([k, v]) => `${k}=${v}`),
  ].some(value => value.toLowerCase().includes(text));
};

/**
 * Staged Workloads: what a WDS holds, namespace by namespace, before and while KubeStellar
 * places it: each object's kind, name, namespace and labels, and the binding policies that
 * bind it (or whose rules select it). Details and edits open over the view.
 */
const StagedWorkloadsView = () => {
  const fleet = useKubeStellarFleet(['wds']);
  const { view } = fleet;
  const [params, update] = useUrlParams();
  const selection = useObjectSelection(view.resources);
  const wds = params.get('wds') ?? fleet.wdsNames[0];
  const namespace = params.get('namespace') ?? undefined;
  const query = params.get('q') ?? '';

  const rows = useMemo(() => {
    const bound = policiesByObject(fleet.bindings);
    const policies = fleet.policies.filter(p => p.cluster === wds);
    const namespaceLabels = new Map(
      fleet.namespaces
        .filter(n => n.cluster === wds)
        .map(n => [n.name, n.labels]),
    );
    const rowOf = (resource: SlimResource): StagedRow => ({
      resource,
      bound: bound.get(`${resource.cluster}|${resourceKey(resource)}`) ?? [],
      selecting: policies
        .filter(p =>
          policySelects(
            p,
            resource,
            namespaceLabels.get(resource.namespace ?? resource.name),
          ),
        )
        .map(p => p.name),
    });
    return {
      namespaces: fleet.namespaces.filter(n => n.cluster === wds).map(rowOf),
      workloads: fleet.staged
        .filter(r => r.cluster === wds)
        .sort(
          (a, b) =>
            (a.namespace ?? '').localeCompare(b.namespace ?? '') ||
            a.kind.localeCompare(b.kind) ||
            a.name.localeCompare(b.name),
        )
        .map(rowOf),
    };
  }, [fleet, wds]);

  const shown = rows.workloads.filter(
    row =>
      (!namespace || row.resource.namespace === namespace) &&
      matchesSearch(row.resource, query),
  );
  const selectedNamespace = rows.namespaces.find(
    row => row.resource.name === namespace,
  );
  const countIn = (name: string) =>
    rows.workloads.filter(row => row.resource.namespace === name).length;

  const namespaceColumns: TableColumn<StagedRow>[] = [
    { title: 'Namespace', render: row => row.resource.name, highlight: true },
    { title: 'Objects', render: row => countIn(row.resource.name) },
  ];
  const workloadColumns: TableColumn<StagedRow>[] = [
    {
      title: 'Kind',
      render: row => row.resource.kind,
      cellStyle: { whiteSpace: 'nowrap' },
    },
    {
      title: 'Name',
      highlight: true,
      cellStyle: { whiteSpace: 'nowrap' },
      render: row => (
        <>
          {row.resource.name}
          <Tooltip title="Edit">
            <IconButton
              size="small"
              aria-label={`Edit ${row.resource.kind} ${row.resource.name}`}
              onClick={event => {
                event.stopPropagation();
                selection.open(row.resource, 'edit');
              }}
            >
              <EditIcon fontSize="small" />
            </IconButton>
          </Tooltip>
        </>
      ),
    },
    { title: 'Namespace', render: row => row.resource.namespace },
    {
      title: 'Binding policies',
      render: row => (
        <PolicyChips bound={row.bound} selecting={row.selecting} />
      ),
    },
    {
      title: 'Labels',
      render: row => <LabelList labels={row.resource.labels} />,
    },
  ];

  return (
    <KubeStellarLayout
      view={view}
      crumbs={[
        {
          label: 'Staged Workloads',
          onClick: () => update({ namespace: undefined }),
        },
        ...(namespace ? [{ label: namespace }] : []),
      ]}
      help="The namespaces of the workload description space (WDS) and the objects staged in them, with the binding policies that bind each one. A filled chip means the policy's Binding lists the object; an outlined one that the policy's rules select it but its Binding does not list it yet."
    >
      <FilterRow>
        <WdsChoice
          names={fleet.wdsNames}
          value={wds}
          onChange={next => update({ wds: next, namespace: undefined })}
        />
        <SearchField
          label="Search staged objects"
          placeholder="Kind, name, namespace or label"
          value={query}
          onChange={q => update({ q })}
        />
      </FilterRow>
      {view.updatedAt && !fleet.wdsNames.length && (
        <Typography>
          No WDS is configured: set <code>wecs.wds.contexts</code> in
          app-config.yaml to the kubeconfig contexts of your WDSes.
        </Typography>
      )}
      <Grid container spacing={3}>
        <Grid item xs={12} md={3}>
          <Table
            title={`Namespaces (${rows.namespaces.length})`}
            isLoading={!view.updatedAt}
            options={{
              paging: false,
              search: false,
              padding: 'dense',
              rowStyle: row =>
                row.resource.name === namespace
                  ? { backgroundColor: 'rgba(25, 118, 210, 0.12)' }
                  : {},
            }}
            columns={namespaceColumns}
            data={rows.namespaces}
            onRowClick={(_, row) =>
              row &&
              update({
                namespace:
                  row.resource.name === namespace
                    ? undefined
                    : row.resource.name,
              })
            }
          />
        </Grid>
        <Grid item xs={12} md={9}>
          {selectedNamespace && (
            <Box mb={2}>
              <InfoCard
                title={`Namespace ${selectedNamespace.resource.name}`}
                subheader={`in ${wds}: ${countIn(
                  selectedNamespace.resource.name,
                )} staged objects`}
                action={
                  <Box display="flex" style={{ gap: 8 }}>
                    <Button
                      size="small"
                      onClick={() => selection.open(selectedNamespace.resource)}
                    >
                      Details
                    </Button>
                    <Button
                      size="small"
                      color="primary"
                      startIcon={<EditIcon />}
                      onClick={() =>
                        selection.open(selectedNamespace.resource, 'edit')
                      }
                    >
                      Edit
                    </Button>
                  </Box>
                }
              >
                <Grid container spacing={2}>
                  <Grid item xs={12} sm={4}>
                    <Typography variant="overline">Labels</Typography>
                    <LabelList labels={selectedNamespace.resource.labels} />
                  </Grid>
                  <Grid item xs={12} sm={8}>
                    <Typography variant="overline">Binding policies</Typography>
                    <PolicyChips
                      bound={selectedNamespace.bound}
                      selecting={selectedNamespace.selecting}
                    />
                  </Grid>
                </Grid>
              </InfoCard>
            </Box>
          )}
          <Table
            title={`Staged objects (${shown.length})`}
            isLoading={!view.updatedAt}
            options={{ paging: false, search: false, padding: 'dense' }}
            columns={workloadColumns}
            data={shown}
            onRowClick={(_, row) => row && selection.open(row.resource)}
          />
        </Grid>
      </Grid>
      <ObjectDrawer selection={selection} loaded={Boolean(view.updatedAt)} />
    </KubeStellarLayout>
  );
};

/** The "Staged Workloads" page of the WECS plugin. */
export const StagedWorkloadsPage = () => (
  <PluginPage
    title="Staged Workloads"
    subtitle="What the WDS holds, before KubeStellar places it"
    view={StagedWorkloadsView}
  />
);
