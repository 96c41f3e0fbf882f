import { InfoCard, StructuredMetadataTable } from '@backstage/core-components';
import { TreeNode } from '../../tree/fleetTree';
import { ResourceDetails } from '../ResourceDetails';

/** What a selected tree node shows: an object's details, or a cluster's or group's facts. */
export const NodeDetails = ({ node }: { node: TreeNode }) => {
  if (node.resource) {
    const { resource } = node;
    return (
      <ResourceDetails
        key={node.id}
        target={{
          cluster: resource.cluster,
          namespace: resource.namespace,
          kind: resource.kind,
          name: resource.name,
          uid: resource.uid,
        }}
      />
    );
  }
  const status = node.clusterStatus;
  return (
    <InfoCard title={node.label} subheader={node.type}>
      <StructuredMetadataTable
        metadata={{
          objects: node.counts.total,
          failed: node.counts.failed,
          pending: node.counts.pending,
          ...(status
            ? {
                connection: status.state,
                since: status.since,
                'API server': status.server,
                context: status.context,
                source: status.source,
                ...(status.lastError ? { 'last error': status.lastError } : {}),
                ...(status.labels
                  ? {
                      labels: Object.entries(status.labels).map(
                        ([k, v]) => `${k}=${v}`,
                      ),
                    }
                  : {}),
              }
            : {}),
        }}
      />
    </InfoCard>
  );
};
