import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeWecsApi } from '../../__testUtils__/fakeWecsApi';
import {
  kubestellarSnapshot,
  slimResource,
} from '../../__testUtils__/fixtures';
import { ListQuery } from '../../api';
import { renderPage } from '../../__testUtils__/renderPage';
import { ObjectExplorerPage } from './ObjectExplorerPage';

describe('ObjectExplorerPage', () => {
  /** GET /clusters as the backend answers it: each cluster's status with its counts. */
  const getClusters = async () => ({
    items: kubestellarSnapshot().clusters,
    errors: [],
  });

  const render = (route?: string) => {
    const fake = fakeWecsApi(() => kubestellarSnapshot(), {
      getClusters,
      getObject: async ref => ({
        apiVersion: ref.apiVersion,
        kind: ref.kind,
        metadata: { name: ref.name, namespace: ref.namespace, uid: ref.uid },
      }),
    });
    return {
      ...fake,
      rendered: renderPage(<ObjectExplorerPage />, fake.api, { route }),
    };
  };

  it('asks the backend for a window of every role, narrowed by the filters in the URL', async () => {
    const { views, rendered } = render(
      '/?cluster=wds1&kind=Deployment&namespace=shop&q=we&selector=app%3Dweb',
    );
    await rendered;
    await waitFor(() => expect(views.length).toBeGreaterThan(0));
    expect(views[0].filters).toEqual({
      roles: ['wec', 'its', 'wds'],
      clusters: ['wds1'],
      kinds: ['Deployment'],
      namespaces: ['shop'],
      name: 'we',
      labelSelector: 'app=web',
    });
    // The rows on screen and some around them; never the whole list.
    expect(views[0].views).toEqual([
      { id: expect.any(String), query: { level: 'objects' }, limit: 151 },
    ]);
    expect(
      await screen.findByRole('row', { name: 'Deployment web in wds1' }),
    ).toBeInTheDocument();
  });

  it('lists objects of every cluster, searches them and opens one over the list', async () => {
    const { rendered, views } = render();
    await rendered;
    expect(await screen.findByText('9 objects')).toBeInTheDocument();
    expect(
      screen.getByRole('row', { name: 'ManagedCluster cluster2 in its1' }),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('textbox', { name: 'Search objects' }),
    );
    await userEvent.paste('CLUSTER');
    await waitFor(() =>
      expect(screen.getByText('3 objects')).toBeInTheDocument(),
    );
    expect(views[views.length - 1].filters?.name).toBe('CLUSTER');
    await userEvent.click(
      screen.getByRole('textbox', { name: 'Label selector' }),
    );
    await userEvent.paste('location-group=edge');
    await waitFor(() =>
      expect(screen.getByText('2 objects')).toBeInTheDocument(),
    );
    expect(
      screen.queryByRole('row', { name: 'ManagedCluster cluster3 in its1' }),
    ).not.toBeInTheDocument();
    await userEvent.clear(
      screen.getByRole('textbox', { name: 'Search objects' }),
    );
    await userEvent.clear(
      screen.getByRole('textbox', { name: 'Label selector' }),
    );
    await screen.findByText('9 objects');
    await userEvent.click(
      screen.getByRole('row', { name: 'Deployment web in cluster1' }),
    );
    expect(
      await screen.findByRole('tab', { name: 'Logs' }),
    ).toBeInTheDocument();
    expect(screen.getByText('cluster1/shop')).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Close details' }),
    );
    await waitFor(() =>
      expect(
        screen.queryByRole('tab', { name: 'Logs' }),
      ).not.toBeInTheDocument(),
    );
  });

  it('lists a kind the backend does not watch from the clusters that serve it, when chosen', async () => {
    const served = (watched: boolean) => ({
      apiVersion: 'v1',
      kind: 'Node',
      resource: 'nodes',
      namespaced: false,
      watched,
    });
    const lists: Array<[string, ListQuery]> = [];
    const fake = fakeWecsApi(() => kubestellarSnapshot(), {
      getClusters,
      getTypes: async cluster => ({
        items: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            resource: 'deployments',
            namespaced: true,
            watched: true,
          },
          // The ITS and the WDS serve no nodes in this fleet.
          ...(cluster.startsWith('cluster') ? [served(false)] : []),
        ],
      }),
      listObjects: async (cluster, query) => {
        lists.push([cluster, query]);
        if (cluster === 'cluster2')
          throw new Error('cluster2 could not be reached');
        return {
          items: [
            slimResource('Node', `${cluster}-node`, {
              cluster,
              namespace: undefined,
              resource: 'nodes',
            }),
          ],
          listedAt: new Date().toISOString(),
          truncated: true,
        };
      },
    });
    await renderPage(<ObjectExplorerPage />, fake.api);
    await screen.findByText('9 objects');

    await userEvent.click(
      screen.getByRole('button', { name: 'Kind All kinds' }),
    );
    expect(
      await screen.findByText('Not watched: listed when chosen'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('option', { name: 'Node' }));

    expect(
      await screen.findByRole('row', {
        name: 'Node cluster1-node in cluster1',
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('1 objects')).toBeInTheDocument();
    expect(lists).toEqual([
      ['cluster1', { kind: 'Node', namespace: undefined }],
      ['cluster2', { kind: 'Node', namespace: undefined }],
    ]);
    expect(
      screen.getByText(
        /Node is not watched, so this list is not live: listed from cluster1, cluster2 at/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/cluster1 hold more Node objects than one list returns/),
    ).toBeInTheDocument();
    // Nodes have no namespace to narrow the list by.
    expect(screen.queryByText(/Choose a namespace/)).not.toBeInTheDocument();
    expect(
      screen.getByText(
        'cluster2 did not list Node: cluster2 could not be reached',
      ),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(lists).toHaveLength(4));
    // The list is read again: the row is there once the relist is in.
    await screen.findByText(/listed from cluster1, cluster2 at/);

    await userEvent.click(
      await screen.findByRole('row', {
        name: 'Node cluster1-node in cluster1',
      }),
    );
    expect(
      await screen.findByRole(
        'tab',
        { name: 'Summary', selected: true },
        // The drawer's editor loads lazily: slow on a busy machine.
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
  });
});
