import {
  compareKinds,
  compareNames,
  FleetTreePath,
  FleetViewQuery,
  FleetViewRow,
  MAX_VIEW_WINDOW,
  MAX_VIEWS_PER_SOCKET,
} from '@kubestellar/plugin-wecs-common';
import {
  clusterNodeId,
  kindNodeId,
  namespaceNodeId,
  nodeOf,
  nodeOfResource,
  objectNodeId,
  parseNodeId,
  TreeNode,
} from './fleetTree';

// The fleet tree is served by views: the clusters, and one list under each expanded row (a
// cluster's namespaces, a namespace's kinds, a kind's instances, what an object controls). The
// browser holds a window of each list (the rows near the screen) and its total, and lays the
// lists out as one flat list of rows for a virtualized list: every row of every open list has
// its place, whether its content has come (a row) or not (a placeholder). This module is that
// layout, and the choice of which windows to ask for, from the rows on screen.

/** The key of the top list, the clusters; every other list is keyed by its parent row's id. */
export const ROOT_LIST = 'root';
export const ROOT_QUERY: FleetViewQuery = { level: 'clusters' };

/** Rows asked for on each side of those on screen. */
export const OVERSCAN_ROWS = 50;
/** Windows start and end on multiples of this, so that a small scroll moves none. */
export const WINDOW_STEP = 100;
/** The window of a list with no row near the screen: its total is all it needs. */
export const OFFSCREEN_LIMIT = 1;
/**
 * Rows that lists scrolled off the screen may keep in their windows, nearest lists first, so
 * that scrolling back and forth does not fetch the same rows again and again; what the
 * browser holds stays bounded whatever the size of the tree.
 */
export const KEEP_ROWS = 2000;

/** What the browser holds of one list: rows `offset`.. of `total`. */
export interface HeldWindow {
  total: number;
  offset: number;
  rows: FleetViewRow[];
}

/** An expanded row: where it sits, and the list under it. */
export interface Expansion {
  /** The list the row is in: ROOT_LIST or its parent row's id. */
  parent: string;
  /** The view of the list under it. */
  query: FleetViewQuery;
  /**
   * Where the row was last seen in its list: where its subtree goes while the list's window
   * does not hold the row (scrolled away). Unset: only where a window shows it.
   */
  position?: number;
  /** The list under it has at least this many rows (a search said so), until its window comes. */
  minTotal?: number;
}

/** One line of the flat list: a row of some list, with or without its content yet. */
export interface TreeLine {
  /** The node's id; `<list>#<position>` for a row whose content has not come. */
  id: string;
  list: string;
  position: number;
  /** 0 for clusters. */
  depth: number;
  /** Unset: a placeholder, its window on its way. */
  node?: TreeNode;
  expanded: boolean;
  expandable: boolean;
}

/** One open list as laid out. */
export interface ListLayout {
  key: string;
  query: FleetViewQuery;
  depth: number;
  /** The flat index of its first row. */
  start: number;
  /** Its own rows: the window's total, or a guess (1, or what a search said) before it came. */
  total: number;
  /** Whether `total` came from a window. */
  known: boolean;
  window?: HeldWindow;
  /** The nodes of the window's rows. */
  nodes: TreeNode[];
  /** Its expanded rows, by position, with the list under each. */
  children: Array<{ id: string; position: number; list: ListLayout }>;
  /** Its rows and all the rows under its expanded ones. */
  size: number;
}

/** A range of flat indexes, both ends included. */
export interface LineRange {
  start: number;
  stop: number;
}

/** A window to ask for: a list's view and the rows of it wanted. */
export interface ListRequest {
  key: string;
  query: FleetViewQuery;
  offset: number;
  limit: number;
}

/**
 * A row to bring into its list's window, ahead of the screen: a jump's target and the rows on
 * its way. Without a position, the row is looked for by its id.
 */
export interface FocusRow {
  list: string;
  id: string;
  position?: number;
}

