import {
  Content,
  ContentHeader,
  Header,
  Page,
  SupportButton,
} from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { ClusterStatus } from '@kubestellar/plugin-wecs-common';
import { useMemo, useRef, useState } from 'react';
import { TreeNode } from '../../tree/fleetTree';
import Grid from '@material-ui/core/Grid';
import { wecsApiRef } from '../../api';
import { LiveStatus, useAutoRefresh, useFleet } from '../../live';
import { ConfiguredClusters } from '../ClusterTable';
import { FilterBar, toFleetFilters, useUrlFilters } from '../FilterBar';
import { FleetTree } from '../FleetTree';
import { NodeDetails } from './NodeDetails';

/** The "Deployed Workloads" page of the WECS plugin. */
export const WecsPage = () => {
  const [filters, setFilters] = useUrlFilters();
  const fleetFilters = useMemo(() => toFleetFilters(filters), [filters]);
  const fleet = useFleet(fleetFilters);
  // A cluster filter narrows the statuses the socket sends; the filter still offers every
  // cluster this page has seen.
  const seen = useRef(new Map<string, ClusterStatus>());
  for (const cluster of fleet.clusters) seen.current.set(cluster.name, cluster);
  const [selected, setSelected] = useState<TreeNode>();
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
              <Grid item xs={12} md={selected ? 7 : 12}>
                <FleetTree
                  view={fleet}
                  onSelect={setSelected}
                  onReconnect={reconnect}
                />
              </Grid>
              {selected && (
                <Grid item xs={12} md={5}>
                  <NodeDetails node={selected} />
                </Grid>
              )}
            </Grid>
          )}
        </Grid>
      </Content>
    </Page>
  );
};
