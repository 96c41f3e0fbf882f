import { Alert } from '@material-ui/lab';
import { Box } from '@material-ui/core';
import { ListFailure } from './useListedObjects';

/**
 * Says that the objects shown are a snapshot of a kind the backend does not watch: from which
 * clusters and when, which clusters had more than one list returns, and which did not answer.
 */
export const ListedNote = ({
  kind,
  clusters,
  listedAt,
  truncated,
  failures,
  namespaced,
}: {
  kind: string;
  /** Whether the kind lives in namespaces, so that choosing one narrows the list. */
  namespaced: boolean;
  clusters: string[];
  listedAt?: Date;
  truncated: string[];
  failures: ListFailure[];
}) => (
  <Box display="flex" flexDirection="column" gridGap={8} mb={2}>
    <Alert severity="info">
      {kind} is not watched, so this list is not live:{' '}
      {listedAt
        ? `listed from ${clusters.join(
            ', ',
          )} at ${listedAt.toLocaleTimeString()}. Refresh lists it again.`
        : `listing it from ${clusters.join(', ')}…`}
    </Alert>
    {truncated.length > 0 && (
      <Alert severity="warning">
        {truncated.join(', ')} hold more {kind} objects than one list returns;
        the first of them are shown.
        {namespaced ? ' Choose a namespace to see the others.' : ''}
      </Alert>
    )}
    {failures.map(failure => (
      <Alert severity="error" key={failure.cluster}>
        {failure.cluster} did not list {kind}: {failure.message}
      </Alert>
    ))}
  </Box>
);
