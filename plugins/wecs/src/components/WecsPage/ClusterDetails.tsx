import { InfoCard, StructuredMetadataTable } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { ClusterStatus } from '@kubestellar/plugin-wecs-common';
import { Box, Tab, Tabs, Typography } from '@material-ui/core';
import { wecsApiRef } from '../../api';
import { TreeNode } from '../../tree/fleetTree';
import { DetailsTab } from '../NodeActions';
import { ObjectEditor } from '../ObjectEditor';
import { objectFacts, Summary, useLoadedObject } from '../ResourceDetails';

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

/** The ITS's ManagedCluster of a cluster: its Summary and an Edit tab. */
const ManagedClusterTabs = ({
  status,
  tab,
  onTabChange,
}: {
  status: ClusterStatus;
  tab: DetailsTab;
  onTabChange: (tab: DetailsTab) => void;
}) => {
  const wecsApi = useApi(wecsApiRef);
  const { name } = status;
  const { loaded, onSaved, reload } = useLoadedObject(
    () => wecsApi.getClusterObject(name),
    [wecsApi, name],
  );
  const current = tab === 'edit' ? 'edit' : 'summary';
  return (
    <>
      <Tabs
        value={current}
        onChange={(_, value) => onTabChange(value)}
        indicatorColor="primary"
      >
        <Tab value="summary" label="ManagedCluster" />
        <Tab value="edit" label="Edit" />
      </Tabs>
      <Box mt={2}>
        {current === 'summary' &&
          loaded(value => <Summary facts={objectFacts(value, name)} />)}
        {current === 'edit' &&
          loaded(value => (
            <ObjectEditor
              target={{ cluster: name, kind: 'ManagedCluster', name }}
              where="the ITS"
              object={value}
              save={edited => wecsApi.replaceClusterObject(name, edited)}
              onSaved={onSaved}
              onReload={reload}
            />
          ))}
      </Box>
    </>
  );
};

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
          status={status}
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
