import { SlimResource, StatusPhase } from '@kubestellar/plugin-wecs-common';
import { FakeFleetTree } from '../__testUtils__/fakeFleetTree';
import { clusterStatus } from '../__testUtils__/fixtures';
import {
  childQueryOf,
  CLUSTER_SCOPED_LABEL,
  labelOfId,
  nodeOf,
  parseNodeId,
} from './fleetTree';
import { Expansion, HeldWindow, layoutTree, ROOT_LIST } from './treeLayout';

let uid = 0;
function object(
  kind: string,
  name: string,
  options: {
    cluster?: string;
    namespace?: string | null;
    owner?: SlimResource;
    phase?: StatusPhase;
    controller?: boolean;
  } = {},
): SlimResource {
  const { owner } = options;
  return {
    cluster: options.cluster ?? 'cluster1',
    apiVersion: 'v1',
    kind,
    resource: `${kind.toLowerCase()}s`,
    ...(options.namespace === null
      ? {}
      : { namespace: options.namespace ?? 'shop' }),
    name,
    uid: `uid-${++uid}`,
    resourceVersion: '1',
    status: { phase: options.phase ?? 'running' },
    ...(owner
      ? {
          owners: [
            {
              apiVersion: owner.apiVersion,
              kind: owner.kind,
              name: owner.name,
              uid: owner.uid,
              controller: options.controller ?? true,
            },
          ],
        }
      : {}),
  };
}

/**
 * The whole tree as indented `label (total/failed/pending)` lines: every expandable row
 * expanded, level by level, from the views a fake backend serves.
 */
function outline(fleet: FakeFleetTree): string[] {
  const expanded = new Map<string, Expansion>();
  const windows = new Map<string, HeldWindow>();
  for (;;) {
    const layout = layoutTree(expanded, windows);
    let grew = false;
    for (const list of layout.lists) {
      if (windows.has(list.key)) continue;
      const rows = fleet.rows(list.query);
      windows.set(list.key, { total: rows.length, offset: 0, rows });
      grew = true;
    }
    for (let index = 0; index < layout.count; index++) {
      const line = layout.lineAt(index);
      if (line.node?.expandable && !expanded.has(line.id)) {
        expanded.set(line.id, {
          parent: line.list,
          query: childQueryOf(line.node),
        });
        grew = true;
      }
    }
    if (!grew) break;
  }
  const layout = layoutTree(expanded, windows);
  return Array.from({ length: layout.count }, (_, index) => {
    const { node, depth } = layout.lineAt(index);
    const { total, failed, pending } = node!.counts;
    return `${'  '.repeat(depth)}${
      node!.label
    } (${total}/${failed}/${pending})`;
  });
}

