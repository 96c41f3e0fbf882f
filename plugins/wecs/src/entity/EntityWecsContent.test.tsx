import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { wecsApiRef } from '../api';
import { fakeWecsApi } from '../__testUtils__/fakeWecsApi';
import { clusterStatus, slimResource } from '../__testUtils__/fixtures';
import { SlimResource } from '@kubestellar/plugin-wecs-common';
import { rootRouteRef } from '../routes';
import { instanceId } from '../lib/fleetTree';
import { EntityWecsCard } from './EntityWecsCard';
import { EntityWecsContent } from './EntityWecsContent';

const storefrontObject = (
  kind: string,
  name: string,
  extra: Partial<SlimResource> = {},
) =>
  slimResource(kind, name, {
    labels: { 'backstage.io/kubernetes-id': 'storefront' },
    ...extra,
  });
const deployment = storefrontObject('Deployment', 'storefront', {
  status: { phase: 'pending', reason: 'ProgressDeadlineExceeded' },
  summary: { replicas: { desired: 3, ready: 2 }, images: ['storefront:1.4.2'] },
});

const { api, views } = fakeWecsApi(() => ({
  type: 'snapshot',
  epoch: 'e1',
  seq: 1,
  clusters: [
    clusterStatus('cluster1', {
      counts: { total: 40, byKind: { Pod: 40 }, byNamespace: { shop: 40 } },
    }),
  ],
  resources: [
    deployment,
    storefrontObject('Pod', 'storefront-abc-1', {
      owners: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'storefront-abc',
          uid: 'rs',
          controller: true,
        },
      ],
    }),
    storefrontObject('Service', 'storefront-web'),
  ],
  errors: [],
}));

const renderFor = (
  annotations: Record<string, string>,
  element = <EntityWecsContent />,
) => {
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'storefront', annotations },
  };
  return renderInTestApp(
    <TestApiProvider apis={[[wecsApiRef, api]]}>
      <EntityProvider entity={entity}>{element}</EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/wecs': rootRouteRef } },
  );
};

describe('EntityWecsContent', () => {
  it('shows the selector and the clusters it is matched in', async () => {
    await renderFor({ 'backstage.io/kubernetes-id': 'storefront' });
    expect(
      screen.getByText('backstage.io/kubernetes-id=storefront'),
    ).toBeInTheDocument();
    expect(await screen.findByText('Clusters (1)')).toBeInTheDocument();
    // The service's two workload objects (its Deployment and a pod), not the cluster's forty.
    expect(screen.getByText('2')).toBeInTheDocument();
    expect(screen.queryByText('40')).not.toBeInTheDocument();
    const last = views[views.length - 1];
    expect(last.filters).toEqual({
      labelSelector: 'backstage.io/kubernetes-id=storefront',
      kinds: expect.arrayContaining(['Deployment', 'Pod']),
    });
    // A window of the matching objects, bounded: never the whole fleet.
    expect(last.views.map(v => [v.query.level, v.limit])).toEqual([
      ['clusters', undefined],
      ['objects', 500],
    ]);
  });

  it('lists its workloads with their health, linking into the tree and the logs', async () => {
    await renderFor({ 'backstage.io/kubernetes-id': 'storefront' });
    expect(await screen.findByText('Workloads (1)')).toBeInTheDocument();
    expect(
      screen.getByText('2/3 ready · ProgressDeadlineExceeded'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'storefront' })).toHaveAttribute(
      'href',
      `/wecs?node=${encodeURIComponent(instanceId(deployment))}`,
    );
    expect(
      screen.getByRole('link', { name: 'Logs of storefront in cluster1' }),
    ).toHaveAttribute(
      'href',
      `/wecs?node=${encodeURIComponent(instanceId(deployment))}&tab=logs`,
    );
  });

  it('sums its workloads up in a card for the overview', async () => {
    await renderFor(
      { 'backstage.io/kubernetes-id': 'storefront' },
      <EntityWecsCard />,
    );
    expect(
      await screen.findByText('1 workloads in 1 cluster · 1 need attention'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'storefront' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Deployment in cluster1/shop · 2/3 ready · ProgressDeadlineExceeded',
      ),
    ).toBeInTheDocument();
  });

  it('says why when the backend refuses the selector', async () => {
    await renderFor({
      'backstage.io/kubernetes-label-selector': 'app in shop',
    });
    expect(
      await screen.findByText(/The workloads cannot be shown/),
    ).toBeInTheDocument();
    // Nothing that would read as an empty answer.
    expect(screen.queryByText(/No workload/)).not.toBeInTheDocument();
    expect(
      screen.getAllByText(/unable to parse requirement: "app in shop"/)[0],
    ).toBeInTheDocument();
  });

  it('asks for the annotation when the entity has none', async () => {
    await renderFor({});
    expect(screen.getByText(/Missing Annotation/i)).toBeInTheDocument();
  });
});