const windowHolds = (window: HeldWindow | undefined, position: number) =>
  window !== undefined &&
  position >= window.offset &&
  position < window.offset + window.rows.length;

/**
 * The open lists laid out as flat lines: `count` of them, each found by index. Built from the
 * expanded rows and the windows held; a list whose window has not come counts one placeholder
 * (or as many as a search said it has), a row expanded where no window shows it keeps its
 * subtree at its last known position, and one that a window shows gone loses its subtree.
 */
export class TreeLayout {
  readonly root: ListLayout;
  /** Every open list, parents before children. */
  readonly lists: ListLayout[] = [];
  private readonly byKey = new Map<string, ListLayout>();
  private readonly places = new Map<
    string,
    { list: ListLayout; position: number }
  >();
  private readonly nodes = new Map<string, TreeNode>();
  /**
   * Expanded rows a window shows at another position than their expansion remembers: where
   * to remember them, so that their subtrees keep their places when those windows move away.
   */
  readonly learned: Array<[id: string, position: number]> = [];

  constructor(
    expanded: ReadonlyMap<string, Expansion>,
    windows: ReadonlyMap<string, HeldWindow>,
  ) {
    const byParent = new Map<string, Array<[string, Expansion]>>();
    for (const entry of expanded) {
      const siblings = byParent.get(entry[1].parent) ?? [];
      siblings.push(entry);
      byParent.set(entry[1].parent, siblings);
    }
    const build = (
      key: string,
      query: FleetViewQuery,
      depth: number,
      minTotal: number | undefined,
    ): ListLayout => {
      const window = windows.get(key);
      const total = window ? window.total : Math.max(1, minTotal ?? 0);
      const nodes = window?.rows.map(nodeOf) ?? [];
      const list: ListLayout = {
        key,
        query,
        depth,
        start: 0,
        total,
        known: Boolean(window),
        window,
        nodes,
        children: [],
        size: total,
      };
      this.lists.push(list);
      this.byKey.set(key, list);
      nodes.forEach((node, index) => {
        this.nodes.set(node.id, node);
        this.places.set(node.id, { list, position: window!.offset + index });
      });
      const placed: Array<{ id: string; position: number; seen: boolean }> = [];
      for (const [id, expansion] of byParent.get(key) ?? []) {
        if (this.byKey.has(id)) continue;
        const seen = this.places.get(id);
        if (seen?.list === list) {
          if (this.nodes.get(id)?.expandable)
            placed.push({ id, position: seen.position, seen: true });
          if (expansion.position !== seen.position)
            this.learned.push([id, seen.position]);
        } else if (
          expansion.position !== undefined &&
          expansion.position < total &&
          !windowHolds(window, expansion.position)
        ) {
          placed.push({ id, position: expansion.position, seen: false });
        }
      }
      // Two at one place (a memory gone stale): the one a window shows there wins.
      placed.sort(
        (a, b) => a.position - b.position || Number(b.seen) - Number(a.seen),
      );
      for (const { id, position, seen } of placed) {
        const last = list.children[list.children.length - 1];
        if (last?.position === position) continue;
        const expansion = expanded.get(id)!;
        if (!seen) this.places.set(id, { list, position });
        const child = build(id, expansion.query, depth + 1, expansion.minTotal);
        list.children.push({ id, position, list: child });
        list.size += child.size;
      }
      return list;
    };
    this.root = build(ROOT_LIST, ROOT_QUERY, 0, undefined);
    const assign = (list: ListLayout, start: number) => {
      list.start = start;
      let before = 0;
      for (const child of list.children) {
        assign(child.list, start + child.position + before + 1);
        before += child.list.size;
      }
    };
    assign(this.root, 0);
  }

  /** How many lines there are. */
  get count(): number {
    return this.root.size;
  }

  list(key: string): ListLayout | undefined {
    return this.byKey.get(key);
  }

