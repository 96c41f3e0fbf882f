import { InfoCard, Table, TableColumn } from '@backstage/core-components';
import { Box, Button, Grid, Typography } from '@material-ui/core';
import {
  ClusterRole,
  DownsyncRule,
  SlimResource,
} from '@kubestellar/plugin-wecs-common';
import { selectorText } from '../../lib/kubestellar/selectorText';
import { FilterRow, StateFilter } from '../../components/Filters';
import {
  KubeStellarLayout,
  PluginPage,
} from '../../components/KubeStellarLayout';
import { PolicyRow, useBindingPolicies } from '../../hooks/useBindingPolicies';
import { ObjectDrawer } from '../../components/ObjectDrawer';
import { useObjectSelection } from '../../hooks/useObjectSelection';
import { useUrlParams } from '../../hooks/useUrlParams';
import { useUrlPage } from '../../hooks/useUrlPage';
import { UrlPager } from '../../components/UrlPager';
import { SearchField } from '../../components/SearchField';
import { PhaseStatus } from '../../components/Status';
import { PlacementMatrix } from './PlacementMatrix';

/** The WDS the policies live in, and the WECs their copies went to. */
const POLICY_ROLES: readonly ClusterRole[] = ['wds', 'wec'];

/** Objects of the selected policy a page of its placements shows. */
const PLACEMENTS_PER_PAGE = [50];

type PolicyState = 'Active' | 'Pending' | 'Failed';
const POLICY_STATES: PolicyState[] = ['Active', 'Pending', 'Failed'];

const policyState = (policy: SlimResource): PolicyState => {
  switch (policy.status.phase) {
    case 'running':
      return 'Active';
    case 'failed':
      return 'Failed';
    default:
      return 'Pending';
  }
};

/** A downsync clause in a line: `apps: deployments in shop, where app=web`. */
export function ruleText(rule: DownsyncRule): string {
  const what = rule.resources?.length
    ? rule.resources.join(', ')
    : 'every resource';
  const parts = [`${rule.apiGroup || 'core'}: ${what}`];
  if (rule.namespaces?.length) parts.push(`in ${rule.namespaces.join(', ')}`);
  if (rule.namespaceSelectors?.length)
    parts.push(
      `in namespaces where ${rule.namespaceSelectors
        .map(selectorText)
        .join(' or ')}`,
    );
  if (rule.objectNames?.length)
    parts.push(`named ${rule.objectNames.join(', ')}`);
  if (rule.objectSelectors?.length)
    parts.push(`where ${rule.objectSelectors.map(selectorText).join(' or ')}`);
  if (rule.createOnly) parts.push('(create only)');
  return parts.join(' ');
}

/**
 * Binding Policies: every policy of the WDSes with its cluster selectors and downsync rules,
 * the clusters and objects its Binding places now, its status, and for the selected policy
 * where each object should be against where it is.
 */
