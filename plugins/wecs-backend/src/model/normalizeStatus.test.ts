import { normalizeStatus } from './normalizeStatus';

const pod = (status: object, extra: object = {}) => ({
  metadata: { name: 'p' },
  spec: { containers: [{ name: 'a' }, { name: 'b' }] },
  status,
  ...extra,
});

describe('normalizeStatus', () => {
  it.each([
    [
      'a ready running pod',
      pod({
        phase: 'Running',
        containerStatuses: [{ ready: true }, { ready: true }],
      }),
      'running',
      '2/2',
    ],
    [
      'a running pod with an unready container',
      pod({
        phase: 'Running',
        containerStatuses: [{ ready: true }, { ready: false }],
      }),
      'pending',
      '1/2 ready',
    ],
    [
      'a crash-looping pod',
      pod({
        phase: 'Running',
        containerStatuses: [
          { ready: false, state: { waiting: { reason: 'CrashLoopBackOff' } } },
        ],
      }),
      'failed',
      'CrashLoopBackOff',
    ],
    [
      'an image pull failure',
      pod({
        phase: 'Pending',
        containerStatuses: [
          { state: { waiting: { reason: 'ImagePullBackOff' } } },
        ],
      }),
      'failed',
      'ImagePullBackOff',
    ],
    [
      'an unschedulable pod',
      pod({
        phase: 'Pending',
        conditions: [
          { type: 'PodScheduled', status: 'False', reason: 'Unschedulable' },
        ],
      }),
      'pending',
      'Unschedulable',
    ],
    [
      'a pod starting its init containers',
      pod({
        phase: 'Pending',
        initContainerStatuses: [{ state: { running: {} } }],
      }),
      'pending',
      'PodInitializing',
    ],
    ['a completed pod', pod({ phase: 'Succeeded' }), 'succeeded', 'Completed'],
    [
      'a terminating pod',
      pod(
        { phase: 'Running' },
        { metadata: { name: 'p', deletionTimestamp: '2026-01-01T00:00:00Z' } },
      ),
      'pending',
      'Terminating',
    ],
  ])('%s', (_what, object, phase, reason) => {
    expect(normalizeStatus('Pod', object)).toEqual({ phase, reason });
  });

  it('counts ready replicas of workload controllers', () => {
    expect(
      normalizeStatus('Deployment', {
        spec: { replicas: 3 },
        status: { readyReplicas: 0 },
      }),
    ).toEqual({ phase: 'pending', reason: '0/3 ready' });
    expect(
      normalizeStatus('StatefulSet', {
        spec: { replicas: 2 },
        status: { readyReplicas: 2 },
      }),
    ).toEqual({ phase: 'running', reason: '2/2' });
    expect(
      normalizeStatus('DaemonSet', {
        status: { desiredNumberScheduled: 3, numberReady: 3 },
      }),
    ).toEqual({ phase: 'running', reason: '3/3' });
    expect(
      normalizeStatus('Deployment', {
        spec: { replicas: 1 },
        status: {
          conditions: [
            {
              type: 'Progressing',
              status: 'False',
              reason: 'ProgressDeadlineExceeded',
            },
          ],
        },
      }),
    ).toEqual({ phase: 'failed', reason: 'ProgressDeadlineExceeded' });
  });

  it('follows Jobs to completion or failure', () => {
    expect(
      normalizeStatus('Job', {
        status: { conditions: [{ type: 'Complete', status: 'True' }] },
      }).phase,
    ).toBe('succeeded');
    expect(
      normalizeStatus('Job', {
        status: {
          conditions: [
            { type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' },
          ],
        },
      }),
    ).toEqual({ phase: 'failed', reason: 'BackoffLimitExceeded' });
    expect(normalizeStatus('Job', { status: { active: 1 } })).toEqual({
      phase: 'running',
      reason: '1 active',
    });
  });

  it('maps ManagedCluster conditions to Active, Pending and Inactive', () => {
    const cluster = (accepted: boolean, joined: string, available: string) => ({
      spec: { hubAcceptsClient: accepted },
      status: {
        conditions: [
          { type: 'ManagedClusterJoined', status: joined },
          {
            type: 'ManagedClusterConditionAvailable',
            status: available,
            reason: 'ManagedClusterLeaseUpdateStopped',
          },
        ],
      },
    });
    expect(
      normalizeStatus('ManagedCluster', cluster(true, 'True', 'True')),
    ).toEqual({ phase: 'running', reason: 'Active' });
    expect(
      normalizeStatus('ManagedCluster', cluster(false, 'False', 'False')),
    ).toEqual({ phase: 'pending', reason: 'Not accepted' });
    expect(
      normalizeStatus('ManagedCluster', cluster(true, 'False', 'False')),
    ).toEqual({ phase: 'pending', reason: 'Not joined' });
    expect(
      normalizeStatus('ManagedCluster', cluster(true, 'True', 'Unknown')).phase,
    ).toBe('unknown');
    expect(
      normalizeStatus('ManagedCluster', cluster(true, 'True', 'False')).phase,
    ).toBe('failed');
  });

  it('calls a BindingPolicy pending until observed, failed when misconfigured', () => {
    const policy = (generation: number, observed: number, extra = {}) => ({
      metadata: { generation },
      status: {
        observedGeneration: observed,
        conditions: [{ type: 'Ready', status: 'True', reason: 'Ok' }],
        ...extra,
      },
    });
    expect(normalizeStatus('BindingPolicy', policy(2, 2))).toEqual({
      phase: 'running',
      reason: 'Ok',
    });
    expect(normalizeStatus('BindingPolicy', policy(3, 2))).toEqual({
      phase: 'pending',
      reason: 'Not yet observed',
    });
    expect(
      normalizeStatus('BindingPolicy', policy(2, 2, { errors: ['bad'] })),
    ).toEqual({ phase: 'failed', reason: 'Errors' });
  });

  it('calls a CSR pending until approved, and failed when denied', () => {
    const csr = (conditions: object[], certificate?: string) => ({
      status: { conditions, ...(certificate ? { certificate } : {}) },
    });
    expect(normalizeStatus('CertificateSigningRequest', csr([]))).toEqual({
      phase: 'pending',
      reason: 'Pending approval',
    });
    expect(
      normalizeStatus(
        'CertificateSigningRequest',
        csr([{ type: 'Approved', status: 'True' }], 'LS0t'),
      ),
    ).toEqual({ phase: 'running', reason: 'Issued' });
    expect(
      normalizeStatus(
        'CertificateSigningRequest',
        csr([{ type: 'Denied', status: 'True' }]),
      ).phase,
    ).toBe('failed');
  });

  it('reads conditions and phases of other kinds', () => {
    expect(
      normalizeStatus('PersistentVolumeClaim', { status: { phase: 'Bound' } }),
    ).toEqual({ phase: 'running', reason: 'Bound' });
    expect(
      normalizeStatus('Database', {
        status: {
          conditions: [
            { type: 'Ready', status: 'False', reason: 'Provisioning' },
          ],
        },
      }),
    ).toEqual({ phase: 'failed', reason: 'Provisioning' });
    expect(normalizeStatus('ConfigMap', { data: {} })).toEqual({
      phase: 'running',
    });
    expect(normalizeStatus('Endpoints', { subsets: [] })).toEqual({
      phase: 'pending',
      reason: 'No ready endpoints',
    });
  });

  it('reads a custom resource whose conditions are shaped its own way without failing', () => {
    expect(
      normalizeStatus('Widget', { status: { conditions: { Ready: true } } }),
    ).toEqual({ phase: 'running' });
    expect(
      normalizeStatus('Widget', {
        status: {
          conditions: [
            null,
            'Ready',
            { type: 'Ready', status: 'True', reason: 7 },
          ],
        },
      }),
    ).toEqual({ phase: 'running' });
  });
});
