import { NormalizedStatus } from '@kubestellar/plugin-wecs-common';

type Obj = Record<string, any>;

/** Container waiting reasons that mean the container will not run without a change. */
const FAILING_WAIT_REASONS = new Set([
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'ErrImagePull',
  'InvalidImageName',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
  'ErrImageNeverPull',
]);

const running = (reason?: string): NormalizedStatus => ({
  phase: 'running',
  ...(reason ? { reason } : {}),
});
const pending = (reason?: string): NormalizedStatus => ({
  phase: 'pending',
  ...(reason ? { reason } : {}),
});
const failed = (reason?: string): NormalizedStatus => ({
  phase: 'failed',
  ...(reason ? { reason } : {}),
});

/**
 * The condition of a type, with its status and reason where they are text. Custom resources
 * shape their conditions as they like, so this reads any shape without failing.
 */
function condition(
  object: Obj,
  type: string,
): { status?: string; reason?: string } | undefined {
  const list: unknown = object.status?.conditions;
  if (!Array.isArray(list)) return undefined;
  const found = list.find(
    (c: unknown) =>
      typeof c === 'object' && c !== null && (c as Obj).type === type,
  ) as Obj | undefined;
  if (!found) return undefined;
  const text = (value: unknown) =>
    typeof value === 'string' ? value : undefined;
  return { status: text(found.status), reason: text(found.reason) };
}

function podStatus(pod: Obj): NormalizedStatus {
  const status = pod.status ?? {};
  if (pod.metadata?.deletionTimestamp) return pending('Terminating');
  if (status.phase === 'Succeeded')
    return { phase: 'succeeded', reason: 'Completed' };
  if (status.phase === 'Failed') return failed(status.reason ?? 'Failed');
  const scheduled = condition(pod, 'PodScheduled');
  if (scheduled?.status === 'False')
    return pending(scheduled.reason ?? 'Unschedulable');
  for (const init of status.initContainerStatuses ?? []) {
    const reason = init.state?.waiting?.reason;
    if (reason && FAILING_WAIT_REASONS.has(reason))
      return failed(`Init:${reason}`);
  }
  const containers: Obj[] = status.containerStatuses ?? [];
  for (const container of containers) {
    const reason = container.state?.waiting?.reason;
    if (reason && FAILING_WAIT_REASONS.has(reason)) return failed(reason);
    const terminated = container.state?.terminated;
    if (terminated && terminated.exitCode !== 0)
      return failed(terminated.reason ?? 'Error');
  }
  const total = pod.spec?.containers?.length ?? containers.length;
  const ready = containers.filter(c => c.ready).length;
  if (status.phase === 'Running') {
    return ready === total
      ? running(`${ready}/${total}`)
      : pending(`${ready}/${total} ready`);
  }
  const initWaiting = (status.initContainerStatuses ?? []).find(
    (c: Obj) => !c.state?.terminated,
  );
  if (initWaiting) return pending('PodInitializing');
  const waiting = containers.find(c => c.state?.waiting)?.state.waiting.reason;
  return pending(waiting ?? status.phase ?? 'Pending');
}

function replicaStatus(
  desired: number,
  ready: number,
  object: Obj,
): NormalizedStatus {
  const progressing = condition(object, 'Progressing');
  if (progressing?.status === 'False')
    return failed(progressing.reason ?? 'ProgressDeadlineExceeded');
  const replicaFailure = condition(object, 'ReplicaFailure');
  if (replicaFailure?.status === 'True')
    return failed(replicaFailure.reason ?? 'ReplicaFailure');
  if (desired === 0) return running('0/0');
  if (ready >= desired) return running(`${ready}/${desired}`);
  return pending(`${ready}/${desired} ready`);
}

function jobStatus(job: Obj): NormalizedStatus {
  const conditions: Obj[] = job.status?.conditions ?? [];
  const done = conditions.find(
    c => c.status === 'True' && ['Complete', 'Failed'].includes(c.type),
  );
  if (done?.type === 'Complete')
    return { phase: 'succeeded', reason: 'Complete' };
  if (done?.type === 'Failed') return failed(done.reason ?? 'Failed');
  if (job.spec?.suspend) return pending('Suspended');
  if (job.status?.active) return running(`${job.status.active} active`);
  return pending('Pending');
}

const PHASE_WORDS: Record<string, NormalizedStatus['phase']> = {
  running: 'running',
  ready: 'running',
  active: 'running',
  available: 'running',
  bound: 'running',
  healthy: 'running',
  succeeded: 'succeeded',
  completed: 'succeeded',
  complete: 'succeeded',
  pending: 'pending',
  provisioning: 'pending',
  progressing: 'pending',
  terminating: 'pending',
  released: 'pending',
  failed: 'failed',
  error: 'failed',
  degraded: 'failed',
  lost: 'failed',
  unknown: 'unknown',
};

