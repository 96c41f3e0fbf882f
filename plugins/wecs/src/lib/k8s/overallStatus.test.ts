import { overallStatus } from './overallStatus';

describe('overallStatus', () => {
  it.each([
    [
      'Deployment',
      { phase: 'pending', reason: '0/3 ready' },
      'Not Ready',
      '0/3 ready',
    ],
    ['Deployment', { phase: 'running', reason: '3/3' }, 'Available', '3/3'],
    ['StatefulSet', { phase: 'running', reason: '2/2' }, 'Ready', '2/2'],
    ['Pod', { phase: 'running', reason: '1/1' }, 'Running', '1/1'],
    [
      'Pod',
      { phase: 'pending', reason: 'Unschedulable' },
      'Pending',
      'Unschedulable',
    ],
    [
      'Pod',
      { phase: 'failed', reason: 'ImagePullBackOff' },
      'Not Ready',
      'ImagePullBackOff',
    ],
    ['Job', { phase: 'succeeded', reason: 'Complete' }, 'Complete', undefined],
    [
      'Job',
      { phase: 'failed', reason: 'BackoffLimitExceeded' },
      'Failed',
      'BackoffLimitExceeded',
    ],
    [
      'PersistentVolumeClaim',
      { phase: 'running', reason: 'Bound' },
      'Bound',
      undefined,
    ],
    [
      'PersistentVolumeClaim',
      { phase: 'pending', reason: 'Pending' },
      'Pending',
      undefined,
    ],
    [
      'PersistentVolume',
      { phase: 'pending', reason: 'Released' },
      'Released',
      undefined,
    ],
    ['Service', { phase: 'running' }, 'Ready', undefined],
    [
      'Service',
      { phase: 'pending', reason: 'Waiting for load balancer' },
      'Not Ready',
      'Waiting for load balancer',
    ],
    [
      'ManagedCluster',
      { phase: 'running', reason: 'Active' },
      'Active',
      undefined,
    ],
    ['Widget', { phase: 'unknown' }, 'Unknown', undefined],
  ] as const)(
    'states a %s that is %o as %s (%s)',
    (kind, status, word, reason) => {
      const stated = overallStatus(kind, status);
      expect(stated.word).toBe(word);
      expect(stated.reason).toBe(reason);
      expect(stated.phase).toBe(status.phase);
    },
  );
});
