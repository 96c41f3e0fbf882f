import {
  FleetFilters,
  FleetViewQuery,
  FleetViewRow,
  SlimResource,
  StatusPhase,
} from '@kubestellar/plugin-wecs-common';
import { FilteredCountsRegistry } from './FilteredCounts';
import { FleetStore } from './FleetStore';
import {
  CountedScope,
  readObjectsAfter,
  readWindow,
  searchTree,
  TreeSource,
} from './treeViews';
import { viewScope } from './viewScope';
import { watchStatus } from '../__testUtils__/watchStatus';

function object(
  cluster: string,
  namespace: string | undefined,
  kind: string,
  name: string,
  extra: {
    owner?: string;
    phase?: StatusPhase;
    labels?: Record<string, string>;
    rv?: string;
  } = {},
): SlimResource {
  return {
    cluster,
    apiVersion: 'v1',
    kind,
    resource: `${kind.toLowerCase()}s`,
    ...(namespace !== undefined ? { namespace } : {}),
    name,
    uid: `${cluster}-${kind}-${name}`,
    resourceVersion: extra.rv ?? '1',
    status: { phase: extra.phase ?? 'running' },
    ...(extra.labels ? { labels: extra.labels } : {}),
    ...(extra.owner
      ? {
          owners: [
            {
              apiVersion: 'apps/v1',
              kind: 'Owner',
              name: extra.owner,
              uid: extra.owner,
              controller: true,
            },
          ],
        }
      : {}),
  };
}

/** cluster1: a Deployment > ReplicaSet > 2 pods in shop, a lone failed pod, a Namespace. */
function fleet() {
  const store = new FleetStore();
  const clusters = [
    watchStatus('cluster1'),
    watchStatus('cluster10'),
    watchStatus('cluster2'),
    watchStatus('wds1', 'wds'),
  ];
  const source: TreeSource = { store, clusters: () => clusters };
  const deployment = object('cluster1', 'shop', 'Deployment', 'web', {
    labels: { app: 'web', tier: 'front' },
  });
  const replicaSet = object('cluster1', 'shop', 'ReplicaSet', 'web-7d', {
    owner: deployment.uid,
    labels: { app: 'web' },
  });
  const pods = ['web-7d-b', 'web-7d-a'].map(name =>
    object('cluster1', 'shop', 'Pod', name, {
      owner: replicaSet.uid,
      labels: { app: 'web' },
      phase: name.endsWith('a') ? 'pending' : 'running',
    }),
  );
  const lone = object('cluster1', 'shop', 'Pod', 'debug-10', {
    phase: 'failed',
  });
  const lone2 = object('cluster1', 'shop', 'Pod', 'debug-9');
  // Pods first: they wait for their ReplicaSet, which waits for its Deployment.
  for (const r of [...pods, replicaSet, deployment, lone, lone2])
    store.upsert(r);
  store.upsert(object('cluster1', undefined, 'Namespace', 'shop'));
  store.upsert(object('cluster1', undefined, 'Namespace', 'empty'));
  store.upsert(object('cluster1', undefined, 'StorageClass', 'fast'));
  store.upsert(object('cluster2', 'default', 'ConfigMap', 'web-config'));
  store.upsert(object('wds1', 'default', 'Deployment', 'web'));
  return { store, source, deployment, replicaSet, pods, lone };
}

const registry = new Map<FleetStore, FilteredCountsRegistry>();
function scoped(store: FleetStore, filters: FleetFilters = {}): CountedScope {
  const scope = viewScope(filters);
  if (!scope.matches) return scope;
  if (!registry.has(store))
    registry.set(store, new FilteredCountsRegistry(store));
  return {
    ...scope,
    filtered: registry.get(store)!.acquire(scope.objectFilterKey, scope.matches)
      .counts,
  };
}

function rows(
  source: TreeSource,
  query: FleetViewQuery,
  filters: FleetFilters = {},
  offset = 0,
  limit = 100,
) {
  return readWindow(
    source,
    query,
    scoped(source.store, filters),
    offset,
    limit,
  );
}

