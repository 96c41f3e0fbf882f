import { slimResource } from '../../__testUtils__/fixtures';
import { joinSteps } from './joinSteps';

const csr = (phase: 'pending' | 'running' | 'failed', reason: string) =>
  slimResource('CertificateSigningRequest', 'cluster4-tjkzd', {
    cluster: 'its1',
    namespace: undefined,
    status: { phase, reason },
  });

describe('joinSteps', () => {
  it('tells a pending cluster what it waits for and how to move it on', () => {
    const steps = joinSteps(
      {
        metadata: {
          name: 'cluster4',
          creationTimestamp: '2026-11-27T00:00:00Z',
        },
        spec: { hubAcceptsClient: false },
        status: { conditions: [] },
      },
      [csr('pending', 'Pending approval')],
    );
    expect(steps.map(s => [s.title, s.phase])).toEqual([
      ['Registered', 'running'],
      ['Certificate signing request', 'pending'],
      ['Accepted by the hub', 'pending'],
      ['Joined', 'pending'],
      ['Available', 'pending'],
    ]);
    expect(steps[1].detail).toBe(
      'cluster4-tjkzd waits for approval: clusteradm accept --clusters cluster4',
    );
    expect(steps[2].detail).toContain('clusteradm accept --clusters cluster4');
  });

  it('follows a joined cluster to available, or to its expired lease', () => {
    const cluster = (available: string) => ({
      metadata: { name: 'cluster1' },
      spec: { hubAcceptsClient: true },
      status: {
        conditions: [
          { type: 'HubAcceptedManagedCluster', status: 'True' },
          {
            type: 'ManagedClusterJoined',
            status: 'True',
            reason: 'ManagedClusterJoined',
          },
          {
            type: 'ManagedClusterConditionAvailable',
            status: available,
            reason:
              available === 'True'
                ? 'ManagedClusterAvailable'
                : 'ManagedClusterLeaseUpdateStopped',
            message: 'Registration agent stopped updating its lease.',
          },
        ],
      },
    });
    expect(joinSteps(cluster('True'), []).map(s => s.phase)).toEqual([
      'running',
      'running',
      'running',
      'running',
      'running',
    ]);
    const lost = joinSteps(cluster('Unknown'), [])[4];
    expect(lost.phase).toBe('unknown');
    expect(lost.detail).toContain('ManagedClusterLeaseUpdateStopped');
    expect(joinSteps(cluster('True'), [csr('failed', 'Denied')])[1].phase).toBe(
      'failed',
    );
  });
});
