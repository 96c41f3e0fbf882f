import {
  FleetViewQuery,
  FleetViewRow,
  MAX_VIEWS_PER_SOCKET,
} from '@kubestellar/plugin-wecs-common';
import { clusterStatus, slimResource } from '../__testUtils__/fixtures';
import {
  ancestorIds,
  Expansion,
  HeldWindow,
  layoutTree,
  locate,
  OFFSCREEN_LIMIT,
  revealGroup,
  revealPath,
  ROOT_LIST,
  TreeLayout,
  viewsFor,
} from './treeLayout';

const counts = (total: number) => ({ total, failed: 0, pending: 0 });

const clusterRow = (name: string, total = 5): FleetViewRow => {
  const { counts: _ignored, ...status } = clusterStatus(name);
  return { type: 'cluster', key: name, status, counts: counts(total) };
};
const namespaceRow = (cluster: string, namespace: string): FleetViewRow => ({
  type: 'namespace',
  key: namespace,
  cluster,
  namespace,
  counts: counts(3),
});
const kindRow = (
  cluster: string,
  namespace: string,
  kind: string,
): FleetViewRow => ({
  type: 'kind',
  key: kind,
  cluster,
  namespace,
  kind,
  counts: counts(3),
});
const instanceRow = (
  name: string,
  owned = 0,
  cluster = 'c1',
): FleetViewRow => ({
  type: 'instance',
  key: `uid-${name}`,
  resource: slimResource('Deployment', name, { cluster, uid: `uid-${name}` }),
  counts: counts(1 + owned),
  owned,
});

const win = (
  rows: FleetViewRow[],
  total = rows.length,
  offset = 0,
): HeldWindow => ({ total, offset, rows });

/** Instance rows `name-<i>` for positions `from`..`to - 1`. */
const instances = (from: number, to: number, owned = () => 0) =>
  Array.from({ length: to - from }, (_, i) =>
    instanceRow(`pod-${from + i}`, owned()),
  );

const ownedQuery = (uid: string): FleetViewQuery => ({
  level: 'owned',
  cluster: 'c1',
  uid,
});
const podsQuery: FleetViewQuery = {
  level: 'instances',
  cluster: 'c1',
  namespace: 'shop',
  kind: 'Pod',
};

/** Every line's label (`…` for a placeholder), indented two spaces a level. */
const outline = (layout: TreeLayout) =>
  Array.from({ length: layout.count }, (_, index) => {
    const line = layout.lineAt(index);
    const mark = line.expanded ? '-' : ' ';
    return `${'  '.repeat(line.depth)}${mark}${line.node?.label ?? '…'}`;
  });

/** A tree open down to c1/shop/Pod, whose window is `pods`. */
const openToPods = (pods: HeldWindow) => {
  const expanded = new Map<string, Expansion>([
    [
      'c:c1',
      { parent: ROOT_LIST, query: { level: 'namespaces', cluster: 'c1' } },
    ],
    [
      'n:c1/shop',
      {
        parent: 'c:c1',
        query: { level: 'kinds', cluster: 'c1', namespace: 'shop' },
      },
    ],
    ['k:c1/shop/Pod', { parent: 'n:c1/shop', query: podsQuery }],
  ]);
  const windows = new Map<string, HeldWindow>([
    [ROOT_LIST, win([clusterRow('c1'), clusterRow('c2')])],
    ['c:c1', win([namespaceRow('c1', 'shop')])],
    ['n:c1/shop', win([kindRow('c1', 'shop', 'Pod')])],
    ['k:c1/shop/Pod', pods],
  ]);
  return { expanded, windows };
};

