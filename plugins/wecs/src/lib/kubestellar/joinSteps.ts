import { SlimResource, StatusPhase } from '@kubestellar/plugin-wecs-common';

/** One step of a cluster's join to the hub, as OCM's registration tells it. */
export interface JoinStep {
  title: string;
  phase: StatusPhase;
  detail: string;
}

type Obj = Record<string, any>;

const condition = (cluster: Obj, type: string): Obj | undefined =>
  (cluster.status?.conditions ?? []).find((c: Obj) => c.type === type);

const since = (c?: Obj) =>
  c?.lastTransitionTime ? ` (since ${c.lastTransitionTime})` : '';

/**
 * The join process of a ManagedCluster, step by step: the agent registers and files a CSR, the
 * hub admin approves it and accepts the cluster, the agent joins and keeps its lease. `csrs`
 * are the cluster's CertificateSigningRequests in the ITS.
 */
export function joinSteps(cluster: Obj, csrs: SlimResource[]): JoinStep[] {
  const name: string = cluster.metadata?.name ?? '';
  const accepted = cluster.spec?.hubAcceptsClient === true;
  const acceptedCondition = condition(cluster, 'HubAcceptedManagedCluster');
  const joined = condition(cluster, 'ManagedClusterJoined');
  const available = condition(cluster, 'ManagedClusterConditionAvailable');
  const pendingCsrs = csrs.filter(c => c.status.phase === 'pending');
  const approvedCsrs = csrs.filter(c => c.status.phase === 'running');
  const deniedCsrs = csrs.filter(c => c.status.phase === 'failed');

  let csrStep: JoinStep;
  if (deniedCsrs.length)
    csrStep = {
      title: 'Certificate signing request',
      phase: 'failed',
      detail: `${deniedCsrs.map(c => c.name).join(', ')}: ${
        deniedCsrs[0].status.reason
      }`,
    };
  else if (pendingCsrs.length)
    csrStep = {
      title: 'Certificate signing request',
      phase: 'pending',
      detail: `${pendingCsrs
        .map(c => c.name)
        .join(', ')} waits for approval: clusteradm accept --clusters ${name}`,
    };
  else
    csrStep = {
      title: 'Certificate signing request',
      phase:
        approvedCsrs.length || joined?.status === 'True'
          ? 'running'
          : 'unknown',
      detail: approvedCsrs.length
        ? `${approvedCsrs.map(c => c.name).join(', ')}: ${
            approvedCsrs[0].status.reason
          }`
        : 'No request in the ITS now (approved requests are cleaned up)',
    };

  const acceptance: JoinStep = accepted
    ? {
        title: 'Accepted by the hub',
        phase: acceptedCondition?.status === 'False' ? 'failed' : 'running',
        detail: `spec.hubAcceptsClient is true${since(acceptedCondition)}`,
      }
    : {
        title: 'Accepted by the hub',
        phase: 'pending',
        detail: `spec.hubAcceptsClient is false: accept it with "clusteradm accept --clusters ${name}"`,
      };

  const joinedStep: JoinStep =
    joined?.status === 'True'
      ? {
          title: 'Joined',
          phase: 'running',
          detail: `${joined.reason ?? 'Joined'}${since(joined)}`,
        }
      : {
          title: 'Joined',
          phase: 'pending',
          detail:
            joined?.message ?? 'The registration agent has not joined yet',
        };

  let availableStep: JoinStep;
  if (available?.status === 'True')
    availableStep = {
      title: 'Available',
      phase: 'running',
      detail: `${available.reason ?? 'Available'}${since(available)}`,
    };
  else if (available)
    availableStep = {
      title: 'Available',
      phase: available.status === 'Unknown' ? 'unknown' : 'failed',
      detail: `${available.reason ?? available.status}: ${
        available.message ?? ''
      }${since(available)}`,
    };
  else
    availableStep = {
      title: 'Available',
      phase: 'pending',
      detail: 'No lease from the agent yet',
    };

  return [
    {
      title: 'Registered',
      phase: 'running',
      detail: `The agent created ManagedCluster ${name}${
        cluster.metadata?.creationTimestamp
          ? ` at ${cluster.metadata.creationTimestamp}`
          : ''
      }`,
    },
    csrStep,
    acceptance,
    joinedStep,
    availableStep,
  ];
}
