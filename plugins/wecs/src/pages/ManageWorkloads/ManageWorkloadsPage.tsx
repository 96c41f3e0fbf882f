import { Box, Button, Typography } from '@material-ui/core';
import AddIcon from '@material-ui/icons/Add';
import { ToggleButton, ToggleButtonGroup } from '@material-ui/lab';
import { useMemo, useState } from 'react';
import { managedWorkloads } from '../../lib/kubestellar/placement';
import { ChoiceField, FilterRow, WdsChoice } from '../../components/Filters';
import {
  KubeStellarLayout,
  PluginPage,
} from '../../components/KubeStellarLayout';
import { useKubeStellarFleet } from '../../hooks/useKubeStellarFleet';
import { ObjectDrawer } from '../../components/ObjectDrawer';
import { useObjectSelection } from '../../hooks/useObjectSelection';
import { useUrlParams } from '../../hooks/useUrlParams';
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

/**
 * Manage Workloads: the workloads the binding policies of a WDS manage, with their health in
 * each target cluster, as a grid, a list or a tree; an actions menu on each, and Create
 * Workload from YAML into the WDS.
 */
const ManageWorkloadsView = () => {
  const fleet = useKubeStellarFleet(['wds', 'wec']);
  const { view } = fleet;
  const [params, update] = useUrlParams();
  const selection = useObjectSelection(view.resources);
  const [creating, setCreating] = useState(false);
  const wds = params.get('wds') ?? fleet.wdsNames[0];
  const namespace = params.get('namespace') ?? undefined;
  const query = (params.get('q') ?? '').toLowerCase();
  const viewParam = params.get('view') as WorkloadView | null;
  const shape: WorkloadView =
    viewParam && VIEWS.includes(viewParam) ? viewParam : 'grid';

  const workloads = useMemo(
    () =>
      managedWorkloads(
        fleet.bindings.filter(b => b.cluster === wds),
        fleet.stagedIndex,
        fleet.deliveredIndex,
      )
        // Namespaces are what the namespace filter picks from, not workloads of their own.
        .filter(w => w.kind !== 'Namespace')
        .sort(
          (a, b) =>
            (a.object.namespace ?? '').localeCompare(
              b.object.namespace ?? '',
            ) ||
            a.kind.localeCompare(b.kind) ||
            a.object.name.localeCompare(b.object.name),
        ),
    [fleet, wds],
  );
  const namespaces = [
    ...new Set(workloads.map(w => w.object.namespace).filter(Boolean)),
  ] as string[];
  const shown = workloads.filter(
    w =>
      (!namespace || w.object.namespace === namespace) &&
      (!query ||
        `${w.kind} ${w.object.name} ${w.policies.join(' ')}`
          .toLowerCase()
          .includes(query)),
  );
  const Shape = { grid: WorkloadGrid, list: WorkloadList, tree: WorkloadTree }[
    shape
  ];

  return (
    <KubeStellarLayout
      view={view}
      crumbs={[
        {
          label: 'Manage Workloads',
          onClick: () => update({ namespace: undefined, q: undefined }),
        },
        ...(namespace ? [{ label: namespace }] : []),
      ]}
      help="Every object the Bindings of the WDS list, with its copy in each destination cluster: Healthy when every copy runs, Progressing while one is missing or not ready, Degraded when one fails. Edit the WDS copy to change a workload everywhere."
    >
      <FilterRow>
        <WdsChoice
          names={fleet.wdsNames}
          value={wds}
          onChange={next => update({ wds: next, namespace: undefined })}
        />
        <ChoiceField
          label="Namespace"
          value={namespace}
          options={namespaces}
          allLabel="All namespaces"
          onChange={next => update({ namespace: next })}
        />
        <SearchField
          label="Search workloads"
          placeholder="Kind, name or policy"
          value={params.get('q') ?? ''}
          onChange={q => update({ q })}
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
      {view.updatedAt && !shown.length && (
        <Typography>
          {workloads.length
            ? 'No managed workload matches these filters.'
            : `No binding policy of ${wds ?? 'a WDS'} binds a workload yet.`}
        </Typography>
      )}
      <Shape workloads={shown} onOpen={selection.open} />
      {wds && creating && (
        <CreateWorkloadDialog
          wds={wds}
          namespace={namespace ?? namespaces[0] ?? 'default'}
          open
          onClose={() => setCreating(false)}
        />
      )}
      <ObjectDrawer selection={selection} loaded={Boolean(view.updatedAt)} />
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