describe('layoutTree', () => {
  it('shows one placeholder for a list whose window has not come', () => {
    expect(outline(layoutTree(new Map(), new Map()))).toEqual([' …']);
    const expanded = new Map<string, Expansion>([
      [
        'c:c1',
        { parent: ROOT_LIST, query: { level: 'namespaces', cluster: 'c1' } },
      ],
    ]);
    const layout = layoutTree(
      expanded,
      new Map([[ROOT_LIST, win([clusterRow('c1'), clusterRow('c2')])]]),
    );
    expect(outline(layout)).toEqual(['-c1', '   …', ' c2']);
    expect(layout.lineAt(1)).toMatchObject({
      id: 'c:c1#0',
      list: 'c:c1',
      position: 0,
      depth: 1,
    });
  });

  it('nests windows level by level, each row at its depth', () => {
    const { expanded, windows } = openToPods(win(instances(0, 3)));
    const layout = layoutTree(expanded, windows);
    expect(outline(layout)).toEqual([
      '-c1',
      '  -shop',
      '    -Pods',
      '       pod-0',
      '       pod-1',
      '       pod-2',
      ' c2',
    ]);
    expect(layout.indexOf('r:c1/uid-pod-2')).toBe(5);
    expect(layout.indexOf('c:c2')).toBe(6);
    expect(layout.node('k:c1/shop/Pod')?.label).toBe('Pods');
  });

  it('holds a long list as placeholders around its window', () => {
    const { expanded, windows } = openToPods(
      win(instances(200, 400), 1000, 200),
    );
    const layout = layoutTree(expanded, windows);
    expect(layout.count).toBe(3 + 1000 + 1);
    expect(layout.lineAt(3 + 199).node).toBeUndefined();
    expect(layout.lineAt(3 + 200).node?.label).toBe('pod-200');
    expect(layout.lineAt(3 + 399).node?.label).toBe('pod-399');
    expect(layout.lineAt(3 + 400)).toMatchObject({
      id: 'k:c1/shop/Pod#400',
      node: undefined,
      expandable: false,
    });
    expect(layout.lineAt(1003).node?.label).toBe('c2');
  });

  it('keeps the subtree of a row expanded in a list scrolled away from it', () => {
    const { expanded, windows } = openToPods(
      win(instances(500, 700), 1000, 500),
    );
    expanded.set('r:c1/uid-pod-5', {
      parent: 'k:c1/shop/Pod',
      query: ownedQuery('uid-pod-5'),
      position: 5,
    });
    windows.set(
      'r:c1/uid-pod-5',
      win([instanceRow('rs-a'), instanceRow('rs-b'), instanceRow('rs-c')]),
    );
    const layout = layoutTree(expanded, windows);
    expect(layout.count).toBe(3 + 1000 + 3 + 1);
    // Pod 5's row is a placeholder that knows its id, with its subtree under it.
    expect(layout.lineAt(3 + 5)).toMatchObject({
      id: 'r:c1/uid-pod-5',
      expanded: true,
      expandable: true,
      node: undefined,
    });
    expect(layout.lineAt(3 + 6).node?.label).toBe('rs-a');
    expect(layout.lineAt(3 + 6).depth).toBe(4);
    expect(layout.indexAt('k:c1/shop/Pod', 600)).toBe(3 + 600 + 3);
    expect(layout.lineAt(3 + 600 + 3).node?.label).toBe('pod-600');
  });

  it('moves a subtree to where the window shows its row now', () => {
    const rows = instances(0, 10, () => 0);
    rows.splice(7, 1, instanceRow('pod-5', 2));
    rows.splice(5, 1, instanceRow('pod-new'));
    const { expanded, windows } = openToPods(win(rows));
    expanded.set('r:c1/uid-pod-5', {
      parent: 'k:c1/shop/Pod',
      query: ownedQuery('uid-pod-5'),
      position: 5,
    });
    const layout = layoutTree(expanded, windows);
    expect(layout.lineAt(3 + 7)).toMatchObject({
      id: 'r:c1/uid-pod-5',
      expanded: true,
    });
    expect(layout.lineAt(3 + 5)).toMatchObject({ expanded: false });
    expect(layout.lineAt(3 + 8).node).toBeUndefined();
    expect(layout.count).toBe(3 + 10 + 1 + 1);
  });

  it('learns where a window shows an expanded row, so that its subtree stays when the window moves away', () => {
    const { expanded, windows } = openToPods(win(instances(0, 3)));
    windows.set(
      'c:c1',
      win([namespaceRow('c1', 'app'), namespaceRow('c1', 'shop')]),
    );
    delete (expanded.get('n:c1/shop') as { position?: number }).position;
    const layout = layoutTree(expanded, windows);
    expect(layout.learned).toEqual([
      ['c:c1', 0],
      ['n:c1/shop', 1],
      ['k:c1/shop/Pod', 0],
    ]);
    // The screen deep in the pods: the namespaces keep one row, app's; shop is not in it.
    const views = viewsFor(layout, { start: 200, stop: 220 }, { overscan: 0 });
    expect(views.find(v => v.key === 'c:c1')).toMatchObject({
      offset: 0,
      limit: OFFSCREEN_LIMIT,
    });
    windows.set('c:c1', win([namespaceRow('c1', 'app')], 2, 0));
    expect(layoutTree(expanded, windows).list('n:c1/shop')).toBeUndefined();
    for (const [id, position] of layout.learned)
      expanded.set(id, { ...expanded.get(id)!, position });
    const remembered = layoutTree(expanded, windows);
    expect(remembered.list('n:c1/shop')).toBeDefined();
    expect(remembered.count).toBe(layout.count);
    expect(remembered.learned).toEqual([]);
  });

  it('drops the subtree of a row its window shows gone, and of a row past a shrunk total', () => {
    const { expanded, windows } = openToPods(win(instances(0, 4)));
    expanded.set('r:c1/uid-pod-9', {
      parent: 'k:c1/shop/Pod',
      query: ownedQuery('uid-pod-9'),
      position: 2,
    });
    expanded.set('r:c1/uid-pod-gone', {
      parent: 'k:c1/shop/Pod',
      query: ownedQuery('uid-pod-gone'),
      position: 40,
    });
    const layout = layoutTree(expanded, windows);
    expect(layout.count).toBe(3 + 4 + 1);
    expect(layout.indexOf('r:c1/uid-pod-9')).toBeUndefined();
    expect(layout.list('r:c1/uid-pod-9')).toBeUndefined();
    expect(layout.list('r:c1/uid-pod-gone')).toBeUndefined();
  });

  it('opens nothing under a collapsed row, nor under a row with nothing to show', () => {
    const { expanded, windows } = openToPods(win([instanceRow('lonely', 0)]));
    expanded.delete('n:c1/shop');
    expanded.set('r:c1/uid-lonely', {
      parent: 'k:c1/shop/Pod',
      query: ownedQuery('uid-lonely'),
    });
    const layout = layoutTree(expanded, windows);
    expect(layout.lists.map(l => l.key)).toEqual([ROOT_LIST, 'c:c1']);
    expect(outline(layout)).toEqual(['-c1', '   shop', ' c2']);
    expanded.set('n:c1/shop', {
      parent: 'c:c1',
      query: { level: 'kinds', cluster: 'c1', namespace: 'shop' },
    });
    expect(
      layoutTree(expanded, windows).list('r:c1/uid-lonely'),
    ).toBeUndefined();
  });

  it('finds each line at the index it says, whatever the nesting', () => {
    // Random trees: every line maps back to its index, and positions round-trip.
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    for (let round = 0; round < 30; round++) {
      const { expanded, windows } = openToPods(win([], 0));
      const total = 1 + Math.floor(random() * 300);
      const offset = Math.floor(random() * total);
      const size = Math.min(total - offset, Math.floor(random() * 120));
      windows.set(
        'k:c1/shop/Pod',
        win(
          instances(offset, offset + size, () => 3),
          total,
          offset,
        ),
      );
      for (let i = 0; i < 12; i++) {
        const position = Math.floor(random() * total);
        const id = `r:c1/uid-pod-${position}`;
        expanded.set(id, {
          parent: 'k:c1/shop/Pod',
          query: ownedQuery(`uid-pod-${position}`),
          position,
        });
        if (random() < 0.5)
          windows.set(
            id,
            win(instances(0, 2), 1 + Math.floor(random() * 5), 0),
          );
      }
      const layout = layoutTree(expanded, windows);
      for (let index = 0; index < layout.count; index++) {
        const line = layout.lineAt(index);
        expect(layout.indexAt(line.list, line.position)).toBe(index);
        const list = layout.list(line.list)!;
        expect(layout.firstPositionFrom(list, index)).toBe(line.position);
        expect(layout.lastPositionTo(list, index)).toBe(line.position);
      }
    }
  });

  it("names a row's ancestors from the rows above it", () => {
    const { expanded, windows } = openToPods(win(instances(0, 3, () => 1)));
    expanded.set('r:c1/uid-pod-1', {
      parent: 'k:c1/shop/Pod',
      query: ownedQuery('uid-pod-1'),
    });
    windows.set('r:c1/uid-pod-1', win([instanceRow('pod-1-child')]));
    const layout = layoutTree(expanded, windows);
    expect(ancestorIds(layout, expanded, 'r:c1/uid-pod-1-child')).toEqual([
      'c:c1',
      'n:c1/shop',
      'k:c1/shop/Pod',
      'r:c1/uid-pod-1',
    ]);
    expect(ancestorIds(layout, expanded, 'c:c2')).toEqual([]);
  });
});

