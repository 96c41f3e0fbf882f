import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { wecsApiRef } from '../../api';
import { fakeWecsApi } from '../../__testUtils__/fakeWecsApi';
import {
  clustersSnapshot,
  clusterStatus,
  slimResource,
} from '../../__testUtils__/fixtures';
import { ManagedClustersPage } from './ManagedClustersPage';

const managed = (
  name: string,
  phase: 'running' | 'pending' | 'failed',
  labels: Record<string, string>,
) =>
  slimResource('ManagedCluster', name, {
    cluster: 'its1',
    namespace: undefined,
    apiVersion: 'cluster.open-cluster-management.io/v1',
    labels,
    status: {
      phase,
      reason: {
        running: 'Active',
        pending: 'Not accepted',
        failed: 'Lease expired',
      }[phase],
    },
    summary: {
      kubernetesVersion: 'v1.32.4',
      capacity: { cpu: '8', memory: '32Gi', pods: '110' },
      allocatable: { cpu: '7500m', memory: '30Gi', pods: '110' },
    },
  });

const clusters = [
  managed('cluster1', 'running', { 'location-group': 'edge', region: 'eu' }),
  managed('cluster2', 'failed', { 'location-group': 'edge', region: 'us' }),
  managed('cluster3', 'pending', { region: 'ap' }),
];

describe('ManagedClustersPage', () => {
  const render = () => {
    const fake = fakeWecsApi(
      () =>
        clustersSnapshot(
          [clusterStatus('its1', { role: 'its', source: 'its' })],
          [],
          clusters,
        ),
      {
        getClusterObject: async name => ({
          apiVersion: 'cluster.open-cluster-management.io/v1',
          kind: 'ManagedCluster',
          metadata: { name, uid: `uid-${name}`, labels: { region: 'eu' } },
        }),
      },
    );
    return {
      ...fake,
      rendered: renderInTestApp(
        <TestApiProvider apis={[[wecsApiRef, fake.api]]}>
          <ManagedClustersPage />
        </TestApiProvider>,
      ),
    };
  };

  it("asks the socket for the ITS's ManagedClusters and shows their state, version and capacity", async () => {
    const { subscriptions, rendered } = render();
    await rendered;
    expect(await screen.findByText('ManagedClusters (3)')).toBeInTheDocument();
    expect(subscriptions[0]).toEqual({
      roles: ['its'],
      kinds: ['ManagedCluster'],
    });
    expect(screen.getByText('Inactive (Lease expired)')).toBeInTheDocument();
    expect(screen.getByText('Pending (Not accepted)')).toBeInTheDocument();
    expect(screen.getAllByText('v1.32.4')).toHaveLength(3);
    expect(screen.getAllByText('8 cores')).toHaveLength(3);
    expect(screen.getAllByText('32 GB')).toHaveLength(3);
    expect(screen.getAllByText('110 pods')).toHaveLength(3);
    expect(
      screen.getByRole('button', { name: 'Active (1)' }),
    ).toBeInTheDocument();
  });

  it('filters by state and by labels', async () => {
    const { rendered } = render();
    await rendered;
    await screen.findByText('ManagedClusters (3)');
    await userEvent.click(screen.getByRole('button', { name: 'Inactive (1)' }));
    expect(await screen.findByText('ManagedClusters (1)')).toBeInTheDocument();
    expect(screen.getByText('cluster2')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'All (3)' }));
    await userEvent.click(
      screen.getByRole('textbox', { name: 'Filter by labels' }),
    );
    await userEvent.paste('location-group=edge region=eu');
    await waitFor(() =>
      expect(screen.getByText('ManagedClusters (1)')).toBeInTheDocument(),
    );
    expect(screen.getByText('cluster1')).toBeInTheDocument();
  });

  it("opens a cluster's ManagedCluster beside the table", async () => {
    const { rendered } = render();
    await rendered;
    await userEvent.click(await screen.findByText('cluster3'));
    expect(await screen.findByText('uid-cluster3')).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Edit' })).toBeInTheDocument();
  });
});
