import {
  Content,
  ContentHeader,
  Header,
  Page,
  SupportButton,
} from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { ClusterStatus } from '@kubestellar/plugin-wecs-common';
import Grid from '@material-ui/core/Grid';
import { useCallback, useMemo, useRef } from 'react';
import { buildFleetTree, pathTo, TreeNode } from '../../lib/fleetTree';
import { wecsApiRef } from '../../api';
import { LiveStatus } from '../../components/LiveStatus';
import { useAutoRefresh } from '../../hooks/useAutoRefresh';
import { useFleet } from '../../hooks/useFleet';
import { ConfiguredClusters } from '../../components/ClusterTable';
import { FleetTree } from '../../components/FleetTree';
import { FilterBar } from './FilterBar';
import { toFleetFilters, useUrlFilters } from './useUrlFilters';
import { DetailsTab } from '../../lib/detailsTabs';
import {
  TreeNodeActionsMenu,
  useTreeNodeActions,
} from '../../components/TreeNodeActions';
import { TreeNodeDetails } from './TreeNodeDetails';
import { useSelection } from './useSelection';

/** The "Deployed Workloads" page of the WECS plugin. */
export const DeployedWorkloadsPage = () => {
  const [filters, setFilters] = useUrlFilters();
  const fleetFilters = useMemo(() => toFleetFilters(filters), [filters]);
  const fleet = useFleet(fleetFilters);
  // A cluster filter narrows the statuses the socket sends; the filter still offers every
  // cluster this page has seen, until it leaves the fleet.
  const seen = useRef(new Map<string, ClusterStatus>());
  for (const cluster of fleet.clusters) seen.current.set(cluster.name, cluster);
  for (const { name } of fleet.left) seen.current.delete(name);
  const tree = useMemo(
    () => buildFleetTree(fleet.clusters, fleet.resources.values()),
    [fleet.clusters, fleet.resources],
  );
  const { selection, select, setTab, back, canGoBack, close } = useSelection();
  const selectedPath = useMemo(
    () => (selection.nodeId ? pathTo(tree, selection.nodeId) : []),
    [tree, selection.nodeId],
  );
  const open = useCallback(
    (node: TreeNode, tab: DetailsTab) => select(node.id, tab),
    [select],
  );
  const actions = useTreeNodeActions(open);
  const [autoRefreshSeconds, setAutoRefreshSeconds] = useAutoRefresh(
    fleet.refresh,
  );
  const wecsApi = useApi(wecsApiRef);
  const alertApi = useApi(alertApiRef);
  const reconnect = (cluster: string) =>
    wecsApi.reconnectCluster(cluster).then(
      () =>
        alertApi.post({
          message: `Reconnecting to ${cluster}`,
          severity: 'info',
          display: 'transient',
        }),
      error =>
        alertApi.post({
          message: `Could not ask ${cluster} to reconnect: ${error.message}`,
          severity: 'error',
        }),
    );
  return (
    <Page themeId="tool">
      <Header
        title="Deployed Workloads"
        subtitle="WECS: live workloads in every KubeStellar workload execution cluster"
      />
      <Content>
        <ContentHeader title="Fleet">
          <LiveStatus
            view={fleet}
            onRefresh={fleet.refresh}
            autoRefresh={{
              seconds: autoRefreshSeconds,
              onChange: setAutoRefreshSeconds,
            }}
          />
          <SupportButton>
            Every workload the remote clusters run, grouped by cluster,
            namespace and kind.
          </SupportButton>
        </ContentHeader>
        <Grid container spacing={3} direction="column">
          <Grid item>
            <ConfiguredClusters view={fleet} />
          </Grid>
          {fleet.updatedAt && fleet.clusters.length > 0 && (
            <Grid item>
              <FilterBar
                clusters={[...seen.current.values()]}
                filters={filters}
                onChange={setFilters}
              />
            </Grid>
          )}
          {fleet.updatedAt && fleet.clusters.length > 0 && (
            <Grid item container spacing={3}>
              <Grid item xs={12} md={selectedPath.length ? 5 : 12}>
                <FleetTree
                  view={fleet}
                  tree={tree}
                  selectedId={selection.nodeId}
                  onSelect={node => select(node.id)}
                  onReconnect={reconnect}
                  renderActions={node => (
                    <TreeNodeActionsMenu node={node} onAction={actions.run} />
                  )}
                />
              </Grid>
              {selectedPath.length > 0 && (
                <Grid item xs={12} md={7}>
                  <TreeNodeDetails
                    path={selectedPath}
                    tab={selection.tab}
                    onTabChange={setTab}
                    onSelect={node => select(node.id)}
                    onBack={canGoBack ? back : undefined}
                    onClose={close}
                  />
                </Grid>
              )}
            </Grid>
          )}
        </Grid>
        {actions.dialog}
      </Content>
    </Page>
  );
};