  /** The node of a row held in some window. */
  node(id: string): TreeNode | undefined {
    return this.nodes.get(id);
  }

  /** The list a row is in and its position there, when a window shows it or it is placed. */
  placeOf(id: string): { list: string; position: number } | undefined {
    const place = this.places.get(id);
    return place && { list: place.list.key, position: place.position };
  }

  /** The flat index of a list's row at `position`; undefined when the list is not open. */
  indexAt(key: string, position: number): number | undefined {
    const list = this.byKey.get(key);
    if (!list || position < 0) return undefined;
    let before = 0;
    for (const child of list.children) {
      if (child.position >= position) break;
      before += child.list.size;
    }
    return list.start + position + before;
  }

  /** The flat index of a node's row, when it is placed. */
  indexOf(id: string): number | undefined {
    const place = this.places.get(id);
    return place && this.indexAt(place.list.key, place.position);
  }

  /** The line at a flat index. */
  lineAt(index: number): TreeLine {
    let list = this.root;
    let rel = index;
    for (;;) {
      let before = 0;
      let descended = false;
      for (const child of list.children) {
        const at = child.position + before;
        if (rel <= at) break;
        if (rel <= at + child.list.size) {
          rel -= at + 1;
          list = child.list;
          descended = true;
          break;
        }
        before += child.list.size;
      }
      if (!descended) return this.line(list, rel - before);
    }
  }

  private line(list: ListLayout, position: number): TreeLine {
    const { window } = list;
    const node = windowHolds(window, position)
      ? list.nodes[position - window!.offset]
      : undefined;
    const child = list.children.find(c => c.position === position);
    const id = node?.id ?? child?.id ?? `${list.key}#${position}`;
    return {
      id,
      list: list.key,
      position,
      depth: list.depth,
      node,
      expanded: Boolean(child && child.id === id),
      expandable: node ? node.expandable : Boolean(child),
    };
  }

  /** The first position of `list` whose row is at or after flat index `index`. */
  firstPositionFrom(list: ListLayout, index: number): number {
    const rel = index - list.start;
    if (rel <= 0) return 0;
    let before = 0;
    for (const child of list.children) {
      const at = child.position + before;
      if (rel <= at) return rel - before;
      if (rel <= at + child.list.size) return child.position + 1;
      before += child.list.size;
    }
    return rel - before;
  }

  /** The last position of `list` whose row is at or before flat index `index`; -1 for none. */
  lastPositionTo(list: ListLayout, index: number): number {
    const rel = index - list.start;
    if (rel < 0) return -1;
    let before = 0;
    for (const child of list.children) {
      const at = child.position + before;
      if (rel < at) return rel - before;
      if (rel <= at + child.list.size) return child.position;
      before += child.list.size;
    }
    return rel - before;
  }
}

/** Lays the tree out: see TreeLayout. */
export const layoutTree = (
  expanded: ReadonlyMap<string, Expansion>,
  windows: ReadonlyMap<string, HeldWindow>,
) => new TreeLayout(expanded, windows);

/** The window for rows `lo`..`hi` of a list, reusing the previous one while it covers them. */
function windowFor(
  lo: number,
  hi: number,
  previous: { offset: number; limit: number } | undefined,
): { offset: number; limit: number } {
  if (
    previous &&
    previous.limit > OFFSCREEN_LIMIT &&
    previous.offset <= lo &&
    hi < previous.offset + previous.limit
  )
    return { offset: previous.offset, limit: previous.limit };
  const offset = Math.floor(lo / WINDOW_STEP) * WINDOW_STEP;
  const end = Math.ceil((hi + 1) / WINDOW_STEP) * WINDOW_STEP;
  if (end - offset <= MAX_VIEW_WINDOW) return { offset, limit: end - offset };
  return { offset: lo, limit: Math.min(MAX_VIEW_WINDOW, hi - lo + 1) };
}

