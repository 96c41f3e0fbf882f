import { ClusterRowStatus } from '@kubestellar/plugin-wecs-common';
import { Tooltip, Typography } from '@material-ui/core';
import { Alert, AlertTitle } from '@material-ui/lab';
import { refusalLines, refusedKindsSummary } from '../../lib/clusterStatus';

/**
 * The kinds a cluster's RBAC refuses the backend, in one line with the API server's reasons on
 * hover: its objects of those kinds are missing from the views. Nothing when none are refused.
 */
export const RefusedKindsLine = ({ status }: { status: ClusterRowStatus }) => {
  const summary = refusedKindsSummary(status);
  if (!summary) return null;
  return (
    <Tooltip
      title={refusalLines(status).map(line => (
        <div key={line}>{line}</div>
      ))}
    >
      <Typography variant="caption" color="error" noWrap>
        {summary}
      </Typography>
    </Tooltip>
  );
};

/** The same, in full: one line per refused kind with the API server's reason. */
export const RefusedKindsAlert = ({ status }: { status: ClusterRowStatus }) => {
  const lines = refusalLines(status);
  if (!lines.length) return null;
  return (
    <Alert severity="warning">
      <AlertTitle>
        Objects of these kinds in {status.name} are not shown
      </AlertTitle>
      {lines.map(line => (
        <Typography key={line} variant="body2">
          {line}
        </Typography>
      ))}
    </Alert>
  );
};
