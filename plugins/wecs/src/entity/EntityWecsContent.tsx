import {
  InfoCard,
  StructuredMetadataTable,
  WarningPanel,
} from '@backstage/core-components';
import { FleetFilters } from '@kubestellar/plugin-wecs-common';
import { Typography } from '@material-ui/core';
import Grid from '@material-ui/core/Grid';
import { EntityWorkloadSelector } from '../lib/entitySelector';
import { LiveStatus } from '../components/LiveStatus';
import { ConfiguredClusters } from '../components/ClusterTable';
import { EntitySelectorGate } from './EntitySelectorGate';
import { ENTITY_WINDOW, useEntityWorkloads } from './useEntityWorkloads';
import { WorkloadTable } from './WorkloadTable';

const SelectorCard = ({ selector }: { selector: EntityWorkloadSelector }) => (
  <InfoCard title="Workload selector">
    <StructuredMetadataTable
      metadata={{
        'label selector': selector.labelSelector,
        namespace: selector.namespace ?? 'all namespaces',
      }}
    />
  </InfoCard>
);

/** The entity's workloads, live, across the fleet's clusters. */
const EntityFleet = ({ filters }: { filters: FleetFilters }) => {
  const { fleet, workloads, clusters, total, truncated, loaded, refused } =
    useEntityWorkloads(filters);
  if (refused) {
    return (
      <Grid item>
        <WarningPanel
          severity="error"
          title="The workloads cannot be shown"
          message={refused}
        />
      </Grid>
    );
  }
  return (
    <>
      <Grid item>
        <LiveStatus view={fleet} onRefresh={fleet.refresh} />
        {truncated && (
          <Typography variant="body2" color="textSecondary" paragraph>
            {total.toLocaleString()} objects match: these are the workloads
            among the first {ENTITY_WINDOW}. Narrow the selector, or open
            Deployed Workloads with the same labels, to see them all.
          </Typography>
        )}
        <WorkloadTable workloads={workloads} loading={!loaded} />
      </Grid>
      <Grid item>
        <ConfiguredClusters
          view={{
            updatedAt: loaded ? fleet.updatedAt : undefined,
            lastError: fleet.lastError,
            clusters,
            errors: fleet.errors,
            left: fleet.left,
          }}
        />
      </Grid>
    </>
  );
};

/** The WECS tab of an entity page: its workloads in every cluster, with links into the tree. */
export const EntityWecsContent = () => (
  <EntitySelectorGate>
    {(filters, selector) => (
      <Grid container spacing={3} direction="column">
        <Grid item>
          <SelectorCard selector={selector} />
        </Grid>
        <EntityFleet filters={filters} />
      </Grid>
    )}
  </EntitySelectorGate>
);