/** How a list's rows sort, by the key of the row each id names: to look for one in a long list. */
function seekOrder(
  query: FleetViewQuery,
): ((a: string, b: string) => number) | undefined {
  switch (query.level) {
    case 'clusters':
      return compareNames;
    case 'namespaces':
      return (a, b) =>
        Number(a === '') - Number(b === '') || compareNames(a, b);
    case 'kinds':
      return compareKinds;
    default:
      return undefined;
  }
}

function rowKeyOfId(id: string): string | undefined {
  const parsed = parseNodeId(id);
  switch (parsed?.type) {
    case 'cluster':
      return parsed.cluster;
    case 'namespace':
      return parsed.namespace;
    case 'kind':
      return parsed.kind;
    default:
      return undefined;
  }
}

/**
 * Where to look for a row whose position is not known, by its id: the start of its list, then,
 * in a list longer than a window, the next window towards it in the list's order. Undefined
 * when the window held shows where it would be and it is not there.
 */
function seekWindow(
  list: ListLayout,
  id: string,
): { offset: number; limit: number } | undefined {
  const { window } = list;
  if (!window) return { offset: 0, limit: MAX_VIEW_WINDOW };
  const order = seekOrder(list.query);
  const key = rowKeyOfId(id);
  if (!order || key === undefined || !window.rows.length) return undefined;
  const first = window.rows[0].key;
  const last = window.rows[window.rows.length - 1].key;
  if (order(key, first) < 0 && window.offset > 0)
    return {
      offset: Math.max(0, window.offset - MAX_VIEW_WINDOW),
      limit: MAX_VIEW_WINDOW,
    };
  if (order(key, last) > 0 && window.offset + window.rows.length < window.total)
    return {
      offset: window.offset + window.rows.length,
      limit: MAX_VIEW_WINDOW,
    };
  return undefined;
}

/**
 * The views to ask for: every open list, with the window of it that the lines from
 * `range.start - overscan` to `range.stop + overscan` need, and rows to focus on (a jump's
 * way) brought in first. A list with nothing near the screen keeps a window of one row: its
 * total places what follows it, unless it keeps the window it had: the lists nearest the
 * screen do, while their windows add up to no more than `keep` rows. The clusters are all
 * asked for, while they fit in a window. Lists on screen come first, then kept ones, then the
 * others by their distance from the screen, up to the views a socket may hold.
 */
