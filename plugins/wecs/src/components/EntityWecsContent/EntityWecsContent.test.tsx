import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { WecsApi, wecsApiRef } from '../../api';
import { EntityWecsContent } from './EntityWecsContent';

const api: WecsApi = {
  getHealth: async () => ({ status: 'ok', uptimeSeconds: 1 }),
  getClusters: async () => ({
    items: [
      {
        name: 'cluster1',
        source: 'kubeconfig',
        context: 'cluster1',
        server: 'https://10.0.0.1:6443',
        state: 'connected',
        since: '2026-11-26T10:00:00Z',
        counts: { total: 3, byKind: { Pod: 3 }, byNamespace: { shop: 3 } },
      },
    ],
    errors: [],
  }),
};

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
  });

  it('asks for the annotation when the entity has none', async () => {
    await renderFor({});
    expect(screen.getByText(/Missing Annotation/i)).toBeInTheDocument();
  });
});
