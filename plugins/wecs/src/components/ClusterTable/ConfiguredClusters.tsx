import { Progress, WarningPanel } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import { memo } from 'react';
import { LeftCluster } from '../../api';
import { ClustersLeftNotice } from '../ClusterState';
import { ClusterSourceErrors } from './ClusterSourceErrors';
import { ClusterRow, ClusterTable } from './ClusterTable';
import { NoClustersState } from './NoClustersState';

/**
 * The clusters the backend monitors, live, with the sources' problems as they come and go and a
 * notice for each cluster that leaves, or how to configure some. Until the first snapshot
 * arrives it shows progress, or why the backend cannot be reached.
 * Memoized: a page that re-renders as its tree scrolls does not draw the table again.
 */
export const ConfiguredClusters = memo(function ClusterOverview({
  view,
  onRefresh,
  onReconnect,
}: {
  /** Lists one cluster again from its API server (a row action); stable, as the table is memoized. */
  onRefresh?: (cluster: string) => void;
  /** Has the backend reconnect to a disconnected cluster now; stable too. */
  onReconnect?: (cluster: string) => void;
  view: {
    /** Unset until the clusters first arrive. */
    updatedAt?: Date;
    lastError?: string;
    clusters: ClusterRow[];
    errors: string[];
    left: LeftCluster[];
  };
}) {
  if (!view.updatedAt) {
    return view.lastError ? (
      <WarningPanel
        severity="error"
        title="The WECS backend cannot be reached; retrying"
        message={view.lastError}
      />
    ) : (
      <Progress />
    );
  }
  const { clusters, errors, left } = view;
  return (
    <Grid container spacing={3} direction="column">
      {errors.length > 0 && (
        <Grid item>
          <ClusterSourceErrors errors={errors} />
        </Grid>
      )}
      {left.length > 0 && (
        <Grid item>
          <ClustersLeftNotice left={left} />
        </Grid>
      )}
      <Grid item>
        {clusters.length === 0 && errors.length === 0 ? (
          <NoClustersState />
        ) : (
          <ClusterTable
            clusters={clusters}
            onRefresh={onRefresh}
            onReconnect={onReconnect}
          />
        )}
      </Grid>
    </Grid>
  );
});
