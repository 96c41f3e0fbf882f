import {
  ClusterRole,
  FleetFilters,
  isDeliveredByKubeStellar,
  SlimResource,
} from '@kubestellar/plugin-wecs-common';
import { labelSelectorPredicate } from '../model/labelSelector';
import { ClusterWatchStatus } from '../watch/events';
import type { DeliveryIndex } from './DeliveryIndex';

/**
 * What a page's filters select, split as the tree needs it: which clusters and namespaces (they
 * never separate an object from its controller), and a predicate on each object (kinds,
 * statuses, labels, name), which makes the tree list each matching object under its own kind.
 */
export interface ViewScope {
  wantsCluster(status: Pick<ClusterWatchStatus, 'name' | 'role'>): boolean;
  /** Unset: every namespace. */
  namespaces?: ReadonlySet<string>;
  /** Unset: no object filter; the tree nests objects under their controllers. */
  matches?: (resource: SlimResource) => boolean;
  /** Equal for scopes whose `matches` are equal, to share counts between them. */
  objectFilterKey: string;
  /**
   * Whether `matches` reads which policy delivered an object, which changes as the ITS's
   * ManifestWorks do, not only as the object does.
   */
  readsDeliveries: boolean;
}

/** Whether one of `policies` delivered an object; unset when no policy is asked for. */
function policyFilter(
  policies: string[] | undefined,
  deliveries: DeliveryIndex | undefined,
): ((r: SlimResource) => boolean) | undefined {
  if (!policies?.length) return undefined;
  if (!deliveries) {
    throw new Error('A filter by binding policy needs the delivery index');
  }
  const wanted = new Set(policies);
  return r => Boolean(deliveries.policiesOf(r)?.some(p => wanted.has(p)));
}

/**
 * The scope of `filters`; `deliveries` answer a filter by binding policy. A malformed label
 * selector is an InputError.
 */
export function viewScope(
  filters: FleetFilters = {},
  deliveries?: DeliveryIndex,
): ViewScope {
  const names = filters.clusters?.length
    ? new Set(filters.clusters)
    : undefined;
  const roles = new Set<ClusterRole>(
    filters.roles?.length ? filters.roles : ['wec'],
  );
  const kinds = filters.kinds?.length ? new Set(filters.kinds) : undefined;
  const phases = filters.phases?.length ? new Set(filters.phases) : undefined;
  const labels = filters.labels ? Object.entries(filters.labels) : [];
  const selector = filters.labelSelector?.trim()
    ? labelSelectorPredicate(filters.labelSelector)
    : undefined;
  const name = filters.name?.toLowerCase();
  const deliveredBy = policyFilter(filters.policies, deliveries);
  const delivered = filters.delivered || deliveredBy;
  const objectFiltered =
    kinds || phases || labels.length || selector || name || delivered;
  return {
    wantsCluster: status =>
      (!names || names.has(status.name)) && roles.has(status.role ?? 'wec'),
    namespaces: filters.namespaces?.length
      ? new Set(filters.namespaces)
      : undefined,
    matches: objectFiltered
      ? r =>
          (!kinds || kinds.has(r.kind)) &&
          (!phases || phases.has(r.status.phase)) &&
          (!name || r.name.toLowerCase().includes(name)) &&
          labels.every(([k, v]) => r.labels?.[k] === v) &&
          (!selector || selector(r.labels)) &&
          (!delivered || isDeliveredByKubeStellar(r.owners)) &&
          (!deliveredBy || deliveredBy(r))
      : undefined,
    objectFilterKey: objectFiltered
      ? JSON.stringify([
          filters.kinds ?? [],
          filters.phases ?? [],
          filters.labels ?? {},
          filters.labelSelector ?? '',
          name ?? '',
          Boolean(delivered),
          filters.policies ?? [],
        ])
      : '',
    readsDeliveries: Boolean(deliveredBy),
  };
}
