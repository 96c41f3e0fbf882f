import { InfoCard, StructuredMetadataTable } from '@backstage/core-components';
import { ClusterStatus } from '@kubestellar/plugin-wecs-common';
import { Box, Typography } from '@material-ui/core';
import { TreeNode } from '../../lib/fleetTree';
import { DetailsTab } from '../../lib/detailsTabs';
import { ManagedClusterTabs } from '../../components/ManagedClusterDetails';

const connectionFacts = (node: TreeNode, status: ClusterStatus) => ({
  objects: node.counts.total,
  failed: node.counts.failed,
  pending: node.counts.pending,
  connection: status.state,
  since: status.since,
  'API server': status.server,
  context: status.context,
  source: status.source === 'its' ? 'ITS (ManagedCluster)' : 'kubeconfig',
  ...(status.lastError ? { 'last error': status.lastError } : {}),
});

/**
 * A cluster node's details: its connection and counts and, when the ITS is the source, its
 * ManagedCluster (labels, conditions, created, UID) with an Edit tab.
 */
export const ClusterDetails = ({
  node,
  status,
  tab,
  onTabChange,
}: {
  node: TreeNode;
  status: ClusterStatus;
  tab: DetailsTab;
  onTabChange: (tab: DetailsTab) => void;
}) => (
  <InfoCard
    title={`Cluster ${status.name}`}
    subheader="Workload execution cluster"
  >
    <StructuredMetadataTable metadata={connectionFacts(node, status)} />
    <Box mt={2}>
      {status.source === 'its' ? (
        <ManagedClusterTabs
          name={status.name}
          tab={tab}
          onTabChange={onTabChange}
        />
      ) : (
        <Typography variant="body2" color="textSecondary">
          This cluster comes from kubeconfig context {status.context}: there is
          no ManagedCluster for it to show or edit.
        </Typography>
      )}
    </Box>
  </InfoCard>
);