const BindingPoliciesView = () => {
  const [params, update] = useUrlParams();
  const selectedName = params.get('policy') ?? undefined;
  const state = params.get('status') as PolicyState | null;
  const query = (params.get('q') ?? '').toLowerCase();
  const page = useUrlPage(PLACEMENTS_PER_PAGE);
  const fleet = useBindingPolicies(selectedName, {
    offset: page.offset,
    limit: page.limit,
  });
  const { views: view, policies: rows, selected } = fleet;
  const selection = useObjectSelection(fleet.resources);
  const shown = rows.filter(
    row =>
      (!state || policyState(row.policy) === state) &&
      (!query || row.policy.name.toLowerCase().includes(query)),
  );

  const columns: TableColumn<PolicyRow>[] = [
    { title: 'Name', render: row => row.policy.name, highlight: true },
    {
      title: 'Status',
      render: row => (
        <Box
          display="flex"
          alignItems="center"
          style={{ whiteSpace: 'nowrap' }}
        >
          <PhaseStatus phase={row.policy.status.phase} />
          {policyState(row.policy)}
        </Box>
      ),
    },
    { title: 'WDS', render: row => row.policy.cluster },
    {
      title: 'Cluster selectors',
      render: row =>
        (row.policy.summary?.policy?.clusterSelectors ?? [])
          .map(selectorText)
          .join(' or ') || 'none',
    },
    {
      title: 'Clusters',
      render: row => row.destinations.join(', ') || 'none',
    },
    { title: 'Objects', render: row => row.objects },
    {
      title: 'Delivered',
      render: row => `${row.delivered}/${row.counts.total}`,
    },
  ];

  return (
    <KubeStellarLayout
      refreshes={POLICY_ROLES}
      view={view}
      crumbs={[
        {
          label: 'Binding Policies',
          onClick: () => update({ policy: undefined, page: undefined }),
        },
        ...(selectedName ? [{ label: selectedName }] : []),
      ]}
      help="A BindingPolicy selects clusters by their ManagedCluster labels and objects of the WDS by its downsync rules; KubeStellar resolves it into a Binding that lists both, and delivers the objects. Delivered counts each object's copy in each destination cluster."
    >
      <FilterRow>
        <StateFilter
          states={POLICY_STATES}
          stateOf={(row: PolicyRow) => policyState(row.policy)}
          items={rows}
          value={state ?? undefined}
          onChange={next => update({ status: next })}
        />
        <SearchField
          label="Search policies"
          placeholder="Policy name"
          value={params.get('q') ?? ''}
          onChange={q => update({ q })}
        />
      </FilterRow>
      <Table
        title={`Binding policies (${shown.length})`}
        subtitle={
          fleet.policyTotal > rows.length
            ? `The first ${rows.length} of ${fleet.policyTotal}, by WDS and name`
            : undefined
        }
        isLoading={!fleet.loaded}
        options={{
          paging: false,
          search: false,
          padding: 'dense',
          rowStyle: row =>
            row.policy.name === selectedName
              ? { backgroundColor: 'rgba(25, 118, 210, 0.12)' }
              : {},
        }}
        columns={columns}
        data={shown}
        onRowClick={(_, row) =>
          row && update({ policy: row.policy.name, page: undefined })
        }
      />
      {selected && (
        <Box mt={3}>
          <Grid container spacing={3}>
            <Grid item xs={12} md={5}>
              <InfoCard
                title={`BindingPolicy ${selected.policy.name}`}
                subheader={`in ${selected.policy.cluster}`}
                action={
                  <Box display="flex" style={{ gap: 8 }}>
                    <Button
                      size="small"
                      onClick={() => selection.open(selected.policy)}
                    >
                      Details
                    </Button>
                    <Button
                      size="small"
                      color="primary"
                      onClick={() => selection.open(selected.policy, 'edit')}
                    >
                      Edit
                    </Button>
                    {selected.binding && (
                      <Button
                        size="small"
                        onClick={() => selection.open(selected.binding!)}
                      >
                        Binding
                      </Button>
                    )}
                  </Box>
                }
              >
                <Typography variant="overline">Cluster selectors</Typography>
                {(selected.policy.summary?.policy?.clusterSelectors ?? []).map(
                  selector => (
                    <Typography key={selectorText(selector)} variant="body2">
                      {selectorText(selector)}
                    </Typography>
                  ),
                )}
                <Typography variant="body2" color="textSecondary">
                  selects {selected.selected.join(', ') || 'no cluster'}
                </Typography>
                <Box mt={2}>
                  <Typography variant="overline">Downsync rules</Typography>
                  {(selected.policy.summary?.policy?.downsync ?? []).map(
                    rule => (
                      <Typography key={ruleText(rule)} variant="body2">
                        {ruleText(rule)}
                      </Typography>
                    ),
                  )}
                </Box>
                {!selected.policy.summary?.policy?.observed && (
                  <Box mt={2}>
                    <Typography variant="body2" color="error">
                      The KubeStellar controller has not yet seen this policy's
                      latest change.
                    </Typography>
                  </Box>
                )}
                {(selected.policy.summary?.policy?.errors ?? []).map(error => (
                  <Typography key={error} variant="body2" color="error">
                    {error}
                  </Typography>
                ))}
              </InfoCard>
            </Grid>
            <Grid item xs={12} md={7}>
              <PlacementMatrix
                key={`${selected.policy.cluster}/${selected.policy.name}`}
                row={selected}
                workloads={fleet.workloads}
                onOpen={selection.open}
              />
              <UrlPager
                total={fleet.workloadTotal}
                loaded={fleet.workloadsLoaded}
                sizes={PLACEMENTS_PER_PAGE}
              />
            </Grid>
          </Grid>
        </Box>
      )}
      {selectedName && !selected && fleet.loaded && (
        <Box mt={3}>
          <Typography>There is no binding policy {selectedName}.</Typography>
        </Box>
      )}
      <ObjectDrawer selection={selection} loaded={fleet.loaded} />
    </KubeStellarLayout>
  );
};

/** The "Binding Policies" page of the WECS plugin. */
export const BindingPoliciesPage = () => (
  <PluginPage
    title="Binding Policies"
    subtitle="What goes where, and whether it got there"
    view={BindingPoliciesView}
  />
);
