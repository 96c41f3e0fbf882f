import { InfoCard } from '@backstage/core-components';
import { FleetTreePath } from '@kubestellar/plugin-wecs-common';
import { Box, Button } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  CSSProperties,
  memo,
  ReactNode,
  useCallback,
  useLayoutEffect,
  useMemo,
  useRef,
} from 'react';
import { FixedSizeList, ListOnItemsRenderedProps } from 'react-window';
import { FleetSearchQuery } from '../../api';
import { FleetTreeModel } from '../../hooks/useFleetTree';
import { FleetSearch, useFleetSearch } from '../../hooks/useFleetSearch';
import { counted } from '../../lib/counted';
import { TreeNode } from '../../lib/fleetTree';
import { markedQuery } from '../../lib/markedQuery';
import { revealPath, TreeLayout, TreeLine } from '../../lib/treeLayout';
import { TreeRow, useTreeRowStyles } from './TreeRow';
import { TreeSearch } from './TreeSearch';

const ROW_HEIGHT = 36;
const MAX_HEIGHT = 640;

/** What every line of the list needs, as react-window hands it to each. */
interface LineData {
  layout: TreeLayout;
  query: string;
  selectedId?: string;
  toggle: FleetTreeModel['toggle'];
  onSelect: (id: string) => void;
  onReconnect: (cluster: string) => void;
  renderActions?: (node: TreeNode) => ReactNode;
}

/** Whether two lines show the same: the same row, the same object and counts, the same state. */
function sameLine(a: TreeLine, b: TreeLine): boolean {
  if (a === b) return true;
  if (
    a.id !== b.id ||
    a.depth !== b.depth ||
    a.expanded !== b.expanded ||
    a.expandable !== b.expandable
  )
    return false;
  const [x, y] = [a.node, b.node];
  if (!x || !y) return x === y;
  return (
    x.label === y.label &&
    x.resource === y.resource &&
    x.clusterStatus === y.clusterStatus &&
    x.counts.total === y.counts.total &&
    x.counts.failed === y.counts.failed &&
    x.counts.pending === y.counts.pending
  );
}

type LineProps = { index: number; style: CSSProperties; data: LineData };

/**
 * Whether a line can stay as it is drawn. The layout is new whenever any window changes (a
 * scroll asks for new ones every few frames); a line is drawn again only when what it shows
 * changed, so scrolling draws the lines that come into view and no others, and typing a search
 * or selecting a row draws only the lines it marks or unmarks.
 */
function lineUnchanged(previous: LineProps, next: LineProps): boolean {
  const [a, b] = [previous.data, next.data];
  if (
    previous.index !== next.index ||
    previous.style !== next.style ||
    a.toggle !== b.toggle ||
    a.onSelect !== b.onSelect ||
    a.onReconnect !== b.onReconnect ||
    a.renderActions !== b.renderActions
  )
    return false;
  const [was, is] = [
    a.layout.lineAt(previous.index),
    b.layout.lineAt(next.index),
  ];
  if (!sameLine(was, is)) return false;
  const label = is.node?.label ?? '';
  return (
    (was.id === a.selectedId) === (is.id === b.selectedId) &&
    (a.query === b.query ||
      markedQuery(label, a.query) === markedQuery(label, b.query))
  );
}

/**
 * One line of the list. A component of its own, so that a line stays mounted while the tree
 * changes around it (a click never lands on a line being replaced).
 */
const Line = memo(({ index, style, data }: LineProps) => {
  const line = data.layout.lineAt(index);
  const { node } = line;
  return (
    <TreeRow
      line={line}
      style={style}
      query={data.query}
      selected={line.id === data.selectedId}
      onToggle={() => data.toggle(line)}
      onSelect={() => data.onSelect(line.id)}
      onReconnect={data.onReconnect}
      actions={node && data.renderActions?.(node)}
    />
  );
}, lineUnchanged);

/**
 * The tree's search: each match found is opened in `tree` and selected. A page that clears the
 * search itself holds it and hands it to {@link FleetTree}.
 */
export function useTreeSearch(
  tree: FleetTreeModel,
  filters: FleetSearchQuery['filters'],
  onSelect: (id: string) => void,
): FleetSearch {
  const { reveal, search } = tree;
  const onMatch = useCallback(
    (path: FleetTreePath) => {
      const way = revealPath(path);
      reveal(way);
      onSelect(way.target.id);
    },
    [reveal, onSelect],
  );
  return useFleetSearch(filters, onMatch, search);
}