describe('the tree from its views', () => {
  const deployment = object('Deployment', 'storefront');
  const replicaSet = object('ReplicaSet', 'storefront-7d9', {
    owner: deployment,
  });
  const pods = [
    object('Pod', 'storefront-7d9-b', { owner: replicaSet }),
    object('Pod', 'storefront-7d9-a', {
      owner: replicaSet,
      phase: 'failed',
    }),
  ];
  const cronJob = object('CronJob', 'inventory-sync');
  const job = object('Job', 'inventory-sync-1', { owner: cronJob });
  const jobPod = object('Pod', 'inventory-sync-1-x', {
    owner: job,
    phase: 'pending',
  });
  const applied = object('AppliedManifestWork', 'hub-shop', {
    namespace: null,
  });
  const service = object('Service', 'storefront', {
    owner: applied,
    controller: false,
  });
  const namespace = object('Namespace', 'shop', { namespace: null });
  const other = object('ConfigMap', 'settings', {
    cluster: 'cluster2',
    namespace: 'monitoring',
  });
  const fleet = {
    clusters: [
      clusterStatus('cluster2'),
      clusterStatus('cluster1'),
      clusterStatus('cluster3'),
    ],
    resources: [
      service,
      ...pods,
      job,
      jobPod,
      replicaSet,
      namespace,
      deployment,
      cronJob,
      applied,
      other,
    ],
  };

  it('nests owned objects under their controller, workload kinds first', () => {
    expect(outline(new FakeFleetTree(fleet))).toEqual([
      'cluster1 (9/1/1)',
      '  shop (8/1/1)',
      '    Deployments (4/1/0)',
      '      storefront (4/1/0)',
      '        storefront-7d9 (3/1/0)',
      '          storefront-7d9-a (1/1/0)',
      '          storefront-7d9-b (1/0/0)',
      '    CronJobs (3/0/1)',
      '      inventory-sync (3/0/1)',
      '        inventory-sync-1 (2/0/1)',
      '          inventory-sync-1-x (1/0/1)',
      '    Services (1/0/0)',
      '      storefront (1/0/0)',
      `  ${CLUSTER_SCOPED_LABEL} (1/0/0)`,
      '    AppliedManifestWorks (1/0/0)',
      '      hub-shop (1/0/0)',
      'cluster2 (1/0/0)',
      '  monitoring (1/0/0)',
      '    ConfigMaps (1/0/0)',
      '      settings (1/0/0)',
      'cluster3 (0/0/0)',
    ]);
  });

  it('lists each object under its own kind when a filter would break the nesting', () => {
    expect(
      outline(new FakeFleetTree(fleet, { phases: ['failed', 'pending'] })),
    ).toEqual([
      'cluster1 (2/1/1)',
      '  shop (2/1/1)',
      '    Pods (2/1/1)',
      '      inventory-sync-1-x (1/0/1)',
      '      storefront-7d9-a (1/1/0)',
      'cluster2 (0/0/0)',
      'cluster3 (0/0/0)',
    ]);
  });

  it('gives a namespace row its Namespace object, and each node the ids links use', () => {
    const tree = new FakeFleetTree(fleet);
    const [shop] = tree.rows({ level: 'namespaces', cluster: 'cluster1' });
    expect(nodeOf(shop)).toMatchObject({
      id: 'n:cluster1/shop',
      type: 'namespace',
      label: 'shop',
      namespace: 'shop',
      resource: namespace,
    });
    const [, scoped] = tree
      .rows({ level: 'namespaces', cluster: 'cluster1' })
      .map(nodeOf);
    expect(scoped).toMatchObject({
      id: 'n:cluster1/',
      label: CLUSTER_SCOPED_LABEL,
      namespace: undefined,
    });
    expect(childQueryOf(scoped)).toEqual({
      level: 'kinds',
      cluster: 'cluster1',
      namespace: '',
    });
    const [rs] = tree
      .rows({ level: 'owned', cluster: 'cluster1', uid: deployment.uid })
      .map(nodeOf);
    expect(rs).toMatchObject({
      id: `r:cluster1/${replicaSet.uid}`,
      label: 'storefront-7d9',
      expandable: true,
    });
    expect(childQueryOf(rs)).toEqual({
      level: 'owned',
      cluster: 'cluster1',
      uid: replicaSet.uid,
    });
    const [pending] = new FakeFleetTree({
      clusters: [
        clusterStatus('cluster4', { state: 'pending' }),
        clusterStatus('cluster5'),
      ],
      resources: [],
    })
      .rows({ level: 'clusters' })
      .map(nodeOf);
    expect(pending).toMatchObject({ id: 'c:cluster4', expandable: false });
    expect(ROOT_LIST).not.toMatch(/^[cnkr]:/);
  });
});

describe('parseNodeId', () => {
  it('reads back what each id says, cluster names with slashes included', () => {
    expect(parseNodeId('c:cluster1')).toEqual({
      type: 'cluster',
      cluster: 'cluster1',
    });
    expect(parseNodeId('n:arn:aws:eks:eu/prod/shop')).toEqual({
      type: 'namespace',
      cluster: 'arn:aws:eks:eu/prod',
      namespace: 'shop',
    });
    expect(parseNodeId('n:cluster1/')).toEqual({
      type: 'namespace',
      cluster: 'cluster1',
      namespace: '',
    });
    expect(parseNodeId('k:cluster1//StorageClass')).toEqual({
      type: 'kind',
      cluster: 'cluster1',
      namespace: '',
      kind: 'StorageClass',
    });
    expect(parseNodeId('r:cluster1/uid-1')).toEqual({
      type: 'instance',
      cluster: 'cluster1',
      uid: 'uid-1',
    });
    for (const bad of ['', 'c:', 'x:a', 'n:shop', 'k:c/Pod', 'r:c/', 'r:/u'])
      expect(parseNodeId(bad)).toBeUndefined();
    expect(labelOfId('n:cluster1/')).toBe(CLUSTER_SCOPED_LABEL);
    expect(labelOfId('k:cluster1/shop/Pod')).toBe('Pods');
  });
});
