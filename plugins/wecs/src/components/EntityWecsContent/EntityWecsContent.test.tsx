import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { wecsApiRef } from '../../api';
import { fakeWecsApi } from '../../__testUtils__/fakeWecsApi';
import { clusterStatus, slimResource } from '../../__testUtils__/fixtures';
import { EntityWecsContent } from './EntityWecsContent';

const storefrontObject = (kind: string, name: string) =>
  slimResource(kind, name, {
    labels: { 'backstage.io/kubernetes-id': 'storefront' },
  });

const { api, subscriptions } = fakeWecsApi(() => ({
  type: 'snapshot',
  epoch: 'e1',
  seq: 1,
  clusters: [
    clusterStatus('cluster1', {
      counts: { total: 40, byKind: { Pod: 40 }, byNamespace: { shop: 40 } },
    }),
  ],
  resources: [
    storefrontObject('Deployment', 'storefront'),
    storefrontObject('Service', 'storefront-web'),
  ],
  errors: [],
}));

const renderFor = (annotations: Record<string, string>) => {
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'storefront', annotations },
  };
  return renderInTestApp(
    <TestApiProvider apis={[[wecsApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntityWecsContent />
      </EntityProvider>
    </TestApiProvider>,
  );
};

describe('EntityWecsContent', () => {
  it('shows the selector and the clusters it is matched in', async () => {
    await renderFor({ 'backstage.io/kubernetes-id': 'storefront' });
    expect(
      screen.getByText('backstage.io/kubernetes-id=storefront'),
    ).toBeInTheDocument();
    expect(await screen.findByText('Clusters (1)')).toBeInTheDocument();
    // The service's two objects, not the cluster's forty.
    expect(screen.getByText('2')).toBeInTheDocument();
    expect(screen.queryByText('40')).not.toBeInTheDocument();
    expect(subscriptions[subscriptions.length - 1]).toEqual({
      labels: { 'backstage.io/kubernetes-id': 'storefront' },
    });
  });

  it('explains a selector it cannot follow live', async () => {
    await renderFor({
      'backstage.io/kubernetes-label-selector': 'app in (shop, web)',
    });
    expect(
      screen.getByText(/This label selector cannot be followed live/),
    ).toBeInTheDocument();
  });

  it('asks for the annotation when the entity has none', async () => {
    await renderFor({});
    expect(screen.getByText(/Missing Annotation/i)).toBeInTheDocument();
  });
});
