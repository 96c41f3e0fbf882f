import {
  StatusAborted,
  StatusError,
  StatusOK,
} from '@backstage/core-components';
import { StatusPhase } from '@kubestellar/plugin-wecs-common';
import { ReactNode } from 'react';
import { PendingStatus } from './PendingStatus';

/**
 * A status dot in the colour of an object's phase (green, the guide's yellow for pending, red),
 * before `children`. Backstage hides the
 * status from assistive technology, children included: keep links and names outside it.
 */
export function PhaseStatus({
  phase,
  children,
}: {
  phase: StatusPhase;
  children?: ReactNode;
}) {
  switch (phase) {
    case 'running':
    case 'succeeded':
      return <StatusOK>{children}</StatusOK>;
    case 'pending':
      return <PendingStatus>{children}</PendingStatus>;
    case 'failed':
      return <StatusError>{children}</StatusError>;
    default:
      return <StatusAborted>{children}</StatusAborted>;
  }
}
