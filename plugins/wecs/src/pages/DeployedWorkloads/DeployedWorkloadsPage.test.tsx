import { alertApiRef } from '@backstage/core-plugin-api';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { WecsApi, wecsApiRef } from '../../api';
import { backendRefusal } from '../../__testUtils__/backendRefusal';
import { fakeWecsApi } from '../../__testUtils__/fakeWecsApi';
import { FakeFleet } from '../../__testUtils__/FakeFleet';
import {
  clustersSnapshot,
  clusterStatus,
  pendingClusterStatus,
  slimResource,
} from '../../__testUtils__/fixtures';
import { permissionApi } from '../../__testUtils__/renderPage';
import { instanceId } from '../../lib/fleetTree';
import { DeployedWorkloadsPage } from './DeployedWorkloadsPage';

const renderPage = (api: WecsApi, path = '/') =>
  renderInTestApp(
    <TestApiProvider
      apis={[
        [wecsApiRef, api],
        [permissionApiRef, permissionApi()],
      ]}
    >
      <DeployedWorkloadsPage />
    </TestApiProvider>,
    { routeEntries: [path] },
  );

const cluster1 = clusterStatus('cluster1', {
  server: 'https://10.0.0.1:6443',
  counts: {
    total: 42,
    byKind: { Pod: 30, Deployment: 12 },
    byNamespace: { shop: 42 },
  },
});

const cluster2 = clusterStatus('cluster2', {
  server: 'https://10.0.0.2:6443',
  state: 'disconnected',
  since: '2026-11-26T10:05:00Z',
  lastError: 'ECONNREFUSED: connect ECONNREFUSED 10.0.0.2:6443',
  lastErrorAt: '2026-11-26T10:05:00Z',
});

