import { Entity } from '@backstage/catalog-model';
import {
  KUBERNETES_ANNOTATION,
  KUBERNETES_LABEL_SELECTOR_QUERY_ANNOTATION,
} from '@backstage/plugin-kubernetes-common';
import { FleetFilters } from '@kubestellar/plugin-wecs-common';

/**
 * Narrows an entity's workloads to one namespace. Backstage's Kubernetes plugin reads it too,
 * but its common package exports no constant for it.
 */
export const KUBERNETES_NAMESPACE_ANNOTATION =
  'backstage.io/kubernetes-namespace';

/**
 * How an entity's workloads are found in each cluster.
 *
 * @public
 */
export interface EntityWorkloadSelector {
  /** A Kubernetes label selector, e.g. `app.kubernetes.io/name=storefront`. */
  labelSelector: string;
  /** Limits the search to one namespace when the entity names one. */
  namespace?: string;
}

/**
 * Reads the selector the way Backstage's Kubernetes plugin does: an explicit label selector
 * wins, otherwise objects labelled `backstage.io/kubernetes-id=<id>` belong to the entity.
 *
 * @public
 */
export function getEntityWorkloadSelector(
  entity: Entity,
): EntityWorkloadSelector | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const namespace = annotations[KUBERNETES_NAMESPACE_ANNOTATION] || undefined;
  const labelSelector = annotations[KUBERNETES_LABEL_SELECTOR_QUERY_ANNOTATION];
  if (labelSelector) {
    return { labelSelector, namespace };
  }
  const id = annotations[KUBERNETES_ANNOTATION];
  if (id) {
    return { labelSelector: `${KUBERNETES_ANNOTATION}=${id}`, namespace };
  }
  return undefined;
}

/**
 * The fleet filters that select an entity's workloads: its label selector, in the full
 * Kubernetes syntax the backend reads (`app=web`, `tier in (front,api)`, `!canary`), and its
 * namespace.
 */
export function fleetFiltersOf(selector: EntityWorkloadSelector): FleetFilters {
  return {
    labelSelector: selector.labelSelector,
    ...(selector.namespace ? { namespaces: [selector.namespace] } : {}),
  };
}

/**
 * Whether the entity carries the annotations that make a WECS tab useful.
 *
 * @public
 */
export function isWecsAvailable(entity: Entity): boolean {
  return getEntityWorkloadSelector(entity) !== undefined;
}
