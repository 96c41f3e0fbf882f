import {
  InfoCard,
  StructuredMetadataTable,
  WarningPanel,
} from '@backstage/core-components';
import { FleetFilters } from '@kubestellar/plugin-wecs-common';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import {
  EntityWorkloadSelector,
  fleetFiltersOf,
  getEntityWorkloadSelector,
  KUBERNETES_ID_ANNOTATION,
  KUBERNETES_LABEL_SELECTOR_ANNOTATION,
} from '../../entity';
import { LiveStatus, useFleet } from '../../live';
import { ConfiguredClusters } from '../ClusterTable';

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
      <LiveStatus view={fleet} onRefresh={fleet.refresh} />
      <ConfiguredClusters view={{ ...fleet, clusters }} />
    </>
  );
};

/** The WECS tab of an entity page. */
export const EntityWecsContent = () => {
  const { entity } = useEntity();
  const selector = getEntityWorkloadSelector(entity);
  if (!selector) {
    return (
      <MissingAnnotationEmptyState
        annotation={[
          KUBERNETES_ID_ANNOTATION,
          KUBERNETES_LABEL_SELECTOR_ANNOTATION,
        ]}
      />
    );
  }
  const filters = fleetFiltersOf(selector);
  return (
    <Grid container spacing={3} direction="column">
      <Grid item>
        <SelectorCard selector={selector} />
      </Grid>
      <Grid item>
        {filters ? (
          <EntityFleet filters={filters} />
        ) : (
          <WarningPanel
            severity="warning"
            title="This label selector cannot be followed live"
            message={`WECS matches workloads by label equality (key=value, joined by commas); "${selector.labelSelector}" uses set-based terms.`}
          />
        )}
      </Grid>
    </Grid>
  );
};
