import { Box, Typography } from '@material-ui/core';
import { OverallStatus } from '../../lib/k8s/overallStatus';
import { PhaseStatus } from '../Status';

/**
 * An object's overall status in one line, in its phase's colour: `Not Ready · 0/3 ready`.
 * The words sit outside the status dot, which Backstage hides from assistive technology.
 */
export const StatusLine = ({ status }: { status: OverallStatus }) => (
  <Box display="flex" alignItems="center" mb={1}>
    <Typography variant="subtitle2" component="span">
      Status
    </Typography>
    <Box ml={2} display="flex" alignItems="center">
      <PhaseStatus phase={status.phase} />
      <Typography variant="body1" component="span" data-testid="overall-status">
        {status.reason ? `${status.word} · ${status.reason}` : status.word}
      </Typography>
    </Box>
  </Box>
);
