import {
  isDeliveredByKubeStellar,
  SlimResource,
} from '@kubestellar/plugin-wecs-common';
import { hasLogs } from './k8s/kinds';

/** The tabs of an object's details panel. */
export type DetailsTab = 'summary' | 'edit' | 'drift' | 'logs' | 'events';
export const DETAILS_TABS: DetailsTab[] = [
  'summary',
  'edit',
  'drift',
  'logs',
  'events',
];

/**
 * The tabs an object offers: Drift only for copies KubeStellar delivered, Logs only for pods
 * and workloads.
 */
export const tabsFor = (
  resource: Pick<SlimResource, 'kind' | 'owners'>,
): DetailsTab[] =>
  DETAILS_TABS.filter(
    tab =>
      (tab !== 'logs' || hasLogs(resource.kind)) &&
      (tab !== 'drift' || isDeliveredByKubeStellar(resource.owners)),
  );
