import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeWecsApi } from '../../__testUtils__/fakeWecsApi';
import { kubestellarSnapshot } from '../../__testUtils__/fixtures';
import { renderPage } from '../../__testUtils__/renderPage';
import { ObjectExplorerPage } from './ObjectExplorerPage';

describe('ObjectExplorerPage', () => {
  const render = (route?: string) => {
    const fake = fakeWecsApi(() => kubestellarSnapshot(), {
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

  it('asks for every role, narrowed by the filters in the URL', async () => {
    const { subscriptions, rendered } = render(
      '/?cluster=wds1&kind=Deployment&namespace=shop',
    );
    await rendered;
    await waitFor(() =>
      expect(subscriptions[0]).toEqual({
        roles: ['wec', 'its', 'wds'],
        clusters: ['wds1'],
        kinds: ['Deployment'],
        namespaces: ['shop'],
      }),
    );
  });

  it('lists objects of every cluster, searches them and opens one over the list', async () => {
    const { rendered } = render();
    await rendered;
    expect(await screen.findByText('9 objects')).toBeInTheDocument();
    expect(
      screen.getByRole('row', { name: 'ManagedCluster cluster2 in its1' }),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('textbox', { name: 'Search objects' }),
    );
    await userEvent.paste('app=web');
    await waitFor(() =>
      expect(screen.getByText('2 objects')).toBeInTheDocument(),
    );
    await userEvent.click(
      screen.getByRole('row', { name: 'Deployment web in cluster1' }),
    );
    expect(
      await screen.findByRole('tab', { name: 'Logs' }),
    ).toBeInTheDocument();
    expect(screen.getByText('cluster1/shop')).toBeInTheDocument();
  });
});