describe('viewsFor', () => {
  it('asks for the windows the screen and its overscan need, in steps', () => {
    const { expanded, windows } = openToPods(win(instances(0, 200), 1000));
    const layout = layoutTree(expanded, windows);
    expect(viewsFor(layout, { start: 0, stop: 20 })).toEqual([
      { key: ROOT_LIST, query: { level: 'clusters' }, offset: 0, limit: 500 },
      {
        key: 'c:c1',
        query: { level: 'namespaces', cluster: 'c1' },
        offset: 0,
        limit: 100,
      },
      {
        key: 'n:c1/shop',
        query: { level: 'kinds', cluster: 'c1', namespace: 'shop' },
        offset: 0,
        limit: 100,
      },
      { key: 'k:c1/shop/Pod', query: podsQuery, offset: 0, limit: 100 },
    ]);
    // Far down the pods: the lists above keep one row each, the pods a window around the screen.
    const deep = viewsFor(layout, { start: 603, stop: 623 });
    expect(deep.map(v => [v.key, v.offset, v.limit])).toEqual([
      [ROOT_LIST, 0, 500],
      ['k:c1/shop/Pod', 500, 200],
      ['c:c1', 0, OFFSCREEN_LIMIT],
      ['n:c1/shop', 0, OFFSCREEN_LIMIT],
    ]);
    // A small scroll inside the window asked for moves nothing.
    const previous = new Map(deep.map(v => [v.key, v]));
    const pods = (range: { start: number; stop: number }) =>
      viewsFor(layout, range, { previous }).find(
        v => v.key === 'k:c1/shop/Pod',
      );
    expect(pods({ start: 620, stop: 640 })).toMatchObject({
      offset: 500,
      limit: 200,
    });
    expect(pods({ start: 700, stop: 720 })).toMatchObject({
      offset: 600,
      limit: 200,
    });
  });

  it('lets the lists nearest the screen keep their windows, up to `keep` rows in all', () => {
    const { expanded, windows } = openToPods(win(instances(0, 200), 1000));
    const layout = layoutTree(expanded, windows);
    const previous = new Map(
      viewsFor(layout, { start: 0, stop: 20 }).map(v => [v.key, v]),
    );
    const at = (keep: number) =>
      viewsFor(layout, { start: 400, stop: 420 }, { previous, keep })
        .filter(v => v.key === 'c:c1' || v.key === 'n:c1/shop')
        .map(v => [v.key, v.offset, v.limit]);
    // Off the screen: the kinds and namespaces keep their windows while the budget holds
    // both, the nearer first.
    expect(at(200)).toEqual([
      ['n:c1/shop', 0, 100],
      ['c:c1', 0, 100],
    ]);
    // Room for one: the nearer list (the kinds, just above the pods) keeps its window.
    expect(at(150)).toEqual([
      ['n:c1/shop', 0, 100],
      ['c:c1', 0, OFFSCREEN_LIMIT],
    ]);
    // None: one row each, for their totals.
    expect(at(50)).toEqual([
      ['c:c1', 0, OFFSCREEN_LIMIT],
      ['n:c1/shop', 0, OFFSCREEN_LIMIT],
    ]);
  });

  it('keeps nested windows apart: each list asks for its own positions', () => {
    const { expanded, windows } = openToPods(
      win(
        instances(0, 100, () => 150),
        100,
      ),
    );
    expanded.set('r:c1/uid-pod-1', {
      parent: 'k:c1/shop/Pod',
      query: ownedQuery('uid-pod-1'),
    });
    windows.set('r:c1/uid-pod-1', win(instances(0, 150), 150));
    const layout = layoutTree(expanded, windows);
    // Lines 3, 4: pods 0 and 1; 5..154: pod 1's children; 155..: pods 2...
    const views = viewsFor(layout, { start: 140, stop: 160 }, { overscan: 10 });
    expect(views.map(v => [v.key, v.offset, v.limit])).toEqual([
      [ROOT_LIST, 0, 500],
      ['k:c1/shop/Pod', 0, 100],
      ['r:c1/uid-pod-1', 100, 100],
      ['c:c1', 0, OFFSCREEN_LIMIT],
      ['n:c1/shop', 0, OFFSCREEN_LIMIT],
    ]);
    const pod1Children = viewsFor(
      layout,
      { start: 100, stop: 110 },
      {
        overscan: 0,
      },
    );
    // Only pod 1's children are on screen: the pods' list has none of its rows there.
    expect(pod1Children[1]).toMatchObject({
      key: 'r:c1/uid-pod-1',
      offset: 0,
      limit: 200,
    });
    expect(pod1Children.find(v => v.key === 'k:c1/shop/Pod')?.limit).toBe(
      OFFSCREEN_LIMIT,
    );
  });

  it('asks for no more views than a socket may hold, the nearest first', () => {
    const { expanded, windows } = openToPods(
      win(
        instances(0, 400, () => 1),
        400,
      ),
    );
    for (let i = 0; i < 400; i++) {
      const id = `r:c1/uid-pod-${i}`;
      expanded.set(id, {
        parent: 'k:c1/shop/Pod',
        query: ownedQuery(`uid-pod-${i}`),
      });
      windows.set(id, win([instanceRow(`child-${i}`)]));
    }
    const layout = layoutTree(expanded, windows);
    const views = viewsFor(layout, { start: 400, stop: 420 });
    expect(views).toHaveLength(MAX_VIEWS_PER_SOCKET);
    const keys = new Set(views.map(v => v.key));
    // Pod 200 is on line 3 + 2 * 200: its list is among those asked for, pod 0's and 399's not.
    expect(keys.has('r:c1/uid-pod-200')).toBe(true);
    expect(keys.has('r:c1/uid-pod-0')).toBe(false);
    expect(keys.has('r:c1/uid-pod-399')).toBe(false);
    expect(keys.has(ROOT_LIST)).toBe(true);
  });

  it('brings the rows of a jump into their windows before the screen moves there', () => {
    const { expanded, windows } = openToPods(win(instances(0, 100), 1000));
    const layout = layoutTree(expanded, windows);
    const views = viewsFor(
      layout,
      { start: 0, stop: 20 },
      {
        focus: [
          { list: 'k:c1/shop/Pod', id: 'r:c1/uid-pod-750', position: 750 },
        ],
      },
    );
    expect(views.find(v => v.key === 'k:c1/shop/Pod')).toMatchObject({
      offset: 700,
      limit: 200,
    });
  });

  it("asks for every list of a jump's way at once, before their rows are placed", () => {
    const reveal = revealPath({
      cluster: 'c1',
      namespace: 'shop',
      kind: 'Pod',
      uids: ['uid-pod-750'],
      positions: [750],
      name: 'pod-750',
      objectKind: 'Pod',
    });
    const layout = layoutTree(
      new Map(reveal.expand),
      new Map([[ROOT_LIST, win([clusterRow('c1')])]]),
    );
    const views = viewsFor(
      layout,
      { start: 0, stop: 20 },
      {
        focus: reveal.way,
        prefetch: reveal.expand.map(([key, { query }]) => ({ key, query })),
      },
    );
    expect(views.map(v => [v.key, v.offset, v.limit])).toEqual([
      [ROOT_LIST, 0, 500],
      ['c:c1', 0, 500],
      ['n:c1/shop', 0, 500],
      ['k:c1/shop/Pod', 700, 200],
    ]);
    // Once placed, each list keeps the window it was asked for.
    const windows = new Map<string, HeldWindow>([
      [ROOT_LIST, win([clusterRow('c1')])],
      ['c:c1', win([namespaceRow('c1', 'shop')])],
      ['n:c1/shop', win([kindRow('c1', 'shop', 'Pod')])],
    ]);
    const placed = viewsFor(
      layoutTree(new Map(reveal.expand), windows),
      { start: 0, stop: 20 },
      { focus: reveal.way, previous: new Map(views.map(v => [v.key, v])) },
    );
    expect(placed).toEqual(views);
  });

  it('looks for a row it has no position for through a long list, window by window', () => {
    const many = Array.from({ length: 500 }, (_, i) =>
      namespaceRow('c1', `ns-${String(i).padStart(4, '0')}`),
    );
    const expanded = new Map<string, Expansion>([
      [
        'c:c1',
        { parent: ROOT_LIST, query: { level: 'namespaces', cluster: 'c1' } },
      ],
    ]);
    const focus = [{ list: 'c:c1', id: 'n:c1/ns-1200' }];
    const ask = (window?: HeldWindow) => {
      const windows = new Map([[ROOT_LIST, win([clusterRow('c1')])]]);
      if (window) windows.set('c:c1', window);
      return viewsFor(
        layoutTree(expanded, windows),
        { start: 0, stop: 5 },
        {
          focus,
        },
      ).find(v => v.key === 'c:c1');
    };
    expect(ask()).toMatchObject({ offset: 0, limit: 500 });
    expect(ask(win(many, 2000, 0))).toMatchObject({ offset: 500, limit: 500 });
    const later = many.map((_, i) =>
      namespaceRow('c1', `ns-${String(1500 + i).padStart(4, '0')}`),
    );
    expect(ask(win(later, 2000, 1500))).toMatchObject({
      offset: 1000,
      limit: 500,
    });
    // In the window's span but not there: no more looking, the screen decides.
    expect(ask(win(many.slice(0, 2), 2))).toMatchObject({
      offset: 0,
      limit: 100,
    });
  });
});

