import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
} from '@backstage/core-components';
import { StatusPhase } from '@kubestellar/plugin-wecs-common';
import { ReactNode } from 'react';

/**
 * A status dot in the colour of an object's phase, before `children`. Backstage hides the
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
      return <StatusPending>{children}</StatusPending>;
    case 'failed':
      return <StatusError>{children}</StatusError>;
    default:
      return <StatusAborted>{children}</StatusAborted>;
  }
}
