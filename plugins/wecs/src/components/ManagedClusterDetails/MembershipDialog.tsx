import { ResponseError } from '@backstage/errors';
import { ClusterMembershipAction } from '@kubestellar/plugin-wecs-common';
import { DialogContentText } from '@material-ui/core';
import { ReactNode } from 'react';
import { ConfirmDialog } from '../ConfirmDialog';
import { backendMessage } from '../../api/backendMessage';

/** The verb of each action, as buttons and titles say it. */
export const MEMBERSHIP_VERBS: Record<
  ClusterMembershipAction,
  { verb: string; busy: string }
> = {
  accept: { verb: 'Accept', busy: 'Accepting…' },
  detach: { verb: 'Detach', busy: 'Detaching…' },
};

/** What the hub does, in KubeStellar's and OCM's words, so the user knows before confirming. */
function consequences(
  action: ClusterMembershipAction,
  cluster: string,
  hub: string,
): ReactNode {
  const field = (text: string) => <code>{text}</code>;
  return action === 'accept' ? (
    <>
      On {hub}, ManagedCluster <strong>{cluster}</strong> gets{' '}
      {field('spec.hubAcceptsClient: true')} and its pending certificate signing
      requests (CSRs) are approved, as{' '}
      {field(`clusteradm accept --clusters ${cluster}`)} does. Its klusterlet
      agent then joins: here it goes from Pending to joined, then available, and
      WECS starts watching it. KubeStellar delivers workloads to it when a
      BindingPolicy selects it.
    </>
  ) : (
    <>
      On {hub}, ManagedCluster <strong>{cluster}</strong> gets{' '}
      {field('spec.hubAcceptsClient: false')}: the hub stops accepting its
      agent. WECS stops watching {cluster} and KubeStellar stops delivering
      workloads to it; what it already runs stays there, no longer updated. The
      ManagedCluster stays in the ITS as pending: Accept brings the cluster
      back.
    </>
  );
}

/** What the user should read when the backend refuses the action. */
export function membershipErrorMessage(
  error: unknown,
  action: ClusterMembershipAction,
  cluster: string,
): string {
  if (!(error instanceof ResponseError)) return String(error);
  const detail = backendMessage(error);
  switch (error.statusCode) {
    case 403:
      return `Not allowed: ${detail}`;
    case 404:
      return `The ITS knows no cluster ${cluster}: ${detail}`;
    case 409:
      return `${MEMBERSHIP_VERBS[action].verb} does not apply to ${cluster} now: ${detail}`;
    default:
      return detail;
  }
}

/**
 * Asks before accepting or detaching a cluster, saying what happens on the hub; shows the
 * backend's refusal in place and stays open so the user can read it.
 */
export const MembershipDialog = ({
  open,
  action,
  cluster,
  its,
  onConfirm,
  onClose,
}: {
  open: boolean;
  action: ClusterMembershipAction;
  cluster: string;
  /** The ITS holding the ManagedCluster, when known. */
  its?: string;
  /** Carries out the action; a rejection is shown in the dialog. */
  onConfirm: () => Promise<void>;
  onClose: () => void;
}) => {
  const { verb, busy } = MEMBERSHIP_VERBS[action];
  return (
    <ConfirmDialog
      open={open}
      title={`${verb} ${cluster} ${
        action === 'accept' ? 'into' : 'from'
      } the fleet?`}
      confirmLabel={verb}
      busyLabel={busy}
      color={action === 'accept' ? 'primary' : 'secondary'}
      onConfirm={onConfirm}
      describeError={error => membershipErrorMessage(error, action, cluster)}
      onClose={onClose}
    >
      <DialogContentText>
        {consequences(
          action,
          cluster,
          its ? `the hub (ITS ${its})` : 'the hub (the ITS)',
        )}
      </DialogContentText>
    </ConfirmDialog>
  );
};
