import { InfoCard } from '@backstage/core-components';
import { Box, Button } from '@material-ui/core';
import { ReactNode, useEffect, useMemo, useState } from 'react';
import { FixedSizeList } from 'react-window';
import { FleetView } from '../../api';
import {
  expandableIds,
  pathTo,
  revealMatches,
  TreeNode,
  visibleRows,
} from '../../lib/fleetTree';
import { SearchField } from '../SearchField';
import { TreeRow } from './TreeRow';

const ROW_HEIGHT = 36;
const MAX_HEIGHT = 640;

/**
 * Every workload of the fleet as a tree (Cluster > Namespace > Kind > Instance > owned objects),
 * rendered as a virtualized list so that tens of thousands of nodes stay fluid. Expansion and
 * selection are kept by node id, so live updates never reset them.
 */
export const FleetTree = ({
  view,
  tree,
  selectedId,
  onSelect,
  onReconnect,
  renderActions,
}: {
  view: FleetView;
  /** The view as a tree, from buildFleetTree. */
  tree: TreeNode[];
  selectedId?: string;
  onSelect: (node: TreeNode) => void;
  onReconnect: (cluster: string) => void;
  /** Each row's actions menu. */
  renderActions?: (node: TreeNode) => ReactNode;
}) => {
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [query, setQuery] = useState('');
  // A selection made elsewhere (a link, the breadcrumbs) opens the way to its node.
  useEffect(() => {
    if (!selectedId) return;
    const ancestors = pathTo(tree, selectedId).slice(0, -1);
    if (ancestors.every(node => expanded.has(node.id))) return;
    setExpanded(current => new Set([...current, ...ancestors.map(n => n.id)]));
    // Only a new selection (or its first appearance in the tree) should expand anything.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedId, tree.length > 0]);
  const search = useMemo(() => revealMatches(tree, query), [tree, query]);
  // A search opens the way to what it finds; the user may close any of it again.
  useEffect(() => {
    if (search.expand.size === 0) return;
    setExpanded(current => new Set([...current, ...search.expand]));
  }, [search]);
  const rows = useMemo(() => visibleRows(tree, expanded), [tree, expanded]);

  const toggle = (node: TreeNode) =>
    setExpanded(current => {
      const next = new Set(current);
      if (next.has(node.id)) next.delete(node.id);
      else next.add(node.id);
      return next;
    });

  return (
    <InfoCard
      title="Workloads"
      subheader={`${view.resources.size} objects in ${
        view.clusters.length
      } clusters${query.trim() ? `, ${search.matches.size} matching` : ''}`}
      noPadding
    >
      <Box display="flex" alignItems="center" px={2} py={1}>
        <SearchField
          label="Search names across the fleet"
          value={query}
          onChange={setQuery}
          style={{ flex: 1, minWidth: 0 }}
        />
        <Box ml={2} flexShrink={0} whiteSpace="nowrap">
          <Button size="small" onClick={() => setExpanded(expandableIds(tree))}>
            Expand all
          </Button>
          <Button size="small" onClick={() => setExpanded(new Set())}>
            Collapse all
          </Button>
        </Box>
      </Box>
      <div role="tree" aria-label="Fleet workloads">
        <FixedSizeList
          height={Math.min(MAX_HEIGHT, Math.max(rows.length, 1) * ROW_HEIGHT)}
          width="100%"
          itemCount={rows.length}
          itemSize={ROW_HEIGHT}
          itemKey={index => rows[index].node.id}
          overscanCount={10}
        >
          {({ index, style }) => {
            const row = rows[index];
            return (
              <TreeRow
                row={row}
                style={style}
                query={query}
                selected={row.node.id === selectedId}
                onToggle={() => toggle(row.node)}
                onSelect={() => onSelect(row.node)}
                onReconnect={onReconnect}
                actions={renderActions?.(row.node)}
              />
            );
          }}
        </FixedSizeList>
      </div>
    </InfoCard>
  );
};
