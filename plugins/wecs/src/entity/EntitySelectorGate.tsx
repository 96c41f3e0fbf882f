import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { FleetFilters } from '@kubestellar/plugin-wecs-common';
import { ReactElement } from 'react';
import {
  EntityWorkloadSelector,
  fleetFiltersOf,
  getEntityWorkloadSelector,
} from '../lib/entitySelector';
import {
  KUBERNETES_ANNOTATION,
  KUBERNETES_LABEL_SELECTOR_QUERY_ANNOTATION,
} from '@backstage/plugin-kubernetes-common';

/**
 * Renders `children` with the fleet filters of the current entity's workload selector, or
 * explains that the entity has no annotation naming them.
 */
export const EntitySelectorGate = ({
  children,
}: {
  children: (
    filters: FleetFilters,
    selector: EntityWorkloadSelector,
  ) => ReactElement;
}) => {
  const { entity } = useEntity();
  const selector = getEntityWorkloadSelector(entity);
  if (!selector) {
    return (
      <MissingAnnotationEmptyState
        annotation={[
          KUBERNETES_ANNOTATION,
          KUBERNETES_LABEL_SELECTOR_QUERY_ANNOTATION,
        ]}
      />
    );
  }
  const filters = fleetFiltersOf(selector);
  return children(filters, selector);
};
