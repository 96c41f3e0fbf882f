import { ClusterRole } from '@kubestellar/plugin-wecs-common';
import { InfoCard, Link, Table, TableColumn } from '@backstage/core-components';
import {
  Box,
  Button,
  Grid,
  IconButton,
  Tooltip,
  Typography,
} from '@material-ui/core';
import EditIcon from '@material-ui/icons/Edit';
import CallSplitIcon from '@material-ui/icons/CallSplit';
import { FilterRow, WdsChoice } from '../../components/Filters';
import {
  KubeStellarLayout,
  PluginPage,
} from '../../components/KubeStellarLayout';
import { LabelList, PolicyChips } from '../../components/Placement';
import {
  StagedObjectName,
  StagedRow,
  useStagedWorkloads,
} from '../../hooks/useStagedWorkloads';
import {
  useDeployedWorkloadsLink,
  useManageWorkloadsLink,
} from '../../hooks/useWecsLink';
import { DeployedCopies } from './DeployedCopies';
import { ObjectDrawer } from '../../components/ObjectDrawer';
import { useObjectSelection } from '../../hooks/useObjectSelection';
import { useUrlParams } from '../../hooks/useUrlParams';
import { useUrlPage } from '../../hooks/useUrlPage';
import { UrlPager } from '../../components/UrlPager';
import { SearchField } from '../../components/SearchField';

/** The WDS, where workloads are staged. */
const STAGING_ROLES: readonly ClusterRole[] = ['wds'];

/** Staged objects a page shows. */
const PAGE_SIZES = [50];

/** `?copies=Kind/namespace/name` (namespace empty for a cluster-scoped object). */
function parseCopies(value: string | null): StagedObjectName | undefined {
  const parts = value?.split('/');
  if (parts?.length !== 3 || !parts[0] || !parts[2]) return undefined;
  const [kind, namespace, name] = parts;
  return { kind, name, ...(namespace ? { namespace } : {}) };
}

const copiesParam = (resource: StagedObjectName) =>
  `${resource.kind}/${resource.namespace ?? ''}/${resource.name}`;

/**
 * Staged Workloads: what a WDS holds, namespace by namespace, before and while KubeStellar
 * places it: each object's kind, name, namespace and labels, and the binding policies that
 * bind it (or whose rules select it). The backend narrows and pages the objects. Details and
 * edits open over the view.
 */
const StagedWorkloadsView = () => {
  const [params, update] = useUrlParams();
  const namespace = params.get('namespace') ?? undefined;
  const query = params.get('q') ?? '';
  const { offset, limit } = useUrlPage(PAGE_SIZES);
  const copiesOf = parseCopies(params.get('copies'));
  const fleet = useStagedWorkloads(
    params.get('wds') ?? undefined,
    {
      ...(namespace ? { namespace } : {}),
      ...(query.trim() ? { search: query.trim() } : {}),
    },
    { offset, limit },
    copiesOf,
  );
  const manageLink = useManageWorkloadsLink();
  const deployedLink = useDeployedWorkloadsLink();
  const { views: view, wds } = fleet;
  const selection = useObjectSelection(fleet.resources);
  const selectedNamespace = fleet.namespaces.find(
    row => row.resource.name === namespace,
  );

  const namespaceColumns: TableColumn<StagedRow>[] = [
    { title: 'Namespace', render: row => row.resource.name, highlight: true },
    { title: 'Objects', render: row => row.counts.total },
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
          <Tooltip title="Deployed copies">
            <IconButton
              size="small"
              aria-label={`Deployed copies of ${row.resource.kind} ${row.resource.name}`}
              onClick={event => {
                event.stopPropagation();
                update({ copies: copiesParam(row.resource) });
              }}
            >
              <CallSplitIcon fontSize="small" />
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
      render: row => (
        <LabelList
          labels={row.resource.labels}
          omitted={row.resource.omitted?.labels}
        />
      ),
    },
  ];

  return (
    <KubeStellarLayout
      refreshes={STAGING_ROLES}
      view={view}
      crumbs={[
        {
          label: 'Staged Workloads',
          onClick: () => update({ namespace: undefined, page: undefined }),
        },
        ...(namespace ? [{ label: namespace }] : []),
      ]}
      help="The namespaces of the workload description space (WDS) and the objects staged in them, with the binding policies that bind each one. A filled chip means the policy's Binding lists the object; an outlined one that the policy's rules select it but its Binding does not list it yet. An object's deployed copies lead to each copy in Deployed Workloads and to the workload in Manage Workloads; a namespace leads to both, filtered to it."
    >
      <FilterRow>
        <WdsChoice
          names={fleet.wdsNames}
          value={wds}
          onChange={next =>
            update({ wds: next, namespace: undefined, page: undefined })
          }
        />
        <SearchField
          label="Search staged objects"
          placeholder="Kind, name, namespace or label"
          value={query}
          onChange={q => update({ q, page: undefined })}
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
            title={`Namespaces (${fleet.namespaceTotal})`}
            isLoading={!fleet.loaded}
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
            data={fleet.namespaces}
            onRowClick={(_, row) =>
              row &&
              update({
                namespace:
                  row.resource.name === namespace
                    ? undefined
                    : row.resource.name,
                page: undefined,
              })
            }
          />
        </Grid>
        <Grid item xs={12} md={9}>
          {selectedNamespace && (
            <Box mb={2}>
              <InfoCard
                title={`Namespace ${selectedNamespace.resource.name}`}
                subheader={`in ${wds}: ${selectedNamespace.counts.total} staged objects`}
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
                    <Button
                      size="small"
                      component={Link}
                      to={manageLink({ wds, namespace })}
                    >
                      Manage Workloads
                    </Button>
                    <Button
                      size="small"
                      component={Link}
                      to={deployedLink({ namespace })}
                    >
                      Deployed Workloads
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
          {wds && copiesOf && (
            <Box mb={2}>
              <DeployedCopies
                wds={wds}
                target={copiesOf}
                workload={fleet.copies}
                loaded={fleet.copiesLoaded}
                onClose={() => update({ copies: undefined })}
              />
            </Box>
          )}
          <Table
            title={`Staged objects (${fleet.total})`}
            isLoading={!fleet.loaded}
            options={{ paging: false, search: false, padding: 'dense' }}
            columns={workloadColumns}
            data={fleet.objects}
            onRowClick={(_, row) => row && selection.open(row.resource)}
          />
          <UrlPager
            total={fleet.total}
            loaded={fleet.loaded}
            sizes={PAGE_SIZES}
          />
        </Grid>
      </Grid>
      <ObjectDrawer selection={selection} loaded={fleet.loaded} />
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
