import { Table, TableColumn } from '@backstage/core-components';
import { SlimResource } from '@kubestellar/plugin-wecs-common';
import {
  Box,
  Card,
  CardContent,
  CardHeader,
  Grid,
  Typography,
} from '@material-ui/core';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import ChevronRightIcon from '@material-ui/icons/ChevronRight';
import { TreeItem, TreeView } from '@material-ui/lab';
import { useState } from 'react';
import {
  ManagedWorkload,
  placementHealth,
} from '@kubestellar/plugin-wecs-common';
import { PlacementStatus, PolicyChips } from '../../components/Placement';
import { DetailsTab } from '../../lib/detailsTabs';
import { PhaseStatus } from '../../components/Status';
import { WorkloadActions } from './WorkloadActions';

export interface WorkloadViewProps {
  /** One page of the workloads. */
  workloads: ManagedWorkload[];
  /** How many workloads there are in all pages. */
  total: number;
  onOpen: (resource: SlimResource, tab: DetailsTab) => void;
}

const HEALTH_WORDS = {
  running: 'Healthy',
  pending: 'Progressing',
  failed: 'Degraded',
} as const;

/** A workload's health across its clusters, as a dot and a word. */
const Health = ({ workload }: { workload: ManagedWorkload }) => {
  const health = placementHealth(workload);
  return (
    <Box display="flex" alignItems="center" style={{ whiteSpace: 'nowrap' }}>
      <PhaseStatus phase={health} />
      <Typography variant="body2" component="span">
        {HEALTH_WORDS[health]}
      </Typography>
    </Box>
  );
};

const openStaged = (
  workload: ManagedWorkload,
  onOpen: WorkloadViewProps['onOpen'],
) => {
  const target =
    workload.staged ?? workload.placements.find(p => p.delivered)?.delivered;
  if (target) onOpen(target, 'summary');
};

/** One card per workload: its health, policies and copy in each cluster. */
export const WorkloadGrid = ({ workloads, onOpen }: WorkloadViewProps) => (
  <Grid container spacing={2}>
    {workloads.map(workload => (
      <Grid item xs={12} sm={6} md={4} lg={3} key={workload.key}>
        <Card
          variant="outlined"
          role="group"
          aria-label={`${workload.kind} ${workload.object.name}`}
        >
          <CardHeader
            title={workload.object.name}
            subheader={`${workload.kind} in ${
              workload.object.namespace ?? 'the cluster'
            }`}
            titleTypographyProps={{ variant: 'subtitle1' }}
            action={<WorkloadActions workload={workload} onOpen={onOpen} />}
            onClick={() => openStaged(workload, onOpen)}
            style={{ cursor: 'pointer' }}
          />
          <CardContent>
            <Health workload={workload} />
            <Box mt={1} mb={1}>
              {workload.placements.map(placement => (
                <PlacementStatus
                  key={placement.cluster}
                  placement={placement}
                  showCluster
                />
              ))}
            </Box>
            <PolicyChips bound={workload.policies} />
          </CardContent>
        </Card>
      </Grid>
    ))}
  </Grid>
);

const listColumns = (
  onOpen: WorkloadViewProps['onOpen'],
): TableColumn<ManagedWorkload>[] => [
  { title: 'Kind', render: w => w.kind },
  { title: 'Name', render: w => w.object.name, highlight: true },
  { title: 'Namespace', render: w => w.object.namespace ?? '' },
  { title: 'Health', render: w => <Health workload={w} /> },
  {
    title: 'Clusters',
    render: w => (
      <Box>
        {w.placements.map(p => (
          <PlacementStatus key={p.cluster} placement={p} showCluster />
        ))}
      </Box>
    ),
  },
  {
    title: 'Binding policies',
    render: w => <PolicyChips bound={w.policies} />,
  },
  {
    title: '',
    render: w => <WorkloadActions workload={w} onOpen={onOpen} />,
  },
];

/** One row per workload. */
export const WorkloadList = ({
  workloads,
  total,
  onOpen,
}: WorkloadViewProps) => (
  <Table
    title={`Managed workloads (${total})`}
    options={{ paging: false, search: false, padding: 'dense' }}
    columns={listColumns(onOpen)}
    data={workloads}
    onRowClick={(_, workload) => workload && openStaged(workload, onOpen)}
  />
);

/** Namespace > workload > cluster, every level open at first. */
export const WorkloadTree = ({ workloads, onOpen }: WorkloadViewProps) => {
  const namespaces = [
    ...new Set(workloads.map(w => w.object.namespace ?? '')),
  ].sort();
  const nodeId = (workload: ManagedWorkload) => `w:${workload.key}`;
  // Every node starts open, those that arrive later too: the tree remembers what was closed.
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const openable = [
    ...namespaces.map(n => `ns:${n}`),
    ...workloads.map(nodeId),
  ];
  return (
    <TreeView
      aria-label="Managed workloads by namespace"
      defaultCollapseIcon={<ExpandMoreIcon />}
      defaultExpandIcon={<ChevronRightIcon />}
      expanded={openable.filter(id => !collapsed.has(id))}
      onNodeToggle={(_, expanded: string[]) =>
        setCollapsed(new Set(openable.filter(id => !expanded.includes(id))))
      }
    >
      {namespaces.map(namespace => (
        <TreeItem
          key={namespace}
          nodeId={`ns:${namespace}`}
          label={namespace || 'Cluster-scoped'}
        >
          {workloads
            .filter(w => (w.object.namespace ?? '') === namespace)
            .map(workload => (
              <TreeItem
                key={workload.key}
                nodeId={nodeId(workload)}
                label={
                  <Box display="flex" alignItems="center" style={{ gap: 12 }}>
                    <Typography variant="body2">
                      {workload.kind} <b>{workload.object.name}</b>
                    </Typography>
                    <Health workload={workload} />
                    <WorkloadActions workload={workload} onOpen={onOpen} />
                  </Box>
                }
              >
                {workload.placements.map(placement => (
                  <TreeItem
                    key={placement.cluster}
                    nodeId={`${nodeId(workload)}@${placement.cluster}`}
                    label={
                      <PlacementStatus placement={placement} showCluster />
                    }
                    onLabelClick={event => {
                      event.preventDefault();
                      if (placement.delivered)
                        onOpen(placement.delivered, 'summary');
                    }}
                  />
                ))}
              </TreeItem>
            ))}
        </TreeItem>
      ))}
    </TreeView>
  );
};