/** ManagedCluster: Active when available, Pending before it is accepted and joined. */
function managedClusterStatus(cluster: Obj): NormalizedStatus {
  const accepted = cluster.spec?.hubAcceptsClient === true;
  const joined = condition(cluster, 'ManagedClusterJoined')?.status === 'True';
  if (!accepted) return pending('Not accepted');
  if (!joined) return pending('Not joined');
  const available = condition(cluster, 'ManagedClusterConditionAvailable');
  if (available?.status === 'True') return running('Active');
  if (available?.status === 'Unknown')
    return { phase: 'unknown', reason: available.reason ?? 'Unknown' };
  return failed(available?.reason ?? 'Inactive');
}

/**
 * BindingPolicy: failed when misconfigured or in error, pending until the controller has seen
 * its latest generation, running once it is observed and ready.
 */
function bindingPolicyStatus(policy: Obj): NormalizedStatus {
  const misconfigured = condition(policy, 'BindingPolicyMisconfigured');
  if (misconfigured?.status === 'True')
    return failed(misconfigured.reason ?? 'Misconfigured');
  if (policy.status?.errors?.length) return failed('Errors');
  if (
    (policy.metadata?.generation ?? 1) !==
    (policy.status?.observedGeneration ?? 0)
  )
    return pending('Not yet observed');
  return genericStatus(policy);
}

/** CertificateSigningRequest: pending until approved (or denied, or failed to issue). */
function csrStatus(csr: Obj): NormalizedStatus {
  for (const type of ['Denied', 'Failed']) {
    if (condition(csr, type)?.status === 'True') return failed(type);
  }
  if (condition(csr, 'Approved')?.status === 'True')
    return csr.status?.certificate ? running('Issued') : running('Approved');
  return pending('Pending approval');
}

/** Status for objects whose kind we do not know: Ready/Available conditions, then status.phase. */
function genericStatus(object: Obj): NormalizedStatus {
  for (const type of ['Ready', 'Available']) {
    const c = condition(object, type);
    if (c?.status === 'True') return running(c.reason);
    if (c?.status === 'False') return failed(c.reason ?? `Not${type}`);
    if (c?.status === 'Unknown')
      return { phase: 'unknown', ...(c.reason ? { reason: c.reason } : {}) };
  }
  const phase = object.status?.phase;
  if (typeof phase === 'string') {
    return {
      phase: PHASE_WORDS[phase.toLowerCase()] ?? 'unknown',
      reason: phase,
    };
  }
  return running();
}

/**
 * The normalized status of an object: running, pending, failed, succeeded or unknown, with
 * Kubernetes' reason. Config-like objects without health (ConfigMaps, Services...) count as
 * running while they exist.
 */
export function normalizeStatus(kind: string, object: Obj): NormalizedStatus {
  const status = object.status ?? {};
  const spec = object.spec ?? {};
  switch (kind) {
    case 'Pod':
      return podStatus(object);
    case 'Deployment':
    case 'StatefulSet':
    case 'ReplicaSet':
      return replicaStatus(
        spec.replicas ?? 1,
        status.readyReplicas ?? 0,
        object,
      );
    case 'DaemonSet':
      return replicaStatus(
        status.desiredNumberScheduled ?? 0,
        status.numberReady ?? 0,
        object,
      );
    case 'Job':
      return jobStatus(object);
    case 'CronJob':
      if (spec.suspend) return pending('Suspended');
      return running(
        status.active?.length ? `${status.active.length} active` : 'Scheduled',
      );
    case 'PersistentVolumeClaim':
    case 'PersistentVolume':
    case 'Namespace':
      return genericStatus(object);
    case 'Node':
      return condition(object, 'Ready')?.status === 'True'
        ? running('Ready')
        : failed('NotReady');
    case 'Service':
      if (
        spec.type === 'LoadBalancer' &&
        !status.loadBalancer?.ingress?.length
      ) {
        return pending('Waiting for load balancer');
      }
      return running();
    case 'Endpoints': {
      const subsets: Obj[] = object.subsets ?? [];
      const ready = subsets.reduce((n, s) => n + (s.addresses?.length ?? 0), 0);
      return ready > 0
        ? running(`${ready} ready`)
        : pending('No ready endpoints');
    }
    case 'BindingPolicy':
      return bindingPolicyStatus(object);
    case 'CertificateSigningRequest':
      return csrStatus(object);
    case 'ManagedCluster':
      return managedClusterStatus(object);
    default:
      return genericStatus(object);
  }
}
