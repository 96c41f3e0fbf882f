import { InfoCard, StructuredMetadataTable } from '@backstage/core-components';
import {
  Box,
  Breadcrumbs,
  IconButton,
  Link,
  Tooltip,
  Typography,
} from '@material-ui/core';
import ArrowBackIcon from '@material-ui/icons/ArrowBack';
import CloseIcon from '@material-ui/icons/Close';
import { TreeNode } from '../../lib/fleetTree';
import { DetailsTab } from '../../lib/detailsTabs';
import { ResourceDetails } from '../../components/ResourceDetails';
import { ClusterDetails } from './ClusterDetails';

/** A namespace's or a kind's group: what it holds. */
const GroupDetails = ({ node }: { node: TreeNode }) => (
  <InfoCard title={node.label} subheader={node.type}>
    <StructuredMetadataTable
      metadata={{
        cluster: node.cluster,
        objects: node.counts.total,
        failed: node.counts.failed,
        pending: node.counts.pending,
      }}
    />
  </InfoCard>
);

/**
 * The side panel for the selected tree node: where it is (breadcrumbs to each ancestor), a
 * way back to the node shown before, and its details.
 */
export const TreeNodeDetails = ({
  path,
  tab,
  onTabChange,
  onSelect,
  onBack,
  onClose,
}: {
  /** The selected node's ancestors, root first, then the node. */
  path: TreeNode[];
  tab: DetailsTab;
  onTabChange: (tab: DetailsTab) => void;
  onSelect: (node: TreeNode) => void;
  /** Unset when there is nothing to go back to. */
  onBack?: () => void;
  onClose: () => void;
}) => {
  const node = path[path.length - 1];
  return (
    <>
      <Box display="flex" alignItems="center" mb={1}>
        <Tooltip title="Back to the previous selection">
          <span>
            <IconButton
              size="small"
              aria-label="Back"
              disabled={!onBack}
              onClick={onBack}
            >
              <ArrowBackIcon fontSize="small" />
            </IconButton>
          </span>
        </Tooltip>
        <Box flexGrow={1} ml={1} minWidth={0}>
          <Breadcrumbs aria-label="Location of the selection" maxItems={6}>
            {path.slice(0, -1).map(ancestor => (
              <Link
                key={ancestor.id}
                component="button"
                variant="body2"
                onClick={() => onSelect(ancestor)}
              >
                {ancestor.label}
              </Link>
            ))}
            <Typography variant="body2" color="textPrimary">
              {node.label}
            </Typography>
          </Breadcrumbs>
        </Box>
        <IconButton size="small" aria-label="Close details" onClick={onClose}>
          <CloseIcon fontSize="small" />
        </IconButton>
      </Box>
      {node.resource && (
        <ResourceDetails
          key={node.id}
          resource={node.resource}
          tab={tab}
          onTabChange={onTabChange}
        />
      )}
      {!node.resource && node.clusterStatus && (
        <ClusterDetails
          key={node.id}
          node={node}
          status={node.clusterStatus}
          tab={tab}
          onTabChange={onTabChange}
        />
      )}
      {!node.resource && !node.clusterStatus && <GroupDetails node={node} />}
    </>
  );
};
