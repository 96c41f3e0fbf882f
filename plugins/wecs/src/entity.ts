import { Entity } from '@backstage/catalog-model';
import { FleetFilters } from '@kubestellar/plugin-wecs-common';

/** The Backstage Kubernetes annotations that tie an entity to its workloads. */
export const KUBERNETES_ID_ANNOTATION = 'backstage.io/kubernetes-id';
export const KUBERNETES_LABEL_SELECTOR_ANNOTATION =
  'backstage.io/kubernetes-label-selector';
export const KUBERNETES_NAMESPACE_ANNOTATION =
  'backstage.io/kubernetes-namespace';

/** How an entity's workloads are found in each cluster. */
export interface EntityWorkloadSelector {
  /** A Kubernetes label selector, e.g. `app.kubernetes.io/name=storefront`. */
  labelSelector: string;
  /** Limits the search to one namespace when the entity names one. */
  namespace?: string;
}

/**
 * Reads the selector the way Backstage's Kubernetes plugin does: an explicit label selector
 * wins, otherwise objects labelled `backstage.io/kubernetes-id=<id>` belong to the entity.
 */
export function getEntityWorkloadSelector(
  entity: Entity,
): EntityWorkloadSelector | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const namespace = annotations[KUBERNETES_NAMESPACE_ANNOTATION] || undefined;
  const labelSelector = annotations[KUBERNETES_LABEL_SELECTOR_ANNOTATION];
  if (labelSelector) {
    return { labelSelector, namespace };
  }
  const id = annotations[KUBERNETES_ID_ANNOTATION];
  if (id) {
    return { labelSelector: `${KUBERNETES_ID_ANNOTATION}=${id}`, namespace };
  }
  return undefined;
}

/**
 * The fleet filters that select an entity's workloads. The fleet socket matches labels by
 * equality, so a selector with set-based terms (`in`, `notin`, `!key`) gives undefined.
 */
export function fleetFiltersOf(
  selector: EntityWorkloadSelector,
): FleetFilters | undefined {
  const labels: Record<string, string> = {};
  for (const term of selector.labelSelector.split(',').map(t => t.trim())) {
    const match = /^([^=!\s]+)\s*==?\s*([^=!\s]*)$/.exec(term);
    if (!match) return undefined;
    labels[match[1]] = match[2];
  }
  return {
    labels,
    ...(selector.namespace ? { namespaces: [selector.namespace] } : {}),
  };
}

/** Whether the entity carries the annotations that make a WECS tab useful. */
export function isWecsAvailable(entity: Entity): boolean {
  return getEntityWorkloadSelector(entity) !== undefined;
}
