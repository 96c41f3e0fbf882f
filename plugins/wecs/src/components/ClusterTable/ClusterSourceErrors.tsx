import { WarningPanel } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';

/** Problems the backend met while reading its cluster sources. */
export const ClusterSourceErrors = ({ errors }: { errors: string[] }) =>
  errors.length === 0 ? null : (
    <WarningPanel
      severity="error"
      title="Some configured clusters could not be read"
      defaultExpanded
    >
      {errors.map(error => (
        <Typography key={error} variant="body2">
          {error}
        </Typography>
      ))}
    </WarningPanel>
  );
