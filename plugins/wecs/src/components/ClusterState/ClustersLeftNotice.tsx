import { Box } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useState } from 'react';
import { LeftCluster } from '../../api';

const keyOf = (left: LeftCluster) => `${left.name}@${left.at.getTime()}`;

/**
 * "cluster2 left the fleet", once for each cluster that left while the page was open, until
 * the user dismisses it or the connection forgets it.
 */
export const ClustersLeftNotice = ({ left }: { left: LeftCluster[] }) => {
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const shown = left.filter(l => !dismissed.has(keyOf(l)));
  if (!shown.length) return null;
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 8 }}>
      {shown.map(l => (
        <Alert
          key={keyOf(l)}
          severity="info"
          closeText={`Dismiss: ${l.name} left the fleet`}
          onClose={() =>
            setDismissed(current => new Set(current).add(keyOf(l)))
          }
        >
          {l.name} left the fleet at {l.at.toLocaleTimeString()}: it is no
          longer watched and its objects are gone from this view.
        </Alert>
      ))}
    </Box>
  );
};
