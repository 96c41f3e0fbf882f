import { InfoCard, StructuredMetadataTable } from '@backstage/core-components';
import { ClusterRowStatus } from '@kubestellar/plugin-wecs-common';
import { Box, Typography } from '@material-ui/core';
import { TreeNode } from '../../lib/fleetTree';
import { DetailsTab } from '../../lib/detailsTabs';
import {
  accessLabel,
  CONNECTION_LABELS,
  sourceLabel,
} from '../../lib/clusterStatus';
import { membershipActionOfStatus } from '../../lib/kubestellar/managedClusters';
import {
  ManagedClusterTabs,
  MembershipAction,
} from '../../components/ManagedClusterDetails';
import { RefusedKindsAlert } from '../../components/ClusterState';

/** The guide's Cluster Summary: Kind (Cluster), Name, Context first, then the connection. */
const clusterSummary = (node: TreeNode, status: ClusterRowStatus) => ({
  kind: 'Cluster',
  name: status.name,
  context: status.context,
  ...(status.state === 'pending'
    ? {}
    : {
        objects: node.counts.total,
        failed: node.counts.failed,
        pending: node.counts.pending,
      }),
  connection: CONNECTION_LABELS[status.state],
  ...(status.pendingReason
    ? { 'not joined because': status.pendingReason }
    : {}),
  since: status.since,
  access: accessLabel(status.access),
  'API server': status.server,
  source: sourceLabel(status.source),
  ...(status.lastError ? { 'last error': status.lastError } : {}),
});

/**
 * A cluster node's details: its Summary (kind Cluster, name, context, connection), how the backend reaches it, its counts, the kinds
 * its RBAC refuses and, when the ITS is the source, Accept or Detach and its ManagedCluster
 * (labels, conditions, created, UID) with an Edit tab.
 */
export const ClusterDetails = ({
  node,
  status,
  tab,
  onTabChange,
}: {
  node: TreeNode;
  status: ClusterRowStatus;
  tab: DetailsTab;
  onTabChange: (tab: DetailsTab) => void;
}) => {
  const action = membershipActionOfStatus(status);
  return (
    <InfoCard
      title={`Cluster ${status.name}`}
      subheader="Workload execution cluster"
      action={
        action && (
          <Box mt={1} mr={1}>
            <MembershipAction cluster={status.name} action={action} />
          </Box>
        )
      }
    >
      <Typography variant="h6" component="h3">
        Summary
      </Typography>
      <StructuredMetadataTable metadata={clusterSummary(node, status)} />
      <Box mt={2}>
        <RefusedKindsAlert status={status} />
      </Box>
      <Box mt={2}>
        {status.source === 'its' ? (
          <ManagedClusterTabs
            name={status.name}
            tab={tab}
            onTabChange={onTabChange}
          />
        ) : (
          <Typography variant="body2" color="textSecondary">
            This cluster comes from {sourceLabel(status.source)} context{' '}
            {status.context}: there is no ManagedCluster for it to show or edit.
          </Typography>
        )}
      </Box>
    </InfoCard>
  );
};
