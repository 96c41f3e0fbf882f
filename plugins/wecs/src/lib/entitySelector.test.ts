import { Entity } from '@backstage/catalog-model';
import {
  fleetFiltersOf,
  getEntityWorkloadSelector,
  isWecsAvailable,
} from './entitySelector';

const entityWith = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'storefront', annotations },
});

describe('getEntityWorkloadSelector', () => {
  it('selects by the kubernetes-id label', () => {
    expect(
      getEntityWorkloadSelector(
        entityWith({ 'backstage.io/kubernetes-id': 'storefront' }),
      ),
    ).toEqual({ labelSelector: 'backstage.io/kubernetes-id=storefront' });
  });

  it('prefers an explicit label selector and keeps the namespace', () => {
    expect(
      getEntityWorkloadSelector(
        entityWith({
          'backstage.io/kubernetes-id': 'storefront',
          'backstage.io/kubernetes-label-selector': 'app=shop,tier=web',
          'backstage.io/kubernetes-namespace': 'shop',
        }),
      ),
    ).toEqual({ labelSelector: 'app=shop,tier=web', namespace: 'shop' });
  });

  it('finds nothing without the annotations', () => {
    const entity = entityWith({});
    expect(getEntityWorkloadSelector(entity)).toBeUndefined();
    expect(isWecsAvailable(entity)).toBe(false);
  });
});

describe('fleetFiltersOf', () => {
  it('turns equality selectors into label filters, with the namespace', () => {
    expect(
      fleetFiltersOf({
        labelSelector: 'app=shop, tier==web',
        namespace: 'shop',
      }),
    ).toEqual({ labels: { app: 'shop', tier: 'web' }, namespaces: ['shop'] });
  });

  it('gives up on set-based terms the fleet socket cannot match', () => {
    expect(fleetFiltersOf({ labelSelector: 'app in (shop,web)' })).toBe(
      undefined,
    );
    expect(fleetFiltersOf({ labelSelector: 'app=shop,!canary' })).toBe(
      undefined,
    );
    expect(fleetFiltersOf({ labelSelector: 'app!=shop' })).toBe(undefined);
  });
});