describe('revealPath', () => {
  it('expands the way to an object and places it before any of its windows come', () => {
    const reveal = revealPath({
      cluster: 'c1',
      namespace: 'shop',
      kind: 'Deployment',
      uids: ['uid-web', 'uid-web-rs', 'uid-web-pod'],
      positions: [40, 1, 7],
      name: 'web-pod',
      objectKind: 'Pod',
    });
    expect(reveal.expand.map(([id]) => id)).toEqual([
      'c:c1',
      'n:c1/shop',
      'k:c1/shop/Deployment',
      'r:c1/uid-web',
      'r:c1/uid-web-rs',
    ]);
    expect(reveal.target).toEqual({
      list: 'r:c1/uid-web-rs',
      id: 'r:c1/uid-web-pod',
      position: 7,
    });
    expect(reveal.known).toBeUndefined();
    const pod = slimResource('Pod', 'web-pod', {
      cluster: 'c1',
      uid: 'uid-web-pod',
      status: { phase: 'pending' },
    });
    expect(
      revealPath({
        cluster: 'c1',
        namespace: 'shop',
        kind: 'Deployment',
        uids: ['uid-web', 'uid-web-rs', 'uid-web-pod'],
        positions: [40, 1, 7],
        name: 'web-pod',
        objectKind: 'Pod',
        resource: pod,
      }).known,
    ).toMatchObject({
      id: 'r:c1/uid-web-pod',
      label: 'web-pod',
      resource: pod,
      counts: { total: 1, failed: 0, pending: 1 },
    });
    const windows = new Map<string, HeldWindow>([
      [ROOT_LIST, win([clusterRow('c0'), clusterRow('c1')])],
      ['c:c1', win([namespaceRow('c1', 'app'), namespaceRow('c1', 'shop')])],
      [
        'n:c1/shop',
        win([
          kindRow('c1', 'shop', 'Deployment'),
          kindRow('c1', 'shop', 'Pod'),
        ]),
      ],
    ]);
    const layout = layoutTree(new Map(reveal.expand), windows);
    // c0, c1, app, shop, Deployment; 40 deployments, web; 1 replica set, web-rs; 7 pods.
    expect(layout.indexAt(reveal.target.list, reveal.target.position!)).toBe(
      5 + 40 + 1 + 1 + 1 + 7,
    );
    expect(layout.count).toBe(5 + 41 + 2 + 8 + 1);
  });

  it('goes to the row of a Namespace object, expanding its cluster only', () => {
    const reveal = revealPath({
      cluster: 'c1',
      namespace: 'shop',
      uids: [],
      positions: [],
      name: 'shop',
      objectKind: 'Namespace',
    });
    expect(reveal.expand.map(([id]) => id)).toEqual(['c:c1']);
    expect(reveal.target).toEqual({ list: 'c:c1', id: 'n:c1/shop' });
  });
});

