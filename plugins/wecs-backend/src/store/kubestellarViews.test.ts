import {
  BoundObject,
  FleetViewRow,
  SlimResource,
  StatusPhase,
} from '@kubestellar/plugin-wecs-common';
import { FleetStore } from './FleetStore';
import { readWindow, TreeSource } from './treeViews';
import { viewScope } from './viewScope';
import { copyIn } from './kubestellarViews';
import { watchStatus } from '../__testUtils__/watchStatus';

const deployment = (
  cluster: string,
  name: string,
  phase: StatusPhase = 'running',
  rv = '1',
): SlimResource => ({
  cluster,
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  resource: 'deployments',
  namespace: 'shop',
  name,
  uid: `${cluster}-${name}`,
  resourceVersion: rv,
  status: { phase },
});

const bound = (name: string): BoundObject => ({
  group: 'apps',
  version: 'v1',
  resource: 'deployments',
  namespace: 'shop',
  name,
});

const binding = (
  name: string,
  workloads: string[],
  destinations: string[],
): SlimResource => ({
  cluster: 'wds1',
  apiVersion: 'control.kubestellar.io/v1alpha1',
  kind: 'Binding',
  resource: 'bindings',
  name,
  uid: `binding-${name}`,
  resourceVersion: '1',
  status: { phase: 'running' },
  summary: { binding: { workloads: workloads.map(bound), destinations } },
});

const policy = (name: string, group: string): SlimResource => ({
  cluster: 'wds1',
  apiVersion: 'control.kubestellar.io/v1alpha1',
  kind: 'BindingPolicy',
  resource: 'bindingpolicies',
  name,
  uid: `policy-${name}`,
  resourceVersion: '1',
  status: { phase: 'running' },
  summary: {
    policy: {
      clusterSelectors: [{ matchLabels: { 'location-group': group } }],
      downsync: [],
      observed: true,
    },
  },
});

const managedCluster = (name: string, group: string): SlimResource => ({
  cluster: 'its1',
  apiVersion: 'cluster.open-cluster-management.io/v1',
  kind: 'ManagedCluster',
  resource: 'managedclusters',
  name,
  uid: `mc-${name}`,
  resourceVersion: '1',
  labels: { 'location-group': group },
  status: { phase: 'running' },
});

/** wds1 stages web, api-1…api-12 and db; policies bind them to cluster1 and cluster2. */
function fleet() {
  const store = new FleetStore();
  const clusters = [
    watchStatus('cluster1'),
    watchStatus('cluster2'),
    watchStatus('its1', 'its'),
    watchStatus('wds1', 'wds'),
  ];
  const source: TreeSource = { store, clusters: () => clusters };
  const apis = Array.from({ length: 12 }, (_, i) => `api-${i + 1}`);
  for (const name of ['web', 'db', ...apis])
    store.upsert(deployment('wds1', name));
  store.upsert(binding('edge', ['web', ...apis], ['cluster1', 'cluster2']));
  store.upsert(binding('data', ['db', 'web'], ['cluster2']));
  store.upsert(deployment('cluster1', 'web'));
  store.upsert(deployment('cluster2', 'web', 'failed'));
  for (const name of apis) store.upsert(deployment('cluster1', name));
  for (const name of ['data', 'edge', 'idle'])
    store.upsert(policy(name, name === 'data' ? 'core' : 'edge'));
  for (const [name, group] of [
    ['cluster1', 'edge'],
    ['cluster2', 'edge'],
    ['cluster3', 'core'],
  ])
    store.upsert(managedCluster(name, group));
  return { store, source };
}

const read = (
  source: TreeSource,
  query: Record<string, string> = {},
  offset = 0,
  limit = 500,
  filters = { roles: ['wds' as const] },
) =>
  readWindow(
    source,
    { level: 'workloads', cluster: 'wds1', ...query },
    viewScope(filters),
    offset,
    limit,
  );

const names = (rows: FleetViewRow[]) =>
  rows.map(row => (row.type === 'workload' ? row.workload.object.name : ''));

