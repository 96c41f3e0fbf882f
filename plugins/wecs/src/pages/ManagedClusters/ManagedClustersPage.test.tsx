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

/** What the ITS holds about joining: cluster3's CSR and OCM's registration controller. */
const hubObjects = [
  slimResource('CertificateSigningRequest', 'cluster3-csr', {
    cluster: 'its1',
    namespace: undefined,
    labels: { 'open-cluster-management.io/cluster-name': 'cluster3' },
    status: { phase: 'pending', reason: 'Pending approval' },
  }),
  slimResource('Deployment', 'cluster-manager-registration-controller', {
    cluster: 'its1',
    apiVersion: 'apps/v1',
    namespace: 'open-cluster-management-hub',
  }),
];

describe('ManagedClustersPage', () => {
  const render = () => {
    const fake = fakeWecsApi(
      () =>
        clustersSnapshot(
          [clusterStatus('its1', { role: 'its', source: 'its' })],
          [],
          [...clusters, ...hubObjects],
        ),
      {
        getClusterObject: async name => ({
          apiVersion: 'cluster.open-cluster-management.io/v1',
          kind: 'ManagedCluster',
          metadata: { name, uid: `uid-${name}`, labels: { region: 'eu' } },
          spec: { hubAcceptsClient: name !== 'cluster3' },
        }),
        getEvents: async () => ({
          items: [
            {
              type: 'Warning',
              reason: 'HubAcceptanceRequired',
              message: 'spec.hubAcceptsClient is false',
              count: 1,
              lastTimestamp: '2026-11-27T00:00:00Z',
              involvedObject: { kind: 'ManagedCluster', name: 'cluster3' },
            },
          ],
        }),
        streamLogs: () => () => {},
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

  it("opens an active cluster's ManagedCluster beside the table", async () => {
    const { rendered } = render();
    await rendered;
    await userEvent.click(await screen.findByText('cluster1'));
    expect(await screen.findByText('uid-cluster1')).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Edit' })).toBeInTheDocument();
    // Its capacity, beside the three rows of the table.
    expect(screen.getAllByText('8 cores')).toHaveLength(4);
    expect(screen.getAllByText('32 GB')).toHaveLength(4);
  });

  it("opens a pending cluster on its import logs: join steps, events and the hub's log", async () => {
    const { rendered, subscriptions } = render();
    await rendered;
    await userEvent.click(await screen.findByText('cluster3'));
    expect(
      await screen.findByRole('tab', { name: 'Import logs', selected: true }),
    ).toBeInTheDocument();
    expect(await screen.findByText('Join steps')).toBeInTheDocument();
    expect(screen.getByText('Accepted by the hub')).toBeInTheDocument();
    expect(
      await screen.findByText(/cluster3-csr waits for approval/),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('HubAcceptanceRequired'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'cluster-manager-registration-controller in its1/open-cluster-management-hub, searched for cluster3',
      ),
    ).toBeInTheDocument();
    expect(subscriptions).toContainEqual({
      roles: ['its'],
      clusters: ['its1'],
      kinds: ['CertificateSigningRequest', 'Deployment'],
    });
  });
});
