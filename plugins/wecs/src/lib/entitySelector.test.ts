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
  it('passes the selector whole, in its full syntax, with the namespace', () => {
    expect(
      fleetFiltersOf({
        labelSelector: 'app in (shop,web),!canary',
        namespace: 'shop',
      }),
    ).toEqual({
      labelSelector: 'app in (shop,web),!canary',
      namespaces: ['shop'],
    });
    expect(fleetFiltersOf({ labelSelector: 'app=shop' })).toEqual({
      labelSelector: 'app=shop',
    });
  });
});
