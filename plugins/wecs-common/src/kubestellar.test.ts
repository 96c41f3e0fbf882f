import {
  clauseSelects,
  clustersSelectedBy,
  CopyLookup,
  managedWorkloads,
  matchesSelector,
  objectKey,
  placementCounts,
  placementHealth,
  policySelects,
  resourceKey,
  workloadList,
} from './kubestellar';
import type { SlimResource } from './resources';

const resource = (
  kind: string,
  name: string,
  extra: Partial<SlimResource> = {},
): SlimResource => ({
  cluster: 'cluster1',
  apiVersion: 'v1',
  kind,
  resource: `${kind.toLowerCase()}s`,
  namespace: 'shop',
  name,
  uid: `uid-${name}`,
  resourceVersion: '1',
  status: { phase: 'running' },
  ...extra,
});

/** A WDS staging web and settings, a policy binding web to cluster1 and cluster2. */
function kubestellarFleet() {
  const staged = (kind: string, name: string, extra = {}) =>
    resource(kind, name, { cluster: 'wds1', uid: `wds-${name}`, ...extra });
  const web = staged('Deployment', 'web', {
    apiVersion: 'apps/v1',
    labels: { app: 'web' },
  });
  const settings = staged('ConfigMap', 'settings', {
    labels: { app: 'settings' },
  });
  const policy = staged('BindingPolicy', 'shop-edge', {
    apiVersion: 'control.kubestellar.io/v1alpha1',
    namespace: undefined,
    summary: {
      policy: {
        clusterSelectors: [{ matchLabels: { 'location-group': 'edge' } }],
        downsync: [
          {
            apiGroup: 'apps',
            namespaces: ['shop'],
            objectSelectors: [{ matchLabels: { app: 'web' } }],
          },
        ],
        observed: true,
      },
    },
  });
  const binding = staged('Binding', 'shop-edge', {
    apiVersion: 'control.kubestellar.io/v1alpha1',
    namespace: undefined,
    summary: {
      binding: {
        workloads: [
          {
            group: 'apps',
            version: 'v1',
            resource: 'deployments',
            namespace: 'shop',
            name: 'web',
          },
        ],
        destinations: ['cluster2', 'cluster1'],
      },
    },
  });
  const delivered = resource('Deployment', 'web', {
    apiVersion: 'apps/v1',
    uid: 'c1-web',
  });
  const managedClusters = [
    ['cluster1', 'edge'],
    ['cluster2', 'edge'],
    ['cluster3', 'core'],
  ].map(([name, group]) =>
    resource('ManagedCluster', name, {
      cluster: 'its1',
      namespace: undefined,
      labels: { 'location-group': group },
    }),
  );
  return { web, settings, policy, binding, delivered, managedClusters };
}

/** Finds copies among `resources` by cluster and identity. */
const lookupIn = (resources: SlimResource[]): CopyLookup => {
  const index = new Map(
    resources.map(r => [`${r.cluster}|${resourceKey(r)}`, r]),
  );
  return (cluster, object) => index.get(`${cluster}|${objectKey(object)}`);
};

describe('matchesSelector', () => {
  const labels = { app: 'web', tier: 'front' };
  it.each([
    [{}, true],
    [{ matchLabels: { app: 'web' } }, true],
    [{ matchLabels: { app: 'api' } }, false],
    [
      {
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['front', 'back'] },
        ],
      },
      true,
    ],
    [
      {
        matchExpressions: [
          { key: 'tier', operator: 'NotIn', values: ['front'] },
        ],
      },
      false,
    ],
    [
      { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] },
      true,
    ],
    [{ matchExpressions: [{ key: 'app', operator: 'Exists' }] }, true],
    [{ matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, false],
    [
      {
        matchLabels: { app: 'web' },
        matchExpressions: [{ key: 'zone', operator: 'Exists' }],
      },
      false,
    ],
  ] as const)('%j → %s', (selector, expected) => {
    expect(matchesSelector(labels, selector as any)).toBe(expected);
  });
});

