import { ClusterRole } from '@kubestellar/plugin-wecs-common';
import { ClusterWatchStatus } from '../watch/events';

/** A connected cluster of `role`, reached directly through its kubeconfig context. */
export const watchStatus = (
  name: string,
  role: ClusterRole = 'wec',
): ClusterWatchStatus => ({
  name,
  source: 'kubeconfig',
  role,
  context: name,
  server: `https://${name}`,
  access: 'direct',
  state: 'connected',
  since: '2026-01-01T00:00:00Z',
});