/**
 * Every workload of the fleet as a tree (Cluster > Namespace > Kind > Instance > owned objects),
 * a virtualized list of the rows the backend's views hold: a collapsed row costs nothing, an
 * expanded one a view of the rows near the screen, so a million objects scroll as a hundred do.
 * The search finds objects on the backend and jumps to each, opening the way to it.
 */
export const FleetTree = ({
  tree,
  filters,
  selectedId,
  onSelect,
  onReconnect,
  renderActions,
  refused = [],
  search: pageSearch,
}: {
  tree: FleetTreeModel;
  /** The page's filters, which the search applies too. */
  filters: FleetSearchQuery['filters'];
  selectedId?: string;
  onSelect: (id: string) => void;
  onReconnect: (cluster: string) => void;
  /** Each row's actions menu. */
  renderActions?: (node: TreeNode) => ReactNode;
  /** Why the backend refused some of the views. */
  refused?: string[];
  /** The search, when the page holds it (to clear it with its filters); else the tree's own. */
  search?: FleetSearch;
}) => {
  // Keeps the rows' style sheet in the page while rows come and go (see useTreeRowStyles).
  useTreeRowStyles();
  // Idle while the page holds the search (its typed text is empty).
  const ownSearch = useTreeSearch(tree, filters, onSelect);
  const search = pageSearch ?? ownSearch;
  const list = useRef<FixedSizeList>(null);
  const { scrollRequest, setRange, layout } = tree;
  const treeElement = useRef<HTMLDivElement>(null);
  // Before the browser paints, as the request itself (see useFleetTree).
  useLayoutEffect(() => {
    if (!scrollRequest) return undefined;
    list.current?.scrollToItem(scrollRequest.index, scrollRequest.align);
    // Then the page, as little as it takes, for the line to be in the window too.
    const timer = setTimeout(() => {
      const lines = treeElement.current?.querySelectorAll('[data-node-id]');
      const line = [...(lines ?? [])].find(
        element => element.getAttribute('data-node-id') === scrollRequest.id,
      );
      line?.scrollIntoView?.({ block: 'nearest' });
    }, 50);
    return () => clearTimeout(timer);
  }, [scrollRequest]);
  const onItemsRendered = useCallback(
    ({ visibleStartIndex, visibleStopIndex }: ListOnItemsRenderedProps) =>
      setRange(current =>
        current.start === visibleStartIndex && current.stop === visibleStopIndex
          ? current
          : { start: visibleStartIndex, stop: visibleStopIndex },
      ),
    [setRange],
  );
  const objects = tree.clusters.reduce((sum, c) => sum + c.counts.total, 0);
  const count = layout.count;
  const { toggle } = tree;
  const lineData = useMemo<LineData>(
    () => ({
      layout,
      query: search.name,
      selectedId,
      toggle,
      onSelect,
      onReconnect,
      renderActions,
    }),
    [
      layout,
      search.name,
      selectedId,
      toggle,
      onSelect,
      onReconnect,
      renderActions,
    ],
  );

  return (
    <InfoCard
      title="Workloads"
      subheader={`${counted(objects, 'object')} in ${counted(
        tree.clusterTotal ?? tree.clusters.length,
        'cluster',
      )}`}
      noPadding
    >
      <TreeSearch
        search={search}
        actions={
          <Box ml={1}>
            <Button size="small" onClick={tree.collapseAll}>
              Collapse all
            </Button>
          </Box>
        }
      />
      {refused.length > 0 && (
        <Box px={2} pb={1}>
          <Alert severity="warning">
            Some rows cannot be shown: {refused.join('; ')}
          </Alert>
        </Box>
      )}
      <div role="tree" aria-label="Fleet workloads" ref={treeElement}>
        <FixedSizeList
          ref={list}
          height={Math.min(MAX_HEIGHT, Math.max(count, 1) * ROW_HEIGHT)}
          width="100%"
          itemCount={count}
          itemSize={ROW_HEIGHT}
          itemKey={(index, data) => data.layout.lineAt(index).id}
          itemData={lineData}
          overscanCount={10}
          onItemsRendered={onItemsRendered}
        >
          {Line}
        </FixedSizeList>
      </div>
    </InfoCard>
  );
};
