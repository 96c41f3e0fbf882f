import { FleetFilters } from '@kubestellar/plugin-wecs-common';
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { childQueryOf, labelOfId, TreeNode } from '../lib/fleetTree';
import {
  ancestorIds,
  Expansion,
  layoutTree,
  LineRange,
  locate,
  Reveal,
  ROOT_LIST,
  TreeLayout,
  TreeLine,
  viewsFor,
} from '../lib/treeLayout';
import { FleetViewsHandle } from './useFleetViews';

/** A request to scroll the tree so that a line shows; a new nonce each time. */
export interface ScrollRequest {
  index: number;
  /** The node the line shows. */
  id: string;
  align: 'center' | 'smart';
  nonce: number;
}

/** An ancestor of a row, for breadcrumbs: its id and name. */
export interface AncestorRef {
  id: string;
  label: string;
}

/** A jump on its way: the rows it opened, and the line it scrolled to so far. */
interface Jump {
  reveal: Reveal;
  align: ScrollRequest['align'];
  scrolledTo?: number;
  startedAt: number;
}

/** How long a jump waits for its rows before it gives up (a stale search, a slow backend). */
const JUMP_PATIENCE_MS = 15_000;
/** Nodes remembered after their rows leave every window: the selection's, for its details. */
const REMEMBERED_NODES = 200;

/**
 * The fleet tree's state on a page: which rows are expanded, which lines are on screen, the
 * layout of what the views hold, and the views that asks for (sent through `fleet` with the
 * page's filters whenever they change). `reveal` opens the way to a row and scrolls to it, at
 * once if its place is known from a search's positions, again when its row arrives.
 */
export function useFleetTree(fleet: FleetViewsHandle, filters: FleetFilters) {
  const [expanded, setExpanded] = useState<ReadonlyMap<string, Expansion>>(
    () => new Map(),
  );
  const [range, setRange] = useState<LineRange>({ start: 0, stop: 30 });
  const [jump, setJump] = useState<Jump>();
  const [scrollRequest, setScrollRequest] = useState<ScrollRequest>();
  const nonce = useRef(0);
  const layout = useMemo(
    () => layoutTree(expanded, fleet.windows),
    [expanded, fleet.windows],
  );

  const previous = useRef<
    ReadonlyMap<string, { offset: number; limit: number }>
  >(new Map());
  const views = useMemo(
    () =>
      viewsFor(layout, range, {
        focus: jump?.reveal.way,
        prefetch: jump?.reveal.expand.map(([key, { query }]) => ({
          key,
          query,
        })),
        previous: previous.current,
      }),
    [layout, range, jump],
  );
  const filtersKey = JSON.stringify(filters);
  const { show } = fleet;
  // Before the browser paints, not after: the views go out a frame sooner (an expand, a jump).
  useLayoutEffect(() => {
    previous.current = new Map(views.map(v => [v.key, v]));
    show(JSON.parse(filtersKey), views);
  }, [show, filtersKey, views]);

  // Where windows show expanded rows is remembered: a window that moves away (a list scrolled
  // off screen keeps one row) must not take their subtrees with it.
  useEffect(() => {
    if (!layout.learned.length) return;
    setExpanded(current => {
      let next: Map<string, Expansion> | undefined;
      for (const [id, position] of layout.learned) {
        const expansion = current.get(id);
        if (!expansion || expansion.position === position) continue;
        next ??= new Map(current);
        next.set(id, { ...expansion, position });
      }
      return next ?? current;
    });
  }, [layout]);

  // A jump scrolls as soon as its target is placed, and again if its row lands elsewhere:
  // before the browser paints, so that the row shows in the frame its window arrives in.
  useLayoutEffect(() => {
    if (!jump) return;
    const { index, settled } = locate(layout, jump.reveal.target);
    if (index !== undefined && index !== jump.scrolledTo) {
      jump.scrolledTo = index;
      setScrollRequest({
        index,
        id: jump.reveal.target.id,
        align: jump.align,
        nonce: ++nonce.current,
      });
    }
    if (settled || Date.now() - jump.startedAt > JUMP_PATIENCE_MS)
      setJump(undefined);
  }, [layout, jump]);

  const toggle = useCallback((line: TreeLine) => {
    setExpanded(current => {
      const next = new Map(current);
      if (line.expanded) {
        next.delete(line.id);
      } else if (line.node?.expandable) {
        next.set(line.id, {
          parent: line.list,
          query: childQueryOf(line.node),
          position: line.position,
        });
      } else {
        return current;
      }
      return next;
    });
  }, []);

  const collapseAll = useCallback(() => {
    setExpanded(new Map());
    setJump(undefined);
  }, []);

  const remembered = useRef(new Map<string, TreeNode>());
  const remember = useCallback((node: TreeNode) => {
    const memory = remembered.current;
    memory.delete(node.id);
    memory.set(node.id, node);
    if (memory.size > REMEMBERED_NODES)
      memory.delete(memory.keys().next().value!);
  }, []);

  const reveal = useCallback(
    (way: Reveal, align: ScrollRequest['align'] = 'center') => {
      setExpanded(current => {
        const next = new Map(current);
        for (const [id, expansion] of way.expand) {
          const known = current.get(id);
          next.set(id, {
            ...expansion,
            position: expansion.position ?? known?.position,
          });
        }
        return next;
      });
      if (way.known) remember(way.known);
      setJump({ reveal: way, align, startedAt: Date.now() });
    },
    [remember],
  );

  /** Scrolls to a row, if it is placed, as little as it takes; whether it is placed. */
  const scrollTo = useCallback(
    (id: string) => {
      const index = layout.indexOf(id);
      if (index === undefined) return false;
      setScrollRequest({ index, id, align: 'smart', nonce: ++nonce.current });
      return true;
    },
    [layout],
  );

  const nodeById = useCallback(
    (id: string): TreeNode | undefined => {
      const node = layout.node(id);
      if (!node) return remembered.current.get(id);
      remember(node);
      return node;
    },
    [layout, remember],
  );

  const ancestors = useCallback(
    (id: string): AncestorRef[] =>
      ancestorIds(layout, expanded, id).map(ancestor => ({
        id: ancestor,
        label: nodeById(ancestor)?.label ?? labelOfId(ancestor),
      })),
    [layout, expanded, nodeById],
  );

  const clusters = useMemo(() => clusterNodes(layout), [layout]);

  return {
    layout,
    expanded,
    toggle,
    collapseAll,
    setRange,
    reveal,
    /** The row a jump on its way goes to. */
    revealing: jump?.reveal.target.id,
    scrollTo,
    scrollRequest,
    /** The cluster rows held (every cluster, while they fit in a window). */
    clusters,
    /** How many clusters the filters select; undefined before the first window. */
    clusterTotal: layout.root.known ? layout.root.total : undefined,
    nodeById,
    ancestors,
    /** Searches the fleet on the tree's own connection. */
    search: fleet.search,
  };
}

export type FleetTreeModel = ReturnType<typeof useFleetTree>;

function clusterNodes(layout: TreeLayout): TreeNode[] {
  const root = layout.list(ROOT_LIST);
  return root?.nodes ?? [];
}
