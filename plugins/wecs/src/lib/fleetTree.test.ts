import { SlimResource, StatusPhase } from '@kubestellar/plugin-wecs-common';
import { clusterStatus } from '../__testUtils__/fixtures';
import {
  buildFleetTree,
  CLUSTER_SCOPED_LABEL,
  expandableIds,
  pathTo,
  revealMatches,
  TreeNode,
  visibleRows,
} from './fleetTree';

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

/** The tree as indented `label (total/failed/pending)` lines. */
function outline(nodes: TreeNode[], depth = 0): string[] {
  return nodes.flatMap(node => [
    `${'  '.repeat(depth)}${node.label} (${node.counts.total}/${
      node.counts.failed
    }/${node.counts.pending})`,
    ...outline(node.children, depth + 1),
  ]);
}

describe('buildFleetTree', () => {
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

  const tree = buildFleetTree(
    [
      clusterStatus('cluster2'),
      clusterStatus('cluster1'),
      clusterStatus('cluster3'),
    ],
    [
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
  );

  it('nests owned objects under their controller, workload kinds first', () => {
    expect(outline(tree)).toEqual([
      'cluster1 (9/1/1)',
      '  shop (8/1/1)',
      '    Deployment (4/1/0)',
      '      storefront (4/1/0)',
      '        storefront-7d9 (3/1/0)',
      '          storefront-7d9-a (1/1/0)',
      '          storefront-7d9-b (1/0/0)',
      '    CronJob (3/0/1)',
      '      inventory-sync (3/0/1)',
      '        inventory-sync-1 (2/0/1)',
      '          inventory-sync-1-x (1/0/1)',
      '    Service (1/0/0)',
      '      storefront (1/0/0)',
      `  ${CLUSTER_SCOPED_LABEL} (1/0/0)`,
      '    AppliedManifestWork (1/0/0)',
      '      hub-shop (1/0/0)',
      'cluster2 (1/0/0)',
      '  monitoring (1/0/0)',
      '    ConfigMap (1/0/0)',
      '      settings (1/0/0)',
      'cluster3 (0/0/0)',
    ]);
  });

  it('gives a namespace node its Namespace object and keeps ids stable', () => {
    const shop = tree[0].children[0];
    expect(shop.resource).toBe(namespace);
    const again = buildFleetTree([clusterStatus('cluster1')], [deployment]);
    expect(again[0].children[0].children[0].children[0].id).toBe(
      tree[0].children[0].children[0].children[0].id,
    );
  });
});

describe('visibleRows, expandableIds, revealMatches and pathTo', () => {
  const deployment = object('Deployment', 'storefront');
  const pod = object('Pod', 'storefront-abc', { owner: deployment });
  const tree = buildFleetTree([clusterStatus('cluster1')], [deployment, pod]);
  const marker = (row: { expandable: boolean; expanded: boolean }) => {
    if (!row.expandable) return '';
    return row.expanded ? ' -' : ' +';
  };
  const labels = (expanded: Set<string>) =>
    visibleRows(tree, expanded).map(
      row => `${'  '.repeat(row.depth)}${row.node.label}${marker(row)}`,
    );

  it('shows children of expanded nodes only', () => {
    expect(labels(new Set())).toEqual(['cluster1 +']);
    expect(labels(new Set(['c:cluster1', 'n:cluster1/shop']))).toEqual([
      'cluster1 -',
      '  shop -',
      '    Deployment +',
    ]);
    expect(labels(expandableIds(tree))).toEqual([
      'cluster1 -',
      '  shop -',
      '    Deployment -',
      '      storefront -',
      '        storefront-abc',
    ]);
  });

  it('reveals what a search matches, however deep', () => {
    const { expand, matches } = revealMatches(tree, 'ABC');
    expect(labels(expand)).toEqual([
      'cluster1 -',
      '  shop -',
      '    Deployment -',
      '      storefront -',
      '        storefront-abc',
    ]);
    expect([...matches]).toEqual([`r:cluster1/${pod.uid}`]);
    expect(revealMatches(tree, '  ').matches.size).toBe(0);
  });

  it('finds the path to a node, for breadcrumbs', () => {
    expect(
      pathTo(tree, `r:cluster1/${pod.uid}`).map(node => node.label),
    ).toEqual([
      'cluster1',
      'shop',
      'Deployment',
      'storefront',
      'storefront-abc',
    ]);
    expect(pathTo(tree, 'r:cluster1/gone')).toEqual([]);
  });
});