describe('policy selection', () => {
  const { web, settings, policy, managedClusters } = kubestellarFleet();

  it('selects objects by group, namespace and labels', () => {
    expect(policySelects(policy, web)).toBe(true);
    expect(policySelects(policy, settings)).toBe(false);
    expect(policySelects(policy, { ...web, namespace: 'other' })).toBe(false);
    expect(policySelects(policy, { ...web, labels: { app: 'api' } })).toBe(
      false,
    );
  });

  it('reads resources, names and namespace selectors', () => {
    const clause = {
      apiGroup: '',
      resources: ['configmaps'],
      objectNames: ['settings'],
      namespaceSelectors: [{ matchLabels: { team: 'shop' } }],
    };
    expect(clauseSelects(clause, settings, { team: 'shop' })).toBe(true);
    expect(clauseSelects(clause, settings, { team: 'other' })).toBe(false);
    expect(
      clauseSelects(clause, { ...settings, name: 'x' }, { team: 'shop' }),
    ).toBe(false);
    expect(clauseSelects(clause, web, { team: 'shop' })).toBe(false);
  });

  it('picks the clusters whose labels a selector matches', () => {
    expect(clustersSelectedBy(policy, managedClusters)).toEqual([
      'cluster1',
      'cluster2',
    ]);
  });
});

describe('managedWorkloads', () => {
  const { web, settings, binding, delivered } = kubestellarFleet();

  it('joins each bound object to its WDS copy and its copy in each destination', () => {
    const [workload, ...rest] = managedWorkloads(
      [binding],
      lookupIn([web, settings]),
      lookupIn([delivered]),
    );
    expect(rest).toEqual([]);
    expect(workload.kind).toBe('Deployment');
    expect(workload.staged).toBe(web);
    expect(workload.policies).toEqual(['shop-edge']);
    expect(workload.placements).toEqual([
      { cluster: 'cluster1', delivered },
      { cluster: 'cluster2', delivered: undefined },
    ]);
    expect(placementHealth(workload)).toBe('pending');
  });

  it('is running when every copy runs and failed when one fails', () => {
    const other = { ...delivered, cluster: 'cluster2', uid: 'c2-web' };
    const [running] = managedWorkloads(
      [binding],
      lookupIn([web]),
      lookupIn([delivered, other]),
    );
    expect(placementHealth(running)).toBe('running');
    const [failed] = managedWorkloads(
      [binding],
      lookupIn([web]),
      lookupIn([
        delivered,
        { ...other, status: { phase: 'failed', reason: 'CrashLoopBackOff' } },
      ]),
    );
    expect(placementHealth(failed)).toBe('failed');
  });

  it('names the kind of a bound object the WDS no longer has', () => {
    const [workload] = managedWorkloads(
      [binding],
      lookupIn([]),
      lookupIn([resource('Pod', 'x')]),
    );
    expect(workload.kind).toBe('deployment');
    expect(workload.staged).toBeUndefined();
  });
});

describe('workloadList', () => {
  it('narrows by namespace, policy and search, and sorts by namespace, kind and name', () => {
    const { binding, web } = kubestellarFleet();
    const more = {
      ...binding,
      name: 'more',
      summary: {
        binding: {
          workloads: ['api-10', 'api-2'].map(name => ({
            group: 'apps',
            version: 'v1',
            resource: 'deployments',
            namespace: 'shop',
            name,
          })),
          destinations: ['cluster1'],
        },
      },
    };
    const all = managedWorkloads([binding, more], lookupIn([web]));
    expect(workloadList(all, {}).map(w => w.object.name)).toEqual([
      'api-2',
      'api-10',
      'web',
    ]);
    expect(workloadList(all, { policy: 'more' })).toHaveLength(2);
    expect(workloadList(all, { search: 'SHOP-EDGE' })).toHaveLength(1);
    expect(workloadList(all, { namespace: 'other' })).toEqual([]);
    // None delivered yet: every placement waits.
    expect(placementCounts(all[0])).toEqual({
      total: 2,
      failed: 0,
      pending: 2,
    });
  });
});