describe('revealGroup', () => {
  it('expands the way to a cluster, namespace or kind a link names', () => {
    expect(revealGroup('c:c1')).toEqual({
      expand: [],
      target: { list: ROOT_LIST, id: 'c:c1' },
      way: [{ list: ROOT_LIST, id: 'c:c1' }],
    });
    expect(revealGroup('k:c1/shop/Pod')?.expand.map(([id]) => id)).toEqual([
      'c:c1',
      'n:c1/shop',
    ]);
    expect(revealGroup('n:c1/')?.target).toEqual({ list: 'c:c1', id: 'n:c1/' });
    expect(revealGroup('r:c1/uid')).toBeUndefined();
    expect(revealGroup('nonsense')).toBeUndefined();
  });
});

describe('locate', () => {
  const target = {
    list: 'k:c1/shop/Pod',
    id: 'r:c1/uid-pod-750',
    position: 750,
  };

  it('places the target from its position, then settles when its row comes', () => {
    const { expanded, windows } = openToPods(win([], 0));
    windows.delete('k:c1/shop/Pod');
    expanded.set('k:c1/shop/Pod', {
      parent: 'n:c1/shop',
      query: podsQuery,
      minTotal: 751,
    });
    expect(locate(layoutTree(expanded, windows), target)).toEqual({
      index: 3 + 750,
      settled: false,
    });
    windows.set('k:c1/shop/Pod', win(instances(700, 800), 1000, 700));
    expect(locate(layoutTree(expanded, windows), target)).toEqual({
      index: 3 + 750,
      settled: true,
    });
  });

  it('waits while an ancestor is not placed, and gives up when the row is not where it should be', () => {
    const { expanded, windows } = openToPods(win([], 0));
    windows.delete('n:c1/shop');
    expect(locate(layoutTree(expanded, windows), target)).toEqual({
      index: undefined,
      settled: false,
    });
    const { expanded: open, windows: held } = openToPods(
      win(
        instances(700, 800).filter((_, i) => i !== 50),
        999,
        700,
      ),
    );
    expect(locate(layoutTree(open, held), target)).toEqual({
      index: undefined,
      settled: true,
    });
    // A group found by id: settled once its list is held whole without it.
    const group = { list: ROOT_LIST, id: 'c:c9' };
    expect(locate(layoutTree(open, held), group).settled).toBe(true);
    expect(
      locate(layoutTree(open, held), { list: ROOT_LIST, id: 'c:c2' }),
    ).toEqual({ index: 3 + 999, settled: true });
  });
});
