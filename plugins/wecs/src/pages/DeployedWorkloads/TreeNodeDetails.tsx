import {
  InfoCard,
  Progress,
  StructuredMetadataTable,
} from '@backstage/core-components';
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
import { Alert } from '@material-ui/lab';
import { memo } from 'react';
import { AncestorRef } from '../../hooks/useFleetTree';
import { labelOfId, TreeNode } from '../../lib/fleetTree';
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

interface DetailsProps {
  id: string;
  /** Unset until its row arrives. */
  node?: TreeNode;
  /** The cluster first. */
  ancestors: AncestorRef[];
  /** Why the node cannot be shown, when it cannot. */
  missing?: string;
  tab: DetailsTab;
  onTabChange: (tab: DetailsTab) => void;
  onSelect: (id: string) => void;
  /** Unset when there is nothing to go back to. */
  onBack?: () => void;
  onClose: () => void;
}

const sameAncestors = (a: AncestorRef[], b: AncestorRef[]) =>
  a.length === b.length &&
  a.every(
    (ancestor, i) => ancestor.id === b[i].id && ancestor.label === b[i].label,
  );

/**
 * Whether the panel shows the same: the tree's layout (and the ancestors read from it) is new
 * with every window that comes, mostly for rows elsewhere.
 */
function detailsUnchanged(previous: DetailsProps, next: DetailsProps): boolean {
  const keys = Object.keys(next) as Array<keyof DetailsProps>;
  return (
    keys.length === Object.keys(previous).length &&
    keys.every(key =>
      key === 'ancestors'
        ? sameAncestors(previous.ancestors, next.ancestors)
        : previous[key] === next[key],
    )
  );
}

/**
 * The side panel for the selected tree node: where it is (breadcrumbs to each ancestor), a
 * way back to the node shown before, and its details, from the node's row; while the row is
 * on its way, progress, and when the fleet has no such node under the filters, that.
 */
export const TreeNodeDetails = memo(function TreeNodeDetailsPanel({
  id,
  node,
  ancestors,
  missing,
  tab,
  onTabChange,
  onSelect,
  onBack,
  onClose,
}: DetailsProps) {
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
            {ancestors.map(ancestor => (
              <Link
                key={ancestor.id}
                component="button"
                variant="body2"
                onClick={() => onSelect(ancestor.id)}
              >
                {ancestor.label}
              </Link>
            ))}
            <Typography variant="body2" color="textPrimary">
              {node?.label ?? labelOfId(id)}
            </Typography>
          </Breadcrumbs>
        </Box>
        <IconButton size="small" aria-label="Close details" onClick={onClose}>
          <CloseIcon fontSize="small" />
        </IconButton>
      </Box>
      {!node && missing && <Alert severity="info">{missing}</Alert>}
      {!node && !missing && <Progress />}
      {node?.resource && (
        <ResourceDetails
          key={node.id}
          resource={node.resource}
          policies={node.policies}
          tab={tab}
          onTabChange={onTabChange}
        />
      )}
      {node && !node.resource && node.clusterStatus && (
        <ClusterDetails
          key={node.id}
          node={node}
          status={node.clusterStatus}
          tab={tab}
          onTabChange={onTabChange}
        />
      )}
      {node && !node.resource && !node.clusterStatus && (
        <GroupDetails node={node} />
      )}
    </>
  );
},
detailsUnchanged);