describe('DeployedWorkloadsPage', () => {
  it('lists the clusters live from the fleet socket', async () => {
    const { api, views } = fakeWecsApi(() =>
      clustersSnapshot(
        [cluster1, cluster2],
        [],
        ['web', 'api', 'db'].map(name => slimResource('Deployment', name)),
      ),
    );
    await renderPage(api);
    expect(screen.getByText('Deployed Workloads')).toBeInTheDocument();
    expect(await screen.findByText('Clusters (2)')).toBeInTheDocument();
    expect(views[0]).toEqual({
      type: 'views',
      filters: {},
      views: [{ id: 'v1', query: { level: 'clusters' }, limit: 500 }],
    });
    expect(screen.getByText('https://10.0.0.2:6443')).toBeInTheDocument();
    // In the table and in the tree, in the guide's words.
    expect(screen.getAllByText('Connected')).toHaveLength(2);
    expect(screen.getAllByText('Disconnected')).toHaveLength(2);
    // The objects the tree holds, not the cluster's own count.
    expect(
      within(screen.getByRole('row', { name: /^cluster1/ })).getByText('3'),
    ).toBeInTheDocument();
    expect(screen.getByText('Live')).toBeInTheDocument();
    expect(screen.getByText(/^Last Updated /)).toBeInTheDocument();
  });

  it('follows a cluster that reconnects, without reloading', async () => {
    const fleet = new FakeFleet(clustersSnapshot([cluster1, cluster2]));
    await renderPage(fleet.api);
    await screen.findAllByText('Disconnected');
    act(() =>
      fleet.change({ clusters: [{ ...cluster2, state: 'connected' }] }),
    );
    // In the table and in the tree.
    await waitFor(() =>
      expect(screen.getAllByText('Connected')).toHaveLength(4),
    );
    expect(screen.queryByText('Disconnected')).not.toBeInTheDocument();
    expect(fleet.fake.sockets).toHaveLength(1);
  });

  it("says why a reconnect was refused, in the backend's words", async () => {
    const refusal = await backendRefusal(403, 'Forbidden', {
      name: 'NotAllowedError',
      message: 'Permission wecs.clusters.manage is required',
    });
    const fleet = new FakeFleet(clustersSnapshot([cluster1, cluster2]), {
      reconnectCluster: async () => {
        throw refusal;
      },
    });
    const alertApi = { post: jest.fn(), alert$: jest.fn() };
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [wecsApiRef, fleet.api],
          [permissionApiRef, permissionApi()],
          [alertApiRef, alertApi],
        ]}
      >
        <DeployedWorkloadsPage />
      </TestApiProvider>,
    );
    const [disconnected] = await screen.findAllByRole('button', {
      name: 'Reconnect cluster2',
    });
    await userEvent.click(disconnected);
    await waitFor(() =>
      expect(alertApi.post).toHaveBeenCalledWith({
        message:
          'Could not ask cluster2 to reconnect: Permission wecs.clusters.manage is required',
        severity: 'error',
      }),
    );
  });

  it('explains how to configure clusters when there are none', async () => {
    await renderPage(fakeWecsApi(() => clustersSnapshot([])).api);
    expect(
      await screen.findByText('No clusters configured'),
    ).toBeInTheDocument();
  });

  it('shows the source errors next to the clusters that could be read', async () => {
    await renderPage(
      fakeWecsApi(() =>
        clustersSnapshot([], ['Cannot read kubeconfig /nope: ENOENT']),
      ).api,
    );
    expect(
      await screen.findByText('Cannot read kubeconfig /nope: ENOENT'),
    ).toBeInTheDocument();
    expect(
      screen.queryByText('No clusters configured'),
    ).not.toBeInTheDocument();
  });

  it('says why the backend cannot be reached while it retries', async () => {
    await renderPage(
      fakeWecsApi(() => ({ dropWith: 'Unauthorized: no valid token' })).api,
    );
    expect(
      await screen.findByText(/The WECS backend cannot be reached; retrying/),
    ).toBeInTheDocument();
    expect(
      (await screen.findAllByText(/no valid token/)).length,
    ).toBeGreaterThan(0);
  });

  it('shows the views with the filters in the URL, and clears them all', async () => {
    const { api, views } = fakeWecsApi(() =>
      clustersSnapshot([cluster1, cluster2]),
    );
    await renderPage(api, '/?kind=Pod&status=failed&cluster=cluster1');
    await screen.findByText('Clusters (1)');
    expect(views[0].filters).toEqual({
      clusters: ['cluster1'],
      kinds: ['Pod'],
      phases: ['failed'],
    });
    expect(screen.getByRole('button', { name: 'Pod' })).toBeInTheDocument();
    // Statuses read as the guide writes them.
    expect(screen.getByRole('button', { name: 'Failed' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Clear All' }));
    await waitFor(() => expect(views[views.length - 1].filters).toEqual({}));
    expect(await screen.findByText('Clusters (2)')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Pod' }),
    ).not.toBeInTheDocument();
  });

  it('offers the namespaces and kinds GET /clusters counts, read again when the filters are used', async () => {
    let reads = 0;
    const { api, views } = fakeWecsApi(
      () => clustersSnapshot([cluster1, cluster2]),
      {
        getClusters: async () => {
          reads++;
          return { items: [cluster1, cluster2], errors: [] };
        },
      },
    );
    await renderPage(api);
    await screen.findByText('Clusters (2)');
    expect(reads).toBe(1);
    jest.spyOn(Date, 'now').mockReturnValue(Date.now() + 60_000);
    try {
      await userEvent.click(screen.getByRole('textbox', { name: 'Kind' }));
      await userEvent.click(
        await screen.findByRole('option', { name: 'Deployment' }),
      );
    } finally {
      jest.restoreAllMocks();
    }
    expect(reads).toBe(2);
    await waitFor(() =>
      expect(views[views.length - 1].filters).toEqual({
        kinds: ['Deployment'],
      }),
    );
    await userEvent.click(screen.getByRole('textbox', { name: 'Namespace' }));
    expect(
      (await screen.findAllByRole('option')).map(o => o.textContent),
    ).toEqual(['shop']);
  });

  it("filters by the binding policy that delivered an object, offering the WDSs' policies", async () => {
    const listed: string[] = [];
    const { api, views } = fakeWecsApi(
      () => clustersSnapshot([cluster1, cluster2]),
      {
        getClusters: async () => ({
          items: [cluster1, cluster2, clusterStatus('wds1', { role: 'wds' })],
          errors: [],
        }),
        listObjects: async (cluster, query) => {
          listed.push(`${cluster} ${query.apiVersion} ${query.kind}`);
          return {
            items: ['shop-everywhere', 'canary'].map(name =>
              slimResource('BindingPolicy', name, { cluster }),
            ),
            listedAt: '2026-12-07T10:00:00Z',
            truncated: false,
          };
        },
      },
    );
    await renderPage(api, '/?policy=shop-everywhere');
    await screen.findByText('Clusters (2)');
    expect(views[0].filters).toEqual({ policies: ['shop-everywhere'] });
    expect(listed).toEqual([
      'wds1 control.kubestellar.io/v1alpha1 BindingPolicy',
    ]);
    await userEvent.click(
      screen.getByRole('button', { name: /Binding policy shop-everywhere/ }),
    );
    expect(
      within(await screen.findByRole('listbox'))
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual([
      'All objects',
      'Any binding policy',
      'Delivered through',
      'canary',
      'shop-everywhere',
    ]);
    await userEvent.click(
      screen.getByRole('option', { name: 'Any binding policy' }),
    );
    await waitFor(() =>
      expect(views.at(-1)?.filters).toEqual({ delivered: true }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: /Binding policy Any binding policy/ }),
    );
    await userEvent.click(screen.getByRole('option', { name: 'canary' }));
    await waitFor(() =>
      expect(views.at(-1)?.filters).toEqual({ policies: ['canary'] }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Clear All' }));
    await waitFor(() => expect(views.at(-1)?.filters).toEqual({}));
  });

  describe('with a workload selected', () => {
    const storefront = slimResource('Deployment', 'storefront', {
      apiVersion: 'apps/v1',
    });
    const fleetWithStorefront = (
      options: Parameters<typeof fakeWecsApi>[2] = {},
    ) => {
      const deleted: string[] = [];
      const fake = fakeWecsApi(
        () => clustersSnapshot([cluster1], [], [storefront]),
        {
          getObject: async ref => ({
            apiVersion: 'apps/v1',
            kind: ref.kind,
            metadata: { name: ref.name, namespace: ref.namespace, uid: 'u' },
            spec: { replicas: 2 },
          }),
          getEvents: async () => ({
            items: [
              {
                type: 'Normal',
                reason: 'ScalingReplicaSet',
                message: 'Scaled up replica set storefront-abc to 2',
                count: 1,
                involvedObject: { kind: 'Deployment', name: 'storefront' },
              },
            ],
          }),
          deleteObject: async ref => {
            deleted.push(
              `${ref.cluster}/${ref.namespace}/${ref.kind}/${ref.name}`,
            );
          },
        },
        options,
      );
      return { ...fake, deleted };
    };

    it('opens the node and tab a link names, with breadcrumbs to its ancestors', async () => {
      const { api, searches } = fleetWithStorefront();
      await renderPage(api, `/?node=${instanceId(storefront)}&tab=events`);
      expect(
        await screen.findByText('Scaled up replica set storefront-abc to 2'),
      ).toBeInTheDocument();
      const crumbs = screen.getByRole('navigation', {
        name: 'Location of the selection',
      });
      expect(searches[0]).toEqual({
        object: 'cluster1/uid-storefront',
        filters: {},
      });
      expect(crumbs).toHaveTextContent('cluster1/shop/Deployments/storefront');
      // The way to it is open, and its row selected.
      expect(
        screen.getByRole('treeitem', { selected: true }),
      ).toHaveTextContent(/^storefront$/);
      await userEvent.click(
        within(crumbs).getByRole('button', { name: 'shop' }),
      );
      expect(await screen.findByText('namespace')).toBeInTheDocument();
      await userEvent.click(screen.getByRole('button', { name: 'Back' }));
      expect(
        await screen.findByRole('tab', { name: 'Events', selected: true }),
      ).toBeInTheDocument();
      await userEvent.click(
        screen.getByRole('button', { name: 'Close details' }),
      );
      expect(
        screen.queryByRole('navigation', { name: 'Location of the selection' }),
      ).not.toBeInTheDocument();
    });

    it("shows a linked object's details from the search while its rows are on their way", async () => {
      const { api, views } = fleetWithStorefront({
        withhold: query => query.level === 'instances',
      });
      await renderPage(api, `/?node=${instanceId(storefront)}`);
      expect(
        await screen.findByText('Deployment storefront'),
      ).toBeInTheDocument();
      // Its row holds its place, the instances' window asked for around it.
      expect(
        views.at(-1)?.views.find(v => v.query.level === 'instances'),
      ).toMatchObject({ limit: 100 });
      expect(screen.getByLabelText('Loading')).toBeInTheDocument();
    });

    it('says so when a link names an object the fleet does not show under the filters', async () => {
      const { api } = fleetWithStorefront();
      await renderPage(api, `/?node=${instanceId(storefront)}&kind=Pod`);
      expect(
        await screen.findByText(
          'The object uid-storefront of cluster1 is not in the fleet under these filters.',
        ),
      ).toBeInTheDocument();
    });

    it('clears the search box and closes the selection with Clear All', async () => {
      const { api, views } = fleetWithStorefront();
      await renderPage(api, `/?node=${instanceId(storefront)}&kind=Deployment`);
      await screen.findByText('Deployment storefront');
      const searchBox = screen.getByRole('textbox', {
        name: 'Search names across the fleet',
      });
      await userEvent.type(searchBox, 'store');
      await userEvent.click(screen.getByRole('button', { name: 'Clear All' }));
      await waitFor(() => expect(searchBox).toHaveValue(''));
      await waitFor(() =>
        expect(
          screen.queryByRole('navigation', {
            name: 'Location of the selection',
          }),
        ).not.toBeInTheDocument(),
      );
      await waitFor(() => expect(views.at(-1)?.filters).toEqual({}));
      // Nothing left to clear.
      expect(screen.getByRole('button', { name: 'Clear All' })).toBeDisabled();
    });

    it("refreshes one cluster from its row's actions, and the fleet from the header", async () => {
      const { api, refreshed } = fleetWithStorefront();
      await renderPage(api);
      await screen.findByText('Clusters (1)');
      await userEvent.click(
        screen.getByLabelText('Actions for cluster cluster1'),
      );
      await userEvent.click(screen.getByRole('menuitem', { name: 'Refresh' }));
      await waitFor(() => expect(refreshed).toEqual([{ cluster: 'cluster1' }]));
      // The tree's cluster row offers it too.
      await userEvent.click(screen.getByLabelText('Actions for cluster1'));
      await userEvent.click(screen.getByRole('menuitem', { name: 'Refresh' }));
      await waitFor(() => expect(refreshed).toHaveLength(2));
      expect(refreshed[1]).toEqual({ cluster: 'cluster1' });
      await userEvent.click(screen.getByRole('button', { name: 'Refresh' }));
      await waitFor(() => expect(refreshed).toHaveLength(3));
      expect(refreshed[2]).toEqual({ roles: ['wec'] });
    });

    it('deletes a workload only after confirmation', async () => {
      const { api, deleted } = fleetWithStorefront();
      await renderPage(api);
      // By label: a role query scans the whole page, which is slow in jsdom.
      for (const label of ['cluster1', 'shop', 'Deployments'])
        await userEvent.click(await screen.findByLabelText(`Expand ${label}`));
      await screen.findByText('storefront', { selector: 'span' });
      await userEvent.click(screen.getByLabelText('Actions for storefront'));
      await userEvent.click(screen.getByRole('menuitem', { name: 'Delete…' }));
      const dialog = await screen.findByRole('dialog');
      expect(dialog).toHaveTextContent('Delete Deployment storefront?');
      expect(dialog).toHaveTextContent('its pods');
      await userEvent.click(
        within(dialog).getByRole('button', { name: 'Cancel' }),
      );
      await waitFor(() =>
        expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
      );
      expect(deleted).toEqual([]);
      await userEvent.click(screen.getByLabelText('Actions for storefront'));
      await userEvent.click(screen.getByRole('menuitem', { name: 'Delete…' }));
      await userEvent.click(
        within(await screen.findByRole('dialog')).getByRole('button', {
          name: 'Delete',
        }),
      );
      await waitFor(() =>
        expect(deleted).toEqual(['cluster1/shop/Deployment/storefront']),
      );
    });
  });

  it("shows a cluster's ManagedCluster and edits it, when the ITS is the source", async () => {
    const managed = {
      apiVersion: 'cluster.open-cluster-management.io/v1',
      kind: 'ManagedCluster',
      metadata: {
        name: 'cluster1',
        uid: 'mc-1',
        resourceVersion: '7',
        labels: { 'location-group': 'edge' },
      },
      spec: { hubAcceptsClient: true },
    };
    const saved: Array<Record<string, any>> = [];
    const { api } = fakeWecsApi(
      () => clustersSnapshot([{ ...cluster1, source: 'its' }]),
      {
        getClusterObject: async () => managed,
        replaceClusterObject: async (_name, object) => {
          saved.push(object);
          return object;
        },
      },
    );
    await renderPage(api, '/?node=c%3Acluster1');
    expect(await screen.findByText('location-group=edge')).toBeInTheDocument();
    expect(screen.getByText('mc-1')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('tab', { name: 'Edit' }));
    expect(
      await screen.findByRole('textbox', {
        name: 'ManagedCluster cluster1 as YAML',
      }),
    ).toBeInTheDocument();
  });

  describe('as clusters join, leave and their sources fail', () => {
    const inCluster = (cluster: string, name: string) =>
      slimResource('Deployment', name, { cluster, uid: `${cluster}-${name}` });
    const treeRows = () =>
      screen.getAllByRole('treeitem').map(item => item.textContent ?? '');

    it('shows a pending cluster in the table and the tree, and offers Accept in its details', async () => {
      const accepted: string[] = [];
      const fleet = new FakeFleet(
        clustersSnapshot(
          [
            cluster1,
            pendingClusterStatus('cluster4', 'Not accepted by the hub'),
          ],
          [],
          [inCluster('cluster1', 'web')],
        ),
        {
          getClusterObject: async name => ({
            kind: 'ManagedCluster',
            metadata: { name, uid: `mc-${name}` },
            spec: { hubAcceptsClient: false },
          }),
          acceptCluster: async name => {
            accepted.push(name);
            return { cluster: name, action: 'accept', message: 'Accepted' };
          },
        },
      );
      await renderPage(fleet.api);
      expect(await screen.findByText('Clusters (2)')).toBeInTheDocument();
      // In the table's Connection column and as the tree node's chip.
      expect(screen.getAllByText('Pending')).toHaveLength(2);
      expect(
        screen.getByText('through the hub (cluster-proxy)'),
      ).toBeInTheDocument();
      await waitFor(() =>
        expect(treeRows()).toEqual([
          expect.stringMatching(/^cluster1Connected1/),
          'cluster4Pending',
        ]),
      );
      await userEvent.click(screen.getByText('cluster4', { selector: 'span' }));
      expect(
        await screen.findByText('Not accepted by the hub', {
          selector: 'td *',
        }),
      ).toBeInTheDocument();
      await userEvent.click(
        screen.getByRole('button', { name: 'Accept cluster4' }),
      );
      const dialog = await screen.findByRole('dialog', {
        name: 'Accept cluster4 into the fleet?',
      });
      expect(dialog).toHaveTextContent('the hub (the ITS)');
      await userEvent.click(
        within(dialog).getByRole('button', { name: 'Accept' }),
      );
      await waitFor(() => expect(accepted).toEqual(['cluster4']));
    });

    it('adds a cluster that joins, and removes one that leaves with a notice shown once', async () => {
      const fleet = new FakeFleet(
        clustersSnapshot(
          [cluster1, { ...cluster2, state: 'connected' }],
          [],
          [inCluster('cluster1', 'web'), inCluster('cluster2', 'api')],
        ),
      );
      await renderPage(fleet.api);
      await screen.findByText('Clusters (2)');
      act(() =>
        fleet.change({
          clusters: [clusterStatus('cluster3')],
          upserts: [inCluster('cluster3', 'cart')],
        }),
      );
      expect(await screen.findByText('Clusters (3)')).toBeInTheDocument();
      await waitFor(() => expect(treeRows()).toHaveLength(3));
      expect(treeRows().map(row => row.slice(0, 8))).toEqual([
        'cluster1',
        'cluster2',
        'cluster3',
      ]);
      act(() => fleet.change({ removedClusters: ['cluster2'] }));
      expect(await screen.findByText('Clusters (2)')).toBeInTheDocument();
      await waitFor(() => expect(treeRows()).toHaveLength(2));
      expect(treeRows().map(row => row.slice(0, 8))).toEqual([
        'cluster1',
        'cluster3',
      ]);
      expect(
        await screen.findByText('2 objects in 2 clusters'),
      ).toBeInTheDocument();
      const notice = await screen.findByRole('alert');
      expect(notice).toHaveTextContent(/^cluster2 left the fleet at /);
      await userEvent.click(
        within(notice).getByRole('button', {
          name: 'Dismiss: cluster2 left the fleet',
        }),
      );
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();
      // Later news does not bring the dismissed notice back.
      act(() => fleet.change({ upserts: [inCluster('cluster1', 'db')] }));
      expect(
        await screen.findByText('3 objects in 2 clusters'),
      ).toBeInTheDocument();
      expect(screen.queryByText(/left the fleet/)).not.toBeInTheDocument();
    });

    it('holds still with live updates off, until refreshed', async () => {
      const fleet = new FakeFleet(
        clustersSnapshot([cluster1], [], [inCluster('cluster1', 'web')]),
      );
      await renderPage(fleet.api);
      await screen.findByText('Clusters (1)');
      await userEvent.click(
        screen.getByRole('checkbox', { name: 'Live updates' }),
      );
      expect(await screen.findByText('Paused')).toBeInTheDocument();
      act(() =>
        fleet.change({
          clusters: [clusterStatus('cluster3')],
          upserts: [inCluster('cluster3', 'cart')],
        }),
      );
      await act(() => new Promise(resolve => setTimeout(resolve, 100)));
      expect(screen.getByText('Clusters (1)')).toBeInTheDocument();
      await userEvent.click(screen.getByRole('button', { name: 'Refresh' }));
      expect(await screen.findByText('Clusters (2)')).toBeInTheDocument();
      expect(screen.getByText('Paused')).toBeInTheDocument();
    });

    it("replaces the sources' problems with those the deltas bring, and clears them", async () => {
      const fleet = new FakeFleet(
        clustersSnapshot(
          [cluster1],
          [
            'Cannot read kubeconfig /k: EACCES; the version read at 12:03:04 stays in use',
          ],
        ),
      );
      await renderPage(fleet.api);
      expect(
        await screen.findByText(/^Cannot read kubeconfig \/k/),
      ).toBeInTheDocument();
      act(() =>
        fleet.change({
          errors: [
            'Cannot reach the ITS (its1): connect ECONNREFUSED; retrying in 8 s; the clusters already watched keep being watched',
          ],
        }),
      );
      expect(
        await screen.findByText(/^Cannot reach the ITS \(its1\)/),
      ).toBeInTheDocument();
      expect(
        screen.queryByText(/^Cannot read kubeconfig/),
      ).not.toBeInTheDocument();
      act(() => fleet.change({ errors: [] }));
      await waitFor(() =>
        expect(
          screen.queryByText('The cluster sources report problems'),
        ).not.toBeInTheDocument(),
      );
      expect(screen.getByText('Clusters (1)')).toBeInTheDocument();
    });
  });
});
