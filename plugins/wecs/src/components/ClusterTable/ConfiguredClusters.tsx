import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import { ClusterSourceErrors } from './ClusterSourceErrors';
import { ClusterTable } from './ClusterTable';
import { NoClustersState } from './NoClustersState';
import { useClusters } from './useClusters';

/** The clusters the backend monitors, with any source errors, or how to configure some. */
export const ConfiguredClusters = () => {
  const { value, loading, error } = useClusters();
  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  const { items = [], errors = [] } = value ?? {};
  return (
    <Grid container spacing={3} direction="column">
      {errors.length > 0 && (
        <Grid item>
          <ClusterSourceErrors errors={errors} />
        </Grid>
      )}
      <Grid item>
        {items.length === 0 && errors.length === 0 ? (
          <NoClustersState />
        ) : (
          <ClusterTable clusters={items} />
        )}
      </Grid>
    </Grid>
  );
};
