import { InfoCard, StructuredMetadataTable } from '@backstage/core-components';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import {
  getEntityWorkloadSelector,
  KUBERNETES_ID_ANNOTATION,
  KUBERNETES_LABEL_SELECTOR_ANNOTATION,
} from '../../entity';
import { ConfiguredClusters } from '../ClusterTable';

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
  return (
    <Grid container spacing={3} direction="column">
      <Grid item>
        <InfoCard title="Workload selector">
          <StructuredMetadataTable
            metadata={{
              'label selector': selector.labelSelector,
              namespace: selector.namespace ?? 'all namespaces',
            }}
          />
        </InfoCard>
      </Grid>
      <Grid item>
        <ConfiguredClusters />
      </Grid>
    </Grid>
  );
};
