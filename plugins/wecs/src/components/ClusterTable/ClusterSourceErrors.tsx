import { WarningPanel } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';

/** Problems the backend met while reading its cluster sources. */
export const ClusterSourceErrors = ({ errors }: { errors: string[] }) =>
  errors.length === 0 ? null : (
    <WarningPanel
      severity="warning"
      title="Some clusters are not monitored"
      defaultExpanded
    >
      {errors.map(error => (
        <Typography key={error} variant="body2">
          {error}
        </Typography>
      ))}
    </WarningPanel>
  );