export function viewsFor(
  layout: TreeLayout,
  range: LineRange,
  options: {
    overscan?: number;
    keep?: number;
    focus?: FocusRow[];
    /** The windows asked for last time, by key. */
    previous?: ReadonlyMap<string, { offset: number; limit: number }>;
    /**
     * Lists a jump opens, asked for before their rows are placed (a search path says where
     * its object is in the lists of objects, not where the namespace and kind rows are), so
     * that their windows come in one round trip rather than one a level.
     */
    prefetch?: Array<{ key: string; query: FleetViewQuery }>;
  } = {},
): ListRequest[] {
  const overscan = options.overscan ?? OVERSCAN_ROWS;
  const from = range.start - overscan;
  const to = range.stop + overscan;
  const keep = options.keep ?? KEEP_ROWS;
  const focused = new Map<string, FocusRow[]>();
  for (const row of options.focus ?? []) {
    focused.set(row.list, [...(focused.get(row.list) ?? []), row]);
  }
  const near: ListRequest[] = [];
  const offscreen: Array<{
    request: ListRequest;
    /** From the screen to the list's span, its open subtrees included. */
    distance: number;
    /** From the screen to the list's own nearest row. */
    rowsDistance: number;
    previous?: { offset: number; limit: number };
  }> = [];
  for (const list of layout.lists) {
    const previous = options.previous?.get(list.key);
    const base = { key: list.key, query: list.query };
    if (list.key === ROOT_LIST && list.total <= MAX_VIEW_WINDOW) {
      // Every cluster, wherever the screen is: the page lists them beside the tree.
      near.push({ ...base, offset: 0, limit: MAX_VIEW_WINDOW });
      continue;
    }
    const focus = focused.get(list.key);
    if (focus) {
      const positions = focus.flatMap(row => {
        const position = layout.placeOf(row.id);
        if (position?.list === list.key) return [position.position];
        return row.position === undefined ? [] : [row.position];
      });
      const sought =
        positions.length === 0
          ? focus.map(row => seekWindow(list, row.id)).find(Boolean)
          : undefined;
      if (positions.length || sought) {
        const window =
          sought ??
          windowFor(
            Math.max(0, Math.min(...positions) - overscan),
            Math.max(...positions) + overscan,
            previous,
          );
        near.push({ ...base, ...window });
        continue;
      }
    }
    const lo = layout.firstPositionFrom(list, from);
    const hi = Math.min(list.total - 1, layout.lastPositionTo(list, to));
    if (lo <= hi) {
      near.push({ ...base, ...windowFor(lo, hi, previous) });
    } else {
      const end = list.start + list.size;
      offscreen.push({
        request: {
          ...base,
          offset: Math.min(previous?.offset ?? 0, Math.max(0, list.total - 1)),
          limit: OFFSCREEN_LIMIT,
        },
        distance: Math.max(0, list.start - to, from - end),
        rowsDistance: ownRowsDistance(layout, list, from, to),
        previous,
      });
    }
  }
  const kept = new Map<string, ListRequest>();
  let keptRows = 0;
  for (const { request, previous } of [...offscreen].sort(
    (a, b) => a.rowsDistance - b.rowsDistance,
  )) {
    if (
      previous &&
      previous.limit > OFFSCREEN_LIMIT &&
      keptRows + previous.limit <= keep
    ) {
      keptRows += previous.limit;
      kept.set(request.key, { ...request, limit: previous.limit });
    }
  }
  const far = offscreen
    .filter(({ request }) => !kept.has(request.key))
    .sort((a, b) => a.distance - b.distance)
    .map(({ request }) => request);
  for (const { key, query } of options.prefetch ?? []) {
    if (layout.list(key)) continue;
    const positions = (focused.get(key) ?? []).flatMap(row =>
      row.position === undefined ? [] : [row.position],
    );
    near.push({
      key,
      query,
      ...(positions.length
        ? windowFor(
            Math.max(0, Math.min(...positions) - overscan),
            Math.max(...positions) + overscan,
            options.previous?.get(key),
          )
        : { offset: 0, limit: MAX_VIEW_WINDOW }),
    });
  }
  return [...near, ...kept.values(), ...far].slice(0, MAX_VIEWS_PER_SOCKET);
}

/** Lines from the screen (`from`..`to`) to the nearest row of a list with none on it. */
function ownRowsDistance(
  layout: TreeLayout,
  list: ListLayout,
  from: number,
  to: number,
): number {
  const above = Math.min(list.total - 1, layout.lastPositionTo(list, from - 1));
  const below = layout.firstPositionFrom(list, to + 1);
  const distances: number[] = [];
  if (above >= 0) distances.push(from - layout.indexAt(list.key, above)!);
  if (below < list.total) distances.push(layout.indexAt(list.key, below)! - to);
  return Math.min(Infinity, ...distances);
}

/** How a jump opens the way to a row: the rows to expand, the target, and the rows on its way. */
export interface Reveal {
  expand: Array<[string, Expansion]>;
  target: FocusRow;
  way: FocusRow[];
  /** The target's node as the search knew it, for its details before its row comes. */
  known?: TreeNode;
}

