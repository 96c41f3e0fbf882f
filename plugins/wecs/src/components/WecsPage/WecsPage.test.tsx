import { ResponseError } from '@backstage/errors';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { WecsClusterList } from '@kubestellar/plugin-wecs-common';
import { screen } from '@testing-library/react';
import { WecsApi, wecsApiRef } from '../../api';
import { WecsPage } from './WecsPage';

const apiAnswering = (getClusters: WecsApi['getClusters']): WecsApi => ({
  getHealth: async () => ({ status: 'ok', uptimeSeconds: 1 }),
  getClusters,
});

const renderPage = (api: WecsApi) =>
  renderInTestApp(
    <TestApiProvider apis={[[wecsApiRef, api]]}>
      <WecsPage />
    </TestApiProvider>,
  );

describe('WecsPage', () => {
  it('lists the configured clusters', async () => {
    const list: WecsClusterList = {
      items: [
        {
          name: 'cluster1',
          source: 'kubeconfig',
          context: 'cluster1',
          server: 'https://10.0.0.1:6443',
          state: 'connected',
          since: '2026-11-26T10:00:00Z',
          counts: {
            total: 42,
            byKind: { Pod: 30, Deployment: 12 },
            byNamespace: { shop: 42 },
          },
        },
        {
          name: 'cluster2',
          source: 'kubeconfig',
          context: 'cluster2',
          server: 'https://10.0.0.2:6443',
          state: 'disconnected',
          since: '2026-11-26T10:05:00Z',
          lastError: 'ECONNREFUSED: connect ECONNREFUSED 10.0.0.2:6443',
          lastErrorAt: '2026-11-26T10:05:00Z',
          counts: { total: 0, byKind: {}, byNamespace: {} },
        },
      ],
      errors: [],
    };
    await renderPage(apiAnswering(async () => list));
    expect(screen.getByText('Deployed Workloads')).toBeInTheDocument();
    expect(await screen.findByText('Clusters (2)')).toBeInTheDocument();
    expect(screen.getByText('https://10.0.0.2:6443')).toBeInTheDocument();
    expect(screen.getByText('Connected')).toBeInTheDocument();
    expect(screen.getByText('Disconnected')).toBeInTheDocument();
    expect(screen.getByText('42')).toBeInTheDocument();
  });

  it('explains how to configure clusters when there are none', async () => {
    await renderPage(apiAnswering(async () => ({ items: [], errors: [] })));
    expect(
      await screen.findByText('No clusters configured'),
    ).toBeInTheDocument();
  });

  it('shows the source errors next to the clusters that could be read', async () => {
    await renderPage(
      apiAnswering(async () => ({
        items: [],
        errors: ['Cannot read kubeconfig /nope: ENOENT'],
      })),
    );
    expect(
      await screen.findByText('Cannot read kubeconfig /nope: ENOENT'),
    ).toBeInTheDocument();
    expect(
      screen.queryByText('No clusters configured'),
    ).not.toBeInTheDocument();
  });

  it('shows the backend error when the list cannot be fetched', async () => {
    const failure = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: { name: 'NotAllowedError', message: 'Permission denied' },
          request: { method: 'GET', url: '/api/wecs/clusters' },
          response: { statusCode: 403 },
        }),
        { status: 403, headers: { 'Content-Type': 'application/json' } },
      ) as any,
    );
    await renderPage(
      apiAnswering(async () => {
        throw failure;
      }),
    );
    expect(
      (await screen.findAllByText(/Permission denied/)).length,
    ).toBeGreaterThan(0);
    expect(
      screen.queryByText('No clusters configured'),
    ).not.toBeInTheDocument();
  });
});
