import { WarningPanel } from '@backstage/core-components';
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
 * explains why there are none: no annotation, or a selector that cannot be followed live.
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
  if (!filters) {
    return (
      <WarningPanel
        severity="warning"
        title="This label selector cannot be followed live"
        message={`WECS matches workloads by label equality (key=value, joined by commas); "${selector.labelSelector}" uses set-based terms.`}
      />
    );
  }
  return children(filters, selector);
};
