import { Chip, Tooltip } from '@material-ui/core';

/** A cluster the ITS knows but that has not joined: a "Pending" chip, the reason on hover. */
export const PendingChip = ({ reason }: { reason?: string }) => (
  <Tooltip title={reason ?? 'Not joined yet'}>
    <Chip
      size="small"
      variant="outlined"
      label="Pending"
      aria-label={`Pending: ${reason ?? 'not joined yet'}`}
    />
  </Tooltip>
);
