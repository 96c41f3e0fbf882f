import { SupportButton } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { ClusterStatus } from '@kubestellar/plugin-wecs-common';
import Grid from '@material-ui/core/Grid';
import { useSearchParams } from 'react-router-dom';
import {
  useCallback,
  useDeferredValue,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { wecsApiRef } from '../../api';
import { LiveStatus } from '../../components/LiveStatus';
import { PluginPage, ViewHeader } from '../../components/KubeStellarLayout';
import { useAutoRefresh } from '../../hooks/useAutoRefresh';
import { useFleetViews } from '../../hooks/useFleetViews';
import { useFleetTree } from '../../hooks/useFleetTree';
import { ClusterRow, ConfiguredClusters } from '../../components/ClusterTable';
import { FleetTree, useTreeSearch } from '../../components/FleetTree';
import { useClusterRefresh, WHOLE_FLEET } from '../../hooks/useClusterRefresh';
import { filterOptions, FilterBar } from './FilterBar';
import { toFleetFilters, useUrlFilters } from './useUrlFilters';
import { DetailsTab } from '../../lib/detailsTabs';
import { parseNodeId, TreeNode } from '../../lib/fleetTree';
import { revealGroup, revealPath, ROOT_LIST } from '../../lib/treeLayout';
import {
  TreeNodeActionsMenu,
  useTreeNodeActions,
} from '../../components/TreeNodeActions';
import { TreeNodeDetails } from './TreeNodeDetails';
import { useSelection } from './useSelection';
import { backendMessage } from '../../api/backendMessage';

/** The clusters this page shows, and so refreshes. */
const SHOWN_ROLES = ['wec'] as const;

/** How long the filters' options from `GET /clusters` stay fresh enough. */
const OPTIONS_FRESH_MS = 5_000;

/**
 * What the filters offer: the WECs `GET /clusters` lists, and the binding policies of the
 * connected WDSs (read from them now). Read when the page opens and again when the user turns
 * to the filters, not on every update.
 */
function useFilterChoices() {
  const wecsApi = useApi(wecsApiRef);
  const [listed, setListed] = useState<ClusterStatus[]>([]);
  const [policies, setPolicies] = useState<string[]>([]);
  const readAt = useRef(0);
  const refresh = useCallback(() => {
    if (Date.now() - readAt.current < OPTIONS_FRESH_MS) return;
    readAt.current = Date.now();
    wecsApi.getClusters().then(
      async list => {
        setListed(list.items.filter(c => c.role === 'wec'));
        const wdss = list.items.filter(
          c => c.role === 'wds' && c.state === 'connected',
        );
        const read = await Promise.allSettled(
          wdss.map(wds =>
            wecsApi.listObjects(wds.name, {
              kind: 'BindingPolicy',
              apiVersion: 'control.kubestellar.io/v1alpha1',
            }),
          ),
        );
        setPolicies(
          read.flatMap(result =>
            result.status === 'fulfilled'
              ? result.value.items.map(policy => policy.name)
              : [],
          ),
        );
      },
      () => {
        // The options stay as they were; the page says when the backend is down.
        readAt.current = 0;
      },
    );
  }, [wecsApi]);
  useEffect(refresh, [refresh]);
  return { listed, policies, refresh };
}

/** The fleet's tree and the selected node's details, live. */
const DeployedWorkloadsView = () => {
  const [filters, setFilters] = useUrlFilters();
  const fleetFilters = useMemo(() => toFleetFilters(filters), [filters]);
  const fleet = useFleetViews();
  const tree = useFleetTree(fleet, fleetFilters);
  const { selection, select, setTab, back, canGoBack, close } = useSelection();
  const { listed, policies, refresh: refreshChoices } = useFilterChoices();
  const wecsApi = useApi(wecsApiRef);
  const alertApi = useApi(alertApiRef);

  // A selection the tree does not show yet (a shared link, Back, new filters): open the way to
  // it, through a search for an object.
  const [missing, setMissing] = useState<{ id: string; why: string }>();
  const latest = useRef(tree);
  latest.current = tree;
  const filtersKey = JSON.stringify(fleetFilters);
  useEffect(() => {
    const id = selection.nodeId;
    setMissing(undefined);
    const current = latest.current;
    if (!id || current.revealing === id) return undefined;
    if (current.layout.node(id)) {
      current.scrollTo(id);
      return undefined;
    }
    const group = revealGroup(id);
    if (group) {
      current.reveal(group);
      return undefined;
    }
    const parsed = parseNodeId(id);
    if (parsed?.type !== 'instance') {
      setMissing({ id, why: `There is no ${id} in the fleet.` });
      return undefined;
    }
    let cancelled = false;
    current
      .search({
        object: `${parsed.cluster}/${parsed.uid}`,
        filters: JSON.parse(filtersKey),
      })
      .then(
        ({ matches }) => {
          if (cancelled) return;
          if (matches[0]) latest.current.reveal(revealPath(matches[0]));
          else
            setMissing({
              id,
              why: `The object ${parsed.uid} of ${parsed.cluster} is not in the fleet under these filters.`,
            });
        },
        error => {
          if (!cancelled)
            setMissing({
              id,
              why: `Cannot find the object: ${error.message}`,
            });
        },
      );
    return () => {
      cancelled = true;
    };
  }, [selection.nodeId, filtersKey]);

  const selectOnly = useCallback((id: string) => select(id), [select]);
  const open = useCallback(
    (node: TreeNode, tab: DetailsTab) => select(node.id, tab),
    [select],
  );
  // Refresh lists the clusters again; auto-refresh only has the views sent again, as listing
  // every type of the fleet on a 5 s beat would load the API servers for what the watches
  // already deliver.
  const clusterRefresh = useClusterRefresh(SHOWN_ROLES, fleet.refresh);
  const refreshFleet = clusterRefresh.refresh;
  const refreshCluster = useCallback(
    (cluster: string) => refreshFleet(cluster),
    [refreshFleet],
  );
  const actions = useTreeNodeActions(open, refreshCluster);
  const { run } = actions;
  const search = useTreeSearch(tree, fleetFilters, selectOnly);
  const { setName, setSelector } = search;
  // The filters and the selection live in the URL: cleared in one navigation, as two in a row
  // would each start from the same URL and the second would undo the first.
  const [, setUrlParams] = useSearchParams();
  const clearAll = useCallback(() => {
    setName('');
    setSelector('');
    close();
    setUrlParams(new URLSearchParams(), { replace: true });
  }, [setName, setSelector, close, setUrlParams]);
  const renderActions = useCallback(
    (node: TreeNode) => <TreeNodeActionsMenu node={node} onAction={run} />,
    [run],
  );
  const [autoRefreshSeconds, setAutoRefreshSeconds] = useAutoRefresh(
    fleet.refresh,
  );
  // Stable, as every prop of the tree's lines: a new one would render every line again.
  const reconnect = useCallback(
    (cluster: string) =>
      wecsApi.reconnectCluster(cluster).then(
        () =>
          alertApi.post({
            message: `Reconnecting to ${cluster}`,
            severity: 'info',
            display: 'transient',
          }),
        error =>
          alertApi.post({
            message: `Could not ask ${cluster} to reconnect: ${backendMessage(
              error,
            )}`,
            severity: 'error',
          }),
      ),
    [wecsApi, alertApi],
  );

  const loaded = tree.clusterTotal !== undefined;
  // From the cluster rows' own window, which changes only when they do (not as the tree
  // scrolls), so that what is drawn from it is not drawn again for every frame.
  const clusterWindow = fleet.windows.get(ROOT_LIST);
  const clusters: ClusterRow[] = useMemo(
    () =>
      (clusterWindow?.rows ?? []).flatMap(row =>
        row.type === 'cluster' ? [{ ...row.status, counts: row.counts }] : [],
      ),
    [clusterWindow],
  );
  const options = useMemo(
    () =>
      filterOptions(
        listed,
        clusters.map(c => c.name),
        filters,
        policies,
      ),
    [listed, clusters, filters, policies],
  );
  // Its first update, kept: the clusters table needs to know there was one, and must not draw
  // itself again for every later one.
  const firstUpdate = useRef<Date>();
  if (loaded && fleet.updatedAt) firstUpdate.current ??= fleet.updatedAt;
  const clusterView = useMemo(
    () => ({
      updatedAt: loaded ? firstUpdate.current : undefined,
      lastError: fleet.lastError,
      clusters,
      errors: fleet.errors,
      left: fleet.left,
    }),
    [loaded, fleet.lastError, clusters, fleet.errors, fleet.left],
  );
  const selectedId = selection.nodeId;
  // The tree marks a new selection at once; the details beside it (a narrower tree, tabs, a
  // fetch) follow in a render of their own that a later click or window may interrupt.
  const detailsId = useDeferredValue(selectedId);
  const detailsNode = detailsId ? tree.nodeById(detailsId) : undefined;
  const refused = [...fleet.refused.values()];

  return (
    <>
      <ViewHeader title="Fleet">
        <LiveStatus
          view={fleet}
          onRefresh={() => refreshFleet()}
          refreshing={clusterRefresh.refreshing.has(WHOLE_FLEET)}
          onLiveChange={fleet.setLive}
          autoRefresh={{
            seconds: autoRefreshSeconds,
            onChange: setAutoRefreshSeconds,
          }}
        />
        <SupportButton>
          Every workload the remote clusters run, grouped by cluster, namespace
          and kind.
        </SupportButton>
      </ViewHeader>
      <Grid container spacing={3} direction="column">
        <Grid item>
          <ConfiguredClusters
            view={clusterView}
            onRefresh={refreshCluster}
            onReconnect={reconnect}
          />
        </Grid>
        {loaded && (
          <Grid item>
            <FilterBar
              options={options}
              filters={filters}
              onChange={setFilters}
              onClearAll={clearAll}
              clearsMore={Boolean(
                search.name.trim() || search.selector.trim() || selectedId,
              )}
              onFocus={refreshChoices}
            />
          </Grid>
        )}
        {loaded && clusters.length > 0 && (
          <Grid item container spacing={3}>
            <Grid item xs={12} md={detailsId ? 5 : 12}>
              <FleetTree
                tree={tree}
                filters={fleetFilters}
                selectedId={selectedId}
                onSelect={select}
                onReconnect={reconnect}
                refused={refused}
                renderActions={renderActions}
                search={search}
              />
            </Grid>
            {detailsId && (
              <Grid item xs={12} md={7}>
                <TreeNodeDetails
                  id={detailsId}
                  node={detailsNode}
                  ancestors={tree.ancestors(detailsId)}
                  missing={missing?.id === detailsId ? missing.why : undefined}
                  tab={selection.tab}
                  onTabChange={setTab}
                  onSelect={selectOnly}
                  onBack={canGoBack ? back : undefined}
                  onClose={close}
                />
              </Grid>
            )}
          </Grid>
        )}
      </Grid>
      {actions.dialog}
    </>
  );
};

/** The "Deployed Workloads" page of the WECS plugin. */
export const DeployedWorkloadsPage = () => (
  <PluginPage
    title="Deployed Workloads"
    subtitle="WECS: live workloads in every KubeStellar workload execution cluster"
    view={DeployedWorkloadsView}
  />
);
