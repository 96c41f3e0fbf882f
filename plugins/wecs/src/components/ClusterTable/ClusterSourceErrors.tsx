import { WarningPanel } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';

/**
 * Problems the backend meets reading its cluster sources (an ITS it cannot reach, a kubeconfig
 * it cannot read), as it reports them live: each says what stays in use meanwhile.
 */
export const ClusterSourceErrors = ({ errors }: { errors: string[] }) =>
  errors.length === 0 ? null : (
    <WarningPanel
      severity="warning"
      title="The cluster sources report problems"
      defaultExpanded
    >
      {errors.map(error => (
        <Typography key={error} variant="body2">
          {error}
        </Typography>
      ))}
    </WarningPanel>
  );
