import { kubestellarFleet, slimResource } from '../../__testUtils__/fixtures';
import {
  clauseSelects,
  clustersSelectedBy,
  managedWorkloads,
  matchesSelector,
  placementHealth,
  policySelects,
} from '@kubestellar/plugin-wecs-common';
import { indexByPlace, lookupIn } from './placement';

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
      lookupIn(indexByPlace([web, settings])),
      lookupIn(indexByPlace([delivered])),
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
      lookupIn(indexByPlace([web])),
      lookupIn(indexByPlace([delivered, other])),
    );
    expect(placementHealth(running)).toBe('running');
    const [failed] = managedWorkloads(
      [binding],
      lookupIn(indexByPlace([web])),
      lookupIn(
        indexByPlace([
          delivered,
          { ...other, status: { phase: 'failed', reason: 'CrashLoopBackOff' } },
        ]),
      ),
    );
    expect(placementHealth(failed)).toBe('failed');
  });

  it('names the kind of a bound object the WDS no longer has', () => {
    const [workload] = managedWorkloads(
      [binding],
      lookupIn(new Map()),
      lookupIn(indexByPlace([slimResource('Pod', 'x')])),
    );
    expect(workload.kind).toBe('deployment');
    expect(workload.staged).toBeUndefined();
  });
});
