import { nextConditions } from './RegistrationAgent';

const cluster = (
  hubAcceptsClient: boolean,
  conditions: Array<{ type: string; status: string; reason?: string }> = [],
) =>
  ({
    metadata: { name: 'cluster2' },
    spec: { hubAcceptsClient },
    status: {
      conditions: conditions.map(c => ({
        reason: 'Earlier',
        message: '',
        lastTransitionTime: '2020-01-01T00:00:00Z',
        ...c,
      })),
    },
  } as any);

const statuses = (conditions: Array<{ type: string; status: string }>) =>
  Object.fromEntries(conditions.map(c => [c.type, c.status]));

describe('nextConditions', () => {
  it('leaves a cluster the hub never accepted as its agent filed it', () => {
    expect(nextConditions(cluster(false), true, true)).toEqual([]);
  });

  it('accepts a cluster, which joins only once its agent holds a certificate', () => {
    expect(statuses(nextConditions(cluster(true), true, false))).toEqual({
      HubAcceptedManagedCluster: 'True',
    });
    expect(statuses(nextConditions(cluster(true), true, true))).toEqual({
      HubAcceptedManagedCluster: 'True',
      ManagedClusterJoined: 'True',
      ManagedClusterConditionAvailable: 'True',
      ManagedClusterConditionClockSynced: 'True',
    });
  });

  it('denies a cluster accepted before, whose lease then goes stale', () => {
    const accepted = cluster(false, [
      { type: 'HubAcceptedManagedCluster', status: 'True' },
      { type: 'ManagedClusterJoined', status: 'True' },
      { type: 'ManagedClusterConditionAvailable', status: 'True' },
    ]);
    const next = nextConditions(accepted, true, true);
    expect(statuses(next)).toEqual({
      HubAcceptedManagedCluster: 'False',
      ManagedClusterJoined: 'True',
      ManagedClusterConditionAvailable: 'Unknown',
    });
    expect(next[0]).toMatchObject({ reason: 'HubClusterAdminDenied' });
  });

  it('reports a joined cluster whose control plane is gone as unknown', () => {
    const joined = cluster(true, [
      { type: 'HubAcceptedManagedCluster', status: 'True' },
      { type: 'ManagedClusterJoined', status: 'True' },
      { type: 'ManagedClusterConditionAvailable', status: 'True' },
    ]);
    const next = nextConditions(joined, false, false);
    expect(statuses(next)).toMatchObject({
      ManagedClusterJoined: 'True',
      ManagedClusterConditionAvailable: 'Unknown',
    });
  });

  it('moves a transition time only with its status', () => {
    const joined = cluster(true, [
      { type: 'HubAcceptedManagedCluster', status: 'True' },
      { type: 'ManagedClusterJoined', status: 'True' },
      { type: 'ManagedClusterConditionAvailable', status: 'False' },
    ]);
    const next = nextConditions(joined, true, true);
    const time = (type: string) =>
      next.find(c => c.type === type)!.lastTransitionTime;
    expect(time('ManagedClusterJoined')).toBe('2020-01-01T00:00:00Z');
    expect(time('ManagedClusterConditionAvailable')).not.toBe(
      '2020-01-01T00:00:00Z',
    );
  });
});