/** The way to the object a search found: its ancestors expanded, the object the target. */
export function revealPath(path: FleetTreePath): Reveal {
  const { cluster, namespace, kind, uids, positions } = path;
  const known =
    path.resource && uids.length ? nodeOfResource(path.resource) : undefined;
  const c = clusterNodeId(cluster);
  const n = namespaceNodeId(cluster, namespace);
  const expand: Array<[string, Expansion]> = [
    [c, { parent: ROOT_LIST, query: { level: 'namespaces', cluster } }],
  ];
  const way: FocusRow[] = [
    { list: ROOT_LIST, id: c },
    { list: c, id: n },
  ];
  if (kind === undefined || uids.length === 0) {
    return { expand, target: { list: c, id: n }, way };
  }
  const k = kindNodeId(cluster, namespace, kind);
  expand.push(
    [n, { parent: c, query: { level: 'kinds', cluster, namespace } }],
    [
      k,
      {
        parent: n,
        query: { level: 'instances', cluster, namespace, kind },
        minTotal: positions[0] + 1,
      },
    ],
  );
  way.push({ list: n, id: k });
  let parent = k;
  uids.forEach((uid, index) => {
    const id = objectNodeId(cluster, uid);
    way.push({ list: parent, id, position: positions[index] });
    if (index < uids.length - 1) {
      expand.push([
        id,
        {
          parent,
          query: { level: 'owned', cluster, uid },
          position: positions[index],
          minTotal: positions[index + 1] + 1,
        },
      ]);
      parent = id;
    }
  });
  return { expand, target: way[way.length - 1], way, known };
}

/**
 * The way to a cluster, namespace or kind row a link names: its ancestors expanded. Undefined
 * for an object's id (a search finds its way) and for anything else.
 */
export function revealGroup(id: string): Reveal | undefined {
  const parsed = parseNodeId(id);
  if (!parsed || parsed.type === 'instance') return undefined;
  const { cluster } = parsed;
  const c = clusterNodeId(cluster);
  const expand: Array<[string, Expansion]> = [];
  const way: FocusRow[] = [{ list: ROOT_LIST, id: c }];
  if (parsed.type !== 'cluster') {
    expand.push([
      c,
      { parent: ROOT_LIST, query: { level: 'namespaces', cluster } },
    ]);
    const namespace = parsed.namespace!;
    const n = namespaceNodeId(cluster, namespace);
    way.push({ list: c, id: n });
    if (parsed.type === 'kind') {
      expand.push([
        n,
        { parent: c, query: { level: 'kinds', cluster, namespace } },
      ]);
      way.push({ list: n, id });
    }
  }
  return { expand, target: way[way.length - 1], way };
}

/** The ids of a row's ancestors, the cluster first, as the expanded rows above it say. */
export function ancestorIds(
  layout: TreeLayout,
  expanded: ReadonlyMap<string, Expansion>,
  id: string,
): string[] {
  const ids: string[] = [];
  let list = layout.placeOf(id)?.list ?? expanded.get(id)?.parent;
  const seen = new Set<string>();
  while (list && list !== ROOT_LIST && !seen.has(list)) {
    seen.add(list);
    ids.unshift(list);
    list = layout.placeOf(list)?.list ?? expanded.get(list)?.parent;
  }
  return ids;
}

/**
 * Where a jump's target is now: its line's index once its ancestors are placed (from its
 * position, before its own window comes), and whether that is final: its row arrived, or the
 * window where it should be came without it (the search is out of date).
 */
export function locate(
  layout: TreeLayout,
  target: FocusRow,
): { index?: number; settled: boolean } {
  if (layout.node(target.id))
    return { index: layout.indexOf(target.id), settled: true };
  const index =
    layout.indexOf(target.id) ??
    (target.position === undefined
      ? undefined
      : layout.indexAt(target.list, target.position));
  const window = layout.list(target.list)?.window;
  const missing =
    window !== undefined &&
    (target.position === undefined
      ? window.offset === 0 && window.rows.length >= window.total
      : windowHolds(window, target.position) ||
        target.position >= window.total);
  return { index: missing ? undefined : index, settled: missing };
}
