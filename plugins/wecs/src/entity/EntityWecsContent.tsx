import { InfoCard, StructuredMetadataTable } from '@backstage/core-components';
import { FleetFilters } from '@kubestellar/plugin-wecs-common';
import Grid from '@material-ui/core/Grid';
import { useMemo } from 'react';
import { EntityWorkloadSelector } from '../lib/entitySelector';
import { LiveStatus } from '../components/LiveStatus';
import { useFleet } from '../hooks/useFleet';
import { ConfiguredClusters } from '../components/ClusterTable';
import { entityWorkloads } from './entityWorkloads';
import { EntitySelectorGate } from './EntitySelectorGate';
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
  const fleet = useFleet(filters);
  const workloads = useMemo(
    () => entityWorkloads(fleet.resources.values()),
    [fleet.resources],
  );
  // Each cluster's count is of the entity's objects there, not of everything it runs.
  const matched = new Map<string, number>();
  for (const resource of fleet.resources.values()) {
    matched.set(resource.cluster, (matched.get(resource.cluster) ?? 0) + 1);
  }
  const clusters = fleet.clusters.map(cluster => ({
    ...cluster,
    counts: { ...cluster.counts, total: matched.get(cluster.name) ?? 0 },
  }));
  return (
    <>
      <Grid item>
        <LiveStatus view={fleet} onRefresh={fleet.refresh} />
        <WorkloadTable workloads={workloads} loading={!fleet.updatedAt} />
      </Grid>
      <Grid item>
        <ConfiguredClusters view={{ ...fleet, clusters }} />
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