describe('the workloads level', () => {
  it('lists what the Bindings bind, by name, with the policies and the copy in each destination', () => {
    const { source } = fleet();
    const window = read(source);
    expect(window.total).toBe(14);
    expect(names(window.rows).slice(0, 3)).toEqual(['api-1', 'api-2', 'api-3']);
    const web = window.rows.find(
      row => row.key === 'apps/deployments/shop/web',
    );
    expect(web?.type === 'workload' && web.workload).toMatchObject({
      kind: 'Deployment',
      policies: ['data', 'edge'],
      staged: { cluster: 'wds1', uid: 'wds1-web' },
      placements: [
        { cluster: 'cluster1', delivered: { uid: 'cluster1-web' } },
        { cluster: 'cluster2', delivered: { uid: 'cluster2-web' } },
      ],
    });
    expect(web?.counts).toEqual({ total: 2, failed: 1, pending: 0 });
    // api-1 went to cluster1 only so far: its cluster2 copy is missing.
    expect(window.rows[0].counts).toEqual({ total: 2, failed: 0, pending: 1 });
  });

  it('pages, and narrows by policy, namespace and search before paging', () => {
    const { source } = fleet();
    const page = read(source, {}, 10, 3);
    expect(page.total).toBe(14);
    expect(names(page.rows)).toEqual(['api-11', 'api-12', 'db']);
    expect(names(read(source, { policy: 'data' }).rows)).toEqual(['db', 'web']);
    expect(read(source, { search: 'API-1' }).total).toBe(4);
    // A search matches the policies' names too.
    expect(names(read(source, { search: 'dat' }).rows)).toEqual(['db', 'web']);
    expect(read(source, { namespace: 'other' }).total).toBe(0);
  });

  it('sees copies come and go', () => {
    const { store, source } = fleet();
    store.upsert(deployment('cluster2', 'db', 'running', '2'));
    const db = read(source, { policy: 'data' }).rows[0];
    expect(db.counts).toEqual({ total: 1, failed: 0, pending: 0 });
    store.delete('cluster1', 'cluster1-web');
    const web = read(source, { search: 'web' }).rows[0];
    expect(web.type === 'workload' && web.workload.placements[0]).toEqual({
      cluster: 'cluster1',
    });
  });

  it('answers nothing for a cluster that is not a WDS, or that the filters leave out', () => {
    const { source } = fleet();
    expect(
      readWindow(
        source,
        { level: 'workloads', cluster: 'cluster1' },
        viewScope({ roles: ['wec'] }),
        0,
        10,
      ).total,
    ).toBe(0);
    expect(read(source, {}, 0, 10, { roles: ['wec' as any] }).total).toBe(0);
  });
});

describe('the policies level', () => {
  it('sums what each Binding resolved and what of it arrived, and names the clusters its selectors pick', () => {
    const { source } = fleet();
    const window = readWindow(
      source,
      { level: 'policies' },
      viewScope({ roles: ['wds'] }),
      0,
      500,
    );
    expect(window.total).toBe(3);
    const rows = window.rows.map(row =>
      row.type === 'policy'
        ? {
            key: row.key,
            destinations: row.destinations,
            selected: row.selected,
            objects: row.objects,
            delivered: row.delivered,
            counts: row.counts,
            bindingListsObjects: Boolean(
              row.binding && 'summary' in row.binding,
            ),
          }
        : row.type,
    );
    expect(rows).toEqual([
      {
        key: 'wds1/data',
        destinations: ['cluster2'],
        selected: ['cluster3'],
        objects: 2,
        delivered: 1,
        counts: { total: 2, failed: 1, pending: 1 },
        bindingListsObjects: false,
      },
      {
        key: 'wds1/edge',
        destinations: ['cluster1', 'cluster2'],
        selected: ['cluster1', 'cluster2'],
        objects: 13,
        delivered: 14,
        counts: { total: 26, failed: 1, pending: 12 },
        bindingListsObjects: false,
      },
      {
        key: 'wds1/idle',
        destinations: [],
        selected: ['cluster1', 'cluster2'],
        objects: 0,
        delivered: 0,
        counts: { total: 0, failed: 0, pending: 0 },
        bindingListsObjects: false,
      },
    ]);
    const page = readWindow(
      source,
      { level: 'policies' },
      viewScope({ roles: ['wds'] }),
      1,
      1,
    );
    expect(page.rows.map(row => row.key)).toEqual(['wds1/edge']);
    // Without the WDS in the filters, no policy.
    expect(
      readWindow(source, { level: 'policies' }, viewScope(), 0, 10).total,
    ).toBe(0);
  });
});

describe('the policies level as copies change', () => {
  it('reads a cluster again when a copy there comes, goes or changes, and only then', () => {
    const { store, source } = fleet();
    const scope = viewScope({ roles: ['wds'] });
    const data = () => {
      const row = readWindow(source, { level: 'policies' }, scope, 0, 1)
        .rows[0];
      return row.type === 'policy'
        ? { delivered: row.delivered, counts: row.counts }
        : undefined;
    };
    expect(data()).toEqual({
      delivered: 1,
      counts: { total: 2, failed: 1, pending: 1 },
    });
    // Pods in the same namespace leave the Deployments' deliveries as they were.
    store.upsert({ ...deployment('cluster2', 'db-pod'), kind: 'Pod' });
    expect(data()?.delivered).toBe(1);
    // web's copy on cluster2 recovers, and db arrives there.
    store.upsert(deployment('cluster2', 'web', 'running', '2'));
    expect(data()).toEqual({
      delivered: 1,
      counts: { total: 2, failed: 0, pending: 1 },
    });
    store.upsert(deployment('cluster2', 'db', 'running', '2'));
    expect(data()).toEqual({
      delivered: 2,
      counts: { total: 2, failed: 0, pending: 0 },
    });
    store.delete('cluster2', 'cluster2-web');
    expect(data()?.delivered).toBe(1);
  });
});