const summary = (list: FleetViewRow[]) =>
  list.map(row =>
    row.type === 'instance'
      ? `${row.resource.name} ${row.counts.total}/${row.counts.failed}/${row.counts.pending} owns ${row.owned}`
      : `${row.key} ${row.counts.total}/${row.counts.failed}/${row.counts.pending}`,
  );

describe('the tree views', () => {
  it('nests objects under their controllers whatever order they arrive in, and counts every level', () => {
    const { source, deployment, replicaSet } = fleet();
    expect(summary(rows(source, { level: 'clusters' }).rows)).toEqual([
      'cluster1 7/1/1',
      'cluster2 1/0/0',
      'cluster10 0/0/0',
    ]);
    expect(
      summary(rows(source, { level: 'namespaces', cluster: 'cluster1' }).rows),
    ).toEqual(['shop 6/1/1', ' 1/0/0']);
    const shop = rows(source, { level: 'namespaces', cluster: 'cluster1' })
      .rows[0];
    expect(shop.type === 'namespace' && shop.resource?.name).toBe('shop');
    expect(
      summary(
        rows(source, { level: 'kinds', cluster: 'cluster1', namespace: 'shop' })
          .rows,
      ),
    ).toEqual(['Deployment 4/0/1', 'Pod 2/1/0']);
    expect(
      summary(
        rows(source, {
          level: 'instances',
          cluster: 'cluster1',
          namespace: 'shop',
          kind: 'Pod',
        }).rows,
      ),
    ).toEqual(['debug-9 1/0/0 owns 0', 'debug-10 1/1/0 owns 0']);
    expect(
      summary(
        rows(source, {
          level: 'owned',
          cluster: 'cluster1',
          uid: deployment.uid,
        }).rows,
      ),
    ).toEqual(['web-7d 3/0/1 owns 2']);
    expect(
      summary(
        rows(source, {
          level: 'owned',
          cluster: 'cluster1',
          uid: replicaSet.uid,
        }).rows,
      ),
    ).toEqual(['web-7d-a 1/0/1 owns 0', 'web-7d-b 1/0/0 owns 0']);
  });

  it('moves counts when a controller goes and comes back, and when a status changes', () => {
    const { store, source, replicaSet, pods } = fleet();
    store.delete('cluster1', replicaSet.uid);
    expect(
      summary(
        rows(source, { level: 'kinds', cluster: 'cluster1', namespace: 'shop' })
          .rows,
      ),
    ).toEqual(['Deployment 1/0/0', 'Pod 4/1/1']);
    store.upsert(replicaSet);
    store.upsert({
      ...pods[0],
      resourceVersion: '2',
      status: { phase: 'failed' },
    });
    expect(
      summary(
        rows(source, { level: 'kinds', cluster: 'cluster1', namespace: 'shop' })
          .rows,
      ),
    ).toEqual(['Deployment 4/1/1', 'Pod 2/1/0']);
    for (const uid of [...store.tree('cluster1')!.objects.keys()])
      store.delete('cluster1', uid);
    expect(summary(rows(source, { level: 'clusters' }).rows)[0]).toBe(
      'cluster1 0/0/0',
    );
    expect(
      rows(source, { level: 'namespaces', cluster: 'cluster1' }).total,
    ).toBe(0);
  });

  it('leaves labels and annotations out of tree rows, and keeps them in the flat list', () => {
    const { source } = fleet();
    const [tree] = rows(source, {
      level: 'instances',
      cluster: 'cluster1',
      namespace: 'shop',
      kind: 'Deployment',
    }).rows;
    expect(tree.type === 'instance' && tree.resource).toMatchObject({
      name: 'web',
      uid: 'cluster1-Deployment-web',
    });
    expect(tree.type === 'instance' && tree.resource.labels).toBeUndefined();
    const listed = rows(source, { level: 'objects' }, { kinds: ['Deployment'] })
      .rows[0];
    expect(listed.type === 'instance' && listed.resource.labels).toEqual({
      app: 'web',
      tier: 'front',
    });
  });

  it('windows long lists and says how many rows there are', () => {
    const { store, source } = fleet();
    for (let i = 0; i < 30; i++)
      store.upsert(object('cluster2', 'default', 'Pod', `pod-${i}`));
    const window = rows(
      source,
      {
        level: 'instances',
        cluster: 'cluster2',
        namespace: 'default',
        kind: 'Pod',
      },
      {},
      9,
      3,
    );
    expect(window.total).toBe(30);
    expect(window.rows.map(r => r.key)).toEqual([
      'cluster2-Pod-pod-9',
      'cluster2-Pod-pod-10',
      'cluster2-Pod-pod-11',
    ]);
  });

  it('lists each matching object under its own kind when object filters are set', () => {
    const { store, source } = fleet();
    const failedOrPending = { phases: ['failed', 'pending'] as StatusPhase[] };
    expect(
      summary(rows(source, { level: 'clusters' }, failedOrPending).rows),
    ).toEqual(['cluster1 2/1/1', 'cluster2 0/0/0', 'cluster10 0/0/0']);
    expect(
      summary(
        rows(
          source,
          {
            level: 'instances',
            cluster: 'cluster1',
            namespace: 'shop',
            kind: 'Pod',
          },
          failedOrPending,
        ).rows,
      ),
    ).toEqual(['debug-10 1/1/0 owns 0', 'web-7d-a 1/0/1 owns 0']);
    // The counts follow changes.
    store.upsert(
      object('cluster2', 'default', 'Pod', 'broken', { phase: 'failed' }),
    );
    expect(
      summary(rows(source, { level: 'clusters' }, failedOrPending).rows)[1],
    ).toBe('cluster2 1/1/0');
    expect(
      summary(
        rows(
          source,
          { level: 'kinds', cluster: 'cluster1', namespace: '' },
          { kinds: ['Namespace', 'StorageClass'] },
        ).rows,
      ),
    ).toEqual(['StorageClass 1/0/0', 'Namespace 2/0/0']);
  });

  it('keeps to the clusters, roles and namespaces asked for', () => {
    const { source } = fleet();
    expect(
      rows(source, { level: 'clusters' }, { roles: ['wds'] }).rows.map(
        r => r.key,
      ),
    ).toEqual(['wds1']);
    expect(
      rows(source, { level: 'clusters' }, { clusters: ['cluster2'] }).rows.map(
        r => r.key,
      ),
    ).toEqual(['cluster2']);
    expect(rows(source, { level: 'namespaces', cluster: 'wds1' }).total).toBe(
      0,
    );
    expect(
      summary(
        rows(source, { level: 'clusters' }, { namespaces: ['default'] }).rows,
      ),
    ).toEqual(['cluster1 0/0/0', 'cluster2 1/0/0', 'cluster10 0/0/0']);
    expect(
      rows(
        source,
        { level: 'kinds', cluster: 'cluster1', namespace: 'shop' },
        { namespaces: ['default'] },
      ).total,
    ).toBe(0);
  });

  it('finds names and labels in tree order, with the path and positions to each', () => {
    const { source, deployment, replicaSet, pods } = fleet();
    const byName = searchTree(
      source,
      scoped(source.store),
      { name: 'web' },
      0,
      10,
    );
    expect(byName.total).toBe(5);
    expect(
      byName.matches.map(
        m =>
          `${m.cluster}/${m.namespace}/${m.kind}:${m.name}@${m.positions.join(
            '.',
          )}`,
      ),
    ).toEqual([
      'cluster1/shop/Deployment:web@0',
      'cluster1/shop/Deployment:web-7d@0.0',
      'cluster1/shop/Deployment:web-7d-a@0.0.0',
      'cluster1/shop/Deployment:web-7d-b@0.0.1',
      'cluster2/default/ConfigMap:web-config@0',
    ]);
    expect(byName.matches[3].uids).toEqual([
      deployment.uid,
      replicaSet.uid,
      pods[0].uid,
    ]);
    const page = searchTree(
      source,
      scoped(source.store),
      { name: 'web' },
      3,
      10,
    );
    expect(page.matches.map(m => m.name)).toEqual(['web-7d-b', 'web-config']);
    const notin = searchTree(
      source,
      scoped(source.store),
      {
        labels: l => l?.app === 'web' && l?.tier === undefined,
      },
      0,
      10,
    );
    expect(notin.matches.map(m => m.name)).toEqual([
      'web-7d',
      'web-7d-a',
      'web-7d-b',
    ]);
    const located = searchTree(
      source,
      scoped(source.store),
      { object: { cluster: 'cluster1', uid: pods[1].uid } },
      0,
      10,
    );
    expect(located.matches).toHaveLength(1);
    expect(located.matches[0].uids).toHaveLength(3);
    const namespaceRow = searchTree(
      source,
      scoped(source.store),
      { name: 'shop' },
      0,
      10,
    );
    expect(namespaceRow.matches).toEqual([
      expect.objectContaining({
        namespace: 'shop',
        uids: [],
        name: 'shop',
        objectKind: 'Namespace',
      }),
    ]);
  });

  it('finds names as objects come and go between searches, across thousands of them', () => {
    const store = new FleetStore();
    const source: TreeSource = {
      store,
      clusters: () => [watchStatus('cluster1')],
    };
    const configMap = (name: string) =>
      object('cluster1', 'default', 'ConfigMap', name);
    for (let i = 0; i < 10_000; i++) store.upsert(configMap(`cm-${i}`));
    const found = (name: string) =>
      searchTree(source, scoped(store), { name }, 0, 500)
        .matches.map(m => m.name)
        .sort();
    const expected = (name: string) =>
      store
        .query({ cluster: 'cluster1' })
        .map(r => r.name)
        .filter(n => n.toLowerCase().includes(name))
        .sort();
    expect(found('cm-999')).toEqual(expected('cm-999'));
    expect(found('cm-999')).toHaveLength(11);

    // Between searches: one goes, one comes, one changes in place.
    store.delete('cluster1', configMap('cm-9995').uid);
    store.upsert(configMap('CM-999-NEW'));
    store.upsert({ ...configMap('cm-9990'), resourceVersion: '2' });
    expect(found('cm-999')).toEqual(expected('cm-999'));
    expect(found('cm-999')).toContain('CM-999-NEW');
    expect(found('cm-999')).not.toContain('cm-9995');

    // Most go: the names left are still found, and none of those gone.
    for (let i = 0; i < 6_000; i++)
      store.delete('cluster1', configMap(`cm-${i}`).uid);
    expect(found('cm-60')).toEqual(expected('cm-60'));
    expect(found('cm-59')).toEqual([]);
  });

  it('places matches flat under their own kind when object filters are set', () => {
    const { source } = fleet();
    const found = searchTree(
      source,
      scoped(source.store, { kinds: ['Pod'] }),
      { name: 'web' },
      0,
      10,
    );
    expect(
      found.matches.map(m => `${m.kind}:${m.name}@${m.positions.join('.')}`),
    ).toEqual(['Pod:web-7d-a@2', 'Pod:web-7d-b@3']);
  });

  it('pages the flat list by cursor, as a Kubernetes list pages', () => {
    const { source } = fleet();
    const scope = scoped(source.store);
    const seen: string[] = [];
    let cursor;
    for (let page = 0; page < 10; page++) {
      const result = readObjectsAfter(source, scope, cursor, 3);
      seen.push(
        ...result.items.map(
          r => `${r.cluster}/${r.namespace ?? ''}/${r.kind}/${r.name}`,
        ),
      );
      expect(result.remaining).toBe(10 - seen.length);
      if (!result.next) break;
      cursor = result.next;
    }
    expect(seen).toEqual(
      [
        'cluster1/shop/Deployment/web',
        'cluster1/shop/ReplicaSet/web-7d',
        'cluster1/shop/Pod/debug-9',
        'cluster1/shop/Pod/debug-10',
        'cluster1/shop/Pod/web-7d-a',
        'cluster1/shop/Pod/web-7d-b',
        'cluster1//StorageClass/fast',
        'cluster1//Namespace/empty',
        'cluster1//Namespace/shop',
        'cluster2/default/ConfigMap/web-config',
        // wds1 is not a WEC: only asked-for roles are listed.
      ].slice(0, 10),
    );
    const objects = rows(source, { level: 'objects' }, {}, 2, 3);
    expect(objects.total).toBe(10);
    expect(
      objects.rows.map(r => (r.type === 'instance' ? r.resource.name : r.key)),
    ).toEqual(['debug-9', 'debug-10', 'web-7d-a']);
  });
});
