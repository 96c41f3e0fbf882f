import { AlertDisplay } from '@backstage/core-components';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { WecsApi } from '../../api';
import { FakeFleet } from '../../__testUtils__/FakeFleet';
import {
  clustersSnapshot,
  clusterStatus,
  pendingClusterStatus,
  slimResource,
} from '../../__testUtils__/fixtures';
import { renderPage } from '../../__testUtils__/renderPage';
import { responseError } from '../../__testUtils__/responseError';
import { ManagedClustersPage } from './ManagedClustersPage';

const managed = (
  name: string,
  phase: 'running' | 'pending' | 'failed',
  labels: Record<string, string>,
  reason = {
    running: 'Active',
    pending: 'Not accepted',
    failed: 'Lease expired',
  }[phase],
) =>
  slimResource('ManagedCluster', name, {
    cluster: 'its1',
    namespace: undefined,
    apiVersion: 'cluster.open-cluster-management.io/v1',
    uid: `mc-${name}`,
    labels,
    resourceVersion: `${phase}-${reason}`,
    status: { phase, reason },
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

/** The statuses of the fleet's clusters: the ITS, cluster1 and 2 joined, cluster3 pending. */
const statuses = [
  clusterStatus('its1', { role: 'its', source: 'its' }),
  clusterStatus('cluster1', { source: 'its' }),
  clusterStatus('cluster2', { source: 'its', state: 'disconnected' }),
  pendingClusterStatus('cluster3'),
];

describe('ManagedClustersPage', () => {
  const render = (
    calls: Partial<Pick<WecsApi, 'acceptCluster' | 'detachCluster'>> = {},
  ) => {
    const fleet = new FakeFleet(
      clustersSnapshot(statuses, [], [...clusters, ...hubObjects]),
      {
        ...calls,
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
      ...fleet.fake,
      fleet,
      rendered: renderPage(
        <>
          <AlertDisplay />
          <ManagedClustersPage />
        </>,
        fleet.api,
      ),
    };
  };
  const rowOf = (name: string) =>
    screen.getAllByRole('row').find(row => within(row).queryByText(name))!;

  it("asks the socket for the ITS's ManagedClusters and shows their state, version and capacity", async () => {
    const { subscriptions, rendered } = render();
    await rendered;
    expect(await screen.findByText('ManagedClusters (3)')).toBeInTheDocument();
    expect(subscriptions[0]).toEqual({
      roles: ['its', 'wec'],
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
      await screen.findByRole('tab', { name: 'Import Logs', selected: true }),
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
    // The cluster's own CSRs and the hub's Deployments, not the ITS whole.
    expect(subscriptions).toContainEqual({
      roles: ['its'],
      clusters: ['its1'],
      kinds: ['CertificateSigningRequest'],
      labels: { 'open-cluster-management.io/cluster-name': 'cluster3' },
    });
    expect(subscriptions).toContainEqual({
      roles: ['its'],
      clusters: ['its1'],
      kinds: ['Deployment'],
      namespaces: ['open-cluster-management-hub'],
    });
  });

  it('accepts a pending cluster after saying what the hub does, then shows it join live', async () => {
    const accepted: string[] = [];
    const { rendered, fleet } = render({
      acceptCluster: async name => {
        accepted.push(name);
        return {
          cluster: name,
          action: 'accept',
          message: `Accepted ${name} and approved 1 certificate signing request`,
        };
      },
    });
    await rendered;
    await screen.findByText('ManagedClusters (3)');
    expect(within(rowOf('cluster3')).getByText('Pending')).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Accept cluster3' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Accept cluster3 into the fleet?',
    });
    expect(dialog).toHaveTextContent('spec.hubAcceptsClient: true');
    expect(dialog).toHaveTextContent(
      'pending certificate signing requests (CSRs) are approved',
    );
    expect(dialog).toHaveTextContent('the hub (ITS its1)');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Accept' }),
    );
    expect(
      await screen.findByText(
        'Accepted cluster3 and approved 1 certificate signing request',
      ),
    ).toBeInTheDocument();
    expect(accepted).toEqual(['cluster3']);
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );

    // The live data: accepted but not joined, then joined and watched, then available.
    act(() =>
      fleet.change({
        upserts: [
          managed('cluster3', 'pending', { region: 'ap' }, 'Not joined'),
        ],
      }),
    );
    expect(await screen.findByText('Pending (Not joined)')).toBeInTheDocument();
    act(() =>
      fleet.change({
        clusters: [
          clusterStatus('cluster3', { source: 'its', state: 'connecting' }),
        ],
      }),
    );
    expect(
      await within(rowOf('cluster3')).findByText('Connecting'),
    ).toBeInTheDocument();
    act(() =>
      fleet.change({
        upserts: [managed('cluster3', 'running', { region: 'ap' })],
        clusters: [clusterStatus('cluster3', { source: 'its' })],
      }),
    );
    await waitFor(() =>
      expect(
        within(rowOf('cluster3')).getByText('Connected'),
      ).toBeInTheDocument(),
    );
    expect(within(rowOf('cluster3')).getByText('Active')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Detach cluster3' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Accept cluster3' }),
    ).not.toBeInTheDocument();
  });

  it("keeps the Detach dialog open with the backend's refusal", async () => {
    const { rendered } = render({
      detachCluster: async () => {
        throw await responseError(
          409,
          'ConflictError',
          'cluster1 is not joined: accept it instead',
        );
      },
    });
    await rendered;
    await userEvent.click(
      await screen.findByRole('button', { name: 'Detach cluster1' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Detach cluster1 from the fleet?',
    });
    expect(dialog).toHaveTextContent('spec.hubAcceptsClient: false');
    expect(dialog).toHaveTextContent(
      'KubeStellar stops delivering workloads to it',
    );
    expect(dialog).toHaveTextContent('Accept brings the cluster back');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Detach' }),
    );
    expect(
      await within(dialog).findByText(
        'Detach does not apply to cluster1 now: cluster1 is not joined: accept it instead',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    // The dialog's clicks stay in it: the row did not open its details.
    expect(screen.queryByRole('tab')).not.toBeInTheDocument();
  });

  it("follows the sources' problems and says once that a cluster left", async () => {
    const { rendered, fleet } = render();
    await rendered;
    await screen.findByText('ManagedClusters (3)');
    act(() =>
      fleet.change({
        errors: [
          'Cannot reach the ITS (its1): connect ECONNREFUSED; retrying in 8 s; the clusters already watched keep being watched',
        ],
      }),
    );
    expect(
      await screen.findByText(/Cannot reach the ITS \(its1\)/),
    ).toBeInTheDocument();
    act(() =>
      fleet.change({
        errors: [],
        deletes: [clusters[1]],
        removedClusters: ['cluster2'],
      }),
    );
    await waitFor(() =>
      expect(
        screen.queryByText(/Cannot reach the ITS/),
      ).not.toBeInTheDocument(),
    );
    expect(await screen.findByText('ManagedClusters (2)')).toBeInTheDocument();
    const notice = screen
      .getAllByRole('alert')
      .find(alert =>
        alert.textContent?.startsWith('cluster2 left the fleet at'),
      )!;
    expect(notice).toHaveTextContent(/it is no longer watched/);
    await userEvent.click(
      within(notice).getByRole('button', {
        name: 'Dismiss: cluster2 left the fleet',
      }),
    );
    expect(screen.queryByText(/left the fleet/)).not.toBeInTheDocument();
  });
});