describe('Namespace objects a Binding binds', () => {
  it('are found, and counted again when one arrives', () => {
    const { store, source } = fleet();
    const namespace = (cluster: string): SlimResource => ({
      cluster,
      apiVersion: 'v1',
      kind: 'Namespace',
      resource: 'namespaces',
      name: 'shop',
      uid: `${cluster}-ns-shop`,
      resourceVersion: '1',
      status: { phase: 'running' },
    });
    store.upsert(policy('namespaces', 'edge'));
    store.upsert({
      ...binding('namespaces', [], ['cluster1', 'cluster2']),
      summary: {
        binding: {
          workloads: [
            { group: '', version: 'v1', resource: 'namespaces', name: 'shop' },
          ],
          destinations: ['cluster1', 'cluster2'],
        },
      },
    });
    store.upsert(namespace('cluster1'));
    const delivered = () => {
      const row = readWindow(
        source,
        { level: 'policies' },
        viewScope({ roles: ['wds'] }),
        0,
        10,
      ).rows.find(r => r.key === 'wds1/namespaces');
      return row?.type === 'policy' ? row.delivered : undefined;
    };
    expect(delivered()).toBe(1);
    store.upsert(namespace('cluster2'));
    expect(delivered()).toBe(2);
  });
});

describe('the staged levels', () => {
  const wdsObject = (
    kind: string,
    name: string,
    namespace?: string,
    labels?: Record<string, string>,
  ): SlimResource => ({
    cluster: 'wds1',
    apiVersion: 'v1',
    kind,
    resource: `${kind.toLowerCase()}s`,
    ...(namespace ? { namespace } : {}),
    name,
    uid: `wds1-${kind}-${name}`,
    resourceVersion: '1',
    status: { phase: 'running' },
    ...(labels ? { labels } : {}),
  });
  const staged = () => {
    const { store, source } = fleet();
    store.upsert(wdsObject('Namespace', 'shop', undefined, { team: 'shop' }));
    store.upsert(wdsObject('Namespace', 'kube-system'));
    store.upsert(wdsObject('ConfigMap', 'kube-root-ca.crt', 'shop'));
    store.upsert(wdsObject('ConfigMap', 'settings', 'shop', { app: 'web' }));
    store.upsert(wdsObject('ServiceAccount', 'default', 'shop'));
    store.upsert(wdsObject('ConfigMap', 'coredns', 'kube-system'));
    // Selects the ConfigMaps of namespaces labelled team=shop.
    const selecting = policy('configs', 'edge');
    store.upsert({
      ...selecting,
      summary: {
        policy: {
          ...selecting.summary!.policy!,
          downsync: [
            {
              apiGroup: '',
              resources: ['configmaps'],
              namespaceSelectors: [{ matchLabels: { team: 'shop' } }],
            },
          ],
        },
      },
    });
    return source;
  };
  const scope = viewScope({ roles: ['wds'] });

  it("lists a WDS's own namespaces with how many staged objects each holds", () => {
    const window = readWindow(
      staged(),
      { level: 'stagedNamespaces', cluster: 'wds1' },
      scope,
      0,
      50,
    );
    expect(
      window.rows.map(row =>
        row.type === 'staged' ? [row.resource.name, row.counts.total] : [],
      ),
    ).toEqual([['shop', 15]]);
  });

  it('lists the staged objects, not the bookkeeping, with the policies that bind or select each', () => {
    const source = staged();
    const window = readWindow(
      source,
      { level: 'staged', cluster: 'wds1' },
      scope,
      0,
      3,
    );
    // 14 Deployments and a ConfigMap; kube-root-ca.crt and the ServiceAccount are the
    // server's, kube-system is not staged.
    expect(window.total).toBe(15);
    const rows = window.rows.map(row =>
      row.type === 'staged'
        ? `${row.resource.kind} ${row.resource.name} bound:${row.bound} selecting:${row.selecting}`
        : row.type,
    );
    expect(rows).toEqual([
      'ConfigMap settings bound: selecting:configs',
      'Deployment api-1 bound:edge selecting:',
      'Deployment api-2 bound:edge selecting:',
    ]);
    const search = (text: string) =>
      readWindow(
        source,
        { level: 'staged', cluster: 'wds1', search: text },
        scope,
        0,
        50,
      ).rows.map(row => (row.type === 'staged' ? row.resource.name : ''));
    // Kind, name and label all match.
    expect(search('APP=WEB')).toEqual(['settings']);
    expect(search('configmap')).toEqual(['settings']);
    expect(search('api-1')).toEqual(['api-1', 'api-10', 'api-11', 'api-12']);
    expect(
      readWindow(
        source,
        { level: 'staged', cluster: 'wds1', namespace: 'other' },
        scope,
        0,
        50,
      ).total,
    ).toBe(0);
  });
});

describe('copyIn', () => {
  it('finds an object by group, resource, namespace and name', () => {
    const { store } = fleet();
    expect(copyIn(store, 'cluster1', bound('api-10'))?.uid).toBe(
      'cluster1-api-10',
    );
    expect(copyIn(store, 'cluster1', bound('api-100'))).toBeUndefined();
    expect(
      copyIn(store, 'cluster1', { ...bound('web'), group: 'extensions' }),
    ).toBeUndefined();
    expect(copyIn(store, 'cluster9', bound('web'))).toBeUndefined();
  });
});
