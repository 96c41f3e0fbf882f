import { ClusterRole } from '@kubestellar/plugin-wecs-common';
import { Box, Button, Typography } from '@material-ui/core';
import AddIcon from '@material-ui/icons/Add';
import { ToggleButton, ToggleButtonGroup } from '@material-ui/lab';
import { useState } from 'react';
import { ChoiceField, FilterRow, WdsChoice } from '../../components/Filters';
import {
  KubeStellarLayout,
  PluginPage,
} from '../../components/KubeStellarLayout';
import { useManagedWorkloads } from '../../hooks/useManagedWorkloads';
import { ObjectDrawer } from '../../components/ObjectDrawer';
import { useObjectSelection } from '../../hooks/useObjectSelection';
import { useUrlParams } from '../../hooks/useUrlParams';
import { useUrlPage } from '../../hooks/useUrlPage';
import { UrlPager } from '../../components/UrlPager';
import { SearchField } from '../../components/SearchField';
import { CreateWorkloadDialog } from './CreateWorkloadDialog';
import { WorkloadGrid, WorkloadList, WorkloadTree } from './WorkloadViews';

const VIEWS = ['grid', 'list', 'tree'] as const;
type WorkloadView = (typeof VIEWS)[number];
const VIEW_LABELS: Record<WorkloadView, string> = {
  grid: 'Grid',
  list: 'List',
  tree: 'Tree',
};

/** The WDS the workloads are staged in, and the WECs their copies run in. */
const MANAGE_ROLES: readonly ClusterRole[] = ['wds', 'wec'];

/** Workloads a page shows: the first is the default. */
const PAGE_SIZES = [24, 48, 96];

/**
 * Manage Workloads: the workloads the binding policies of a WDS manage, with their health in
 * each target cluster, as a grid, a list or a tree; an actions menu on each, and Create
 * Workload from YAML into the WDS. The backend narrows, sorts and pages the workloads and sends
 * one page with its copies.
 */
const ManageWorkloadsView = () => {
  const [params, update] = useUrlParams();
  const [creating, setCreating] = useState(false);
  const namespace = params.get('namespace') ?? undefined;
  const search = params.get('q') ?? '';
  const { offset, limit } = useUrlPage(PAGE_SIZES);
  const fleet = useManagedWorkloads(
    params.get('wds') ?? undefined,
    {
      ...(namespace ? { namespace } : {}),
      ...(search.trim() ? { search: search.trim() } : {}),
    },
    { offset, limit },
  );
  const { wds } = fleet;
  const selection = useObjectSelection(fleet.resources);
  const viewParam = params.get('view') as WorkloadView | null;
  const shape: WorkloadView =
    viewParam && VIEWS.includes(viewParam) ? viewParam : 'grid';
  const Shape = { grid: WorkloadGrid, list: WorkloadList, tree: WorkloadTree }[
    shape
  ];

  return (
    <KubeStellarLayout
      refreshes={MANAGE_ROLES}
      view={fleet.views}
      crumbs={[
        {
          label: 'Manage Workloads',
          onClick: () =>
            update({ namespace: undefined, q: undefined, page: undefined }),
        },
        ...(namespace ? [{ label: namespace }] : []),
      ]}
      help="Every object the Bindings of the WDS list, with its copy in each destination cluster: Healthy when every copy runs, Progressing while one is missing or not ready, Degraded when one fails. Edit the WDS copy to change a workload everywhere."
    >
      <FilterRow>
        <WdsChoice
          names={fleet.wdsNames}
          value={wds}
          onChange={next =>
            update({ wds: next, namespace: undefined, page: undefined })
          }
        />
        <ChoiceField
          label="Namespace"
          value={namespace}
          options={fleet.namespaces}
          allLabel="All namespaces"
          onChange={next => update({ namespace: next, page: undefined })}
        />
        <SearchField
          label="Search workloads"
          placeholder="Kind, name or policy"
          value={search}
          onChange={q => update({ q, page: undefined })}
        />
        <ToggleButtonGroup
          size="small"
          exclusive
          value={shape}
          onChange={(_, value) =>
            value && update({ view: value === 'grid' ? undefined : value })
          }
          aria-label="View"
        >
          {VIEWS.map(v => (
            <ToggleButton key={v} value={v}>
              {VIEW_LABELS[v]}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
        <Box flexGrow={1} />
        <Button
          color="primary"
          variant="contained"
          startIcon={<AddIcon />}
          disabled={!wds}
          onClick={() => setCreating(true)}
        >
          Create Workload
        </Button>
      </FilterRow>
      {fleet.loaded && !fleet.total && (
        <Typography>
          {namespace || search.trim()
            ? 'No managed workload matches these filters.'
            : `No binding policy of ${wds ?? 'a WDS'} binds a workload yet.`}
        </Typography>
      )}
      <Shape
        workloads={fleet.workloads}
        total={fleet.total}
        onOpen={selection.open}
      />
      <UrlPager
        total={fleet.total}
        loaded={fleet.loaded}
        sizes={PAGE_SIZES}
        label="Workloads per page"
      />
      {wds && creating && (
        <CreateWorkloadDialog
          wds={wds}
          namespace={
            namespace ??
            fleet.workloads[0]?.object.namespace ??
            fleet.namespaces[0] ??
            'default'
          }
          open
          onClose={() => setCreating(false)}
        />
      )}
      <ObjectDrawer selection={selection} loaded={fleet.loaded} />
    </KubeStellarLayout>
  );
};

/** The "Manage Workloads" page of the WECS plugin. */
export const ManageWorkloadsPage = () => (
  <PluginPage
    title="Manage Workloads"
    subtitle="What the binding policies place, and how it runs where it went"
    view={ManageWorkloadsView}
  />
);
