import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeWecsApi } from '../../__testUtils__/fakeWecsApi';
import {
  kubestellarSnapshot,
  slimResource,
} from '../../__testUtils__/fixtures';
import { renderPage } from '../../__testUtils__/renderPage';
import { StagedWorkloadsPage } from './StagedWorkloadsPage';

describe('StagedWorkloadsPage', () => {
  // `api` is staged but no Binding lists it: shop-edge's rules select it all the same.
  const unbound = slimResource('Deployment', 'api', {
    cluster: 'wds1',
    apiVersion: 'apps/v1',
    uid: 'wds-api',
    labels: { app: 'web' },
  });
  const render = () => {
    const fake = fakeWecsApi(() => kubestellarSnapshot([unbound]), {
      getObject: async ref => ({
        apiVersion: ref.apiVersion,
        kind: ref.kind,
        metadata: { name: ref.name, namespace: ref.namespace, uid: ref.uid },
      }),
    });
    return { ...fake, rendered: renderPage(<StagedWorkloadsPage />, fake.api) };
  };

  it('lists the namespaces and staged objects of the WDS with the policies that bind them', async () => {
    const { subscriptions, views, rendered } = render();
    await rendered;
    expect(await screen.findByText('Staged objects (3)')).toBeInTheDocument();
    // What the WDS stages, narrowed and paged by the backend: nothing of the fleet whole.
    expect(subscriptions).toEqual([]);
    expect(views[views.length - 1].filters).toEqual({ roles: ['wds'] });
    expect(views[views.length - 1].views).toContainEqual(
      expect.objectContaining({
        query: { level: 'staged', cluster: 'wds1' },
        limit: 50,
      }),
    );
    expect(screen.getByText('Namespaces (1)')).toBeInTheDocument();
    const webRow = screen.getByText('web').closest('tr')!;
    expect(within(webRow).getByText('Deployment')).toBeInTheDocument();
    expect(within(webRow).getByText('app=web')).toBeInTheDocument();
    expect(
      within(webRow).getByRole('link', { name: 'shop-edge' }),
    ).toHaveAttribute('href', '/binding-policies?policy=shop-edge');
    const settingsRow = screen.getByText('settings').closest('tr')!;
    expect(within(settingsRow).getByText('none')).toBeInTheDocument();
    // Selected by the policy's rules, not (yet) listed by its Binding: an outlined chip.
    const apiRow = screen.getByText('api').closest('tr')!;
    expect(
      within(apiRow)
        .getByText('shop-edge')
        .closest('[class*="MuiChip-outlined"]'),
    ).not.toBeNull();
    expect(
      within(webRow)
        .getByText('shop-edge')
        .closest('[class*="MuiChip-outlined"]'),
    ).toBeNull();
  });

  it("shows a namespace's labels and opens an object's editor from its row", async () => {
    const { rendered } = render();
    await rendered;
    await screen.findByText('Namespaces (1)');
    // The namespace table comes first; the objects' Namespace cells say shop too.
    await userEvent.click(screen.getAllByText('shop')[0]);
    expect(await screen.findByText('Namespace shop')).toBeInTheDocument();
    expect(screen.getByText('team=shop')).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Edit Deployment web' }),
    );
    expect(
      await screen.findByRole('tab', { name: 'Edit', selected: true }),
    ).toBeInTheDocument();
    expect(screen.getByText('Deployment web')).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Close details' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('tab', { name: 'Edit' })).toBeNull(),
    );
  });

  it('leads from a staged object to its copies in Deployed Workloads and to its workload in Manage Workloads', async () => {
    const { views, rendered } = render();
    await rendered;
    await screen.findByText('Staged objects (3)');
    await userEvent.click(
      screen.getByRole('button', { name: 'Deployed copies of Deployment web' }),
    );
    const copies = await screen.findByRole('table', {
      name: 'Deployed copies of Deployment web',
    });
    // The object as a workload, found by the backend's `workloads` level.
    expect(views.at(-1)?.views).toContainEqual(
      expect.objectContaining({
        query: {
          level: 'workloads',
          cluster: 'wds1',
          namespace: 'shop',
          search: 'Deployment web',
        },
      }),
    );
    const cluster1 = within(copies).getByText('cluster1').closest('tr')!;
    expect(within(cluster1).getByText('2/2 ready')).toBeInTheDocument();
    expect(
      within(cluster1).getByRole('link', {
        name: 'Open the copy in cluster1 in Deployed Workloads',
      }),
    ).toHaveAttribute('href', '/wecs?node=r%3Acluster1%2Fc1-web');
    const cluster2 = within(copies).getByText('cluster2').closest('tr')!;
    expect(within(cluster2).getByText('Missing')).toBeInTheDocument();
    expect(within(cluster2).queryByRole('link')).toBeNull();
    expect(
      screen.getByRole('button', { name: 'Open in Manage Workloads' }),
    ).toHaveAttribute(
      'href',
      '/manage-workloads?wds=wds1&namespace=shop&q=Deployment+web',
    );

    // An object nothing binds has no copies, and says so.
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Deployed copies of ConfigMap settings',
      }),
    );
    expect(
      await screen.findByText(
        'No binding policy binds it yet, so no cluster has a copy.',
      ),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Close copies' }));
    await waitFor(() =>
      expect(
        screen.queryByText(/^Deployed copies of ConfigMap settings/),
      ).toBeNull(),
    );
  });

  it('leads from a namespace to its workloads in Manage Workloads and Deployed Workloads', async () => {
    const { rendered } = render();
    await rendered;
    await screen.findByText('Namespaces (1)');
    await userEvent.click(screen.getAllByText('shop')[0]);
    await screen.findByText('Namespace shop');
    expect(
      screen.getByRole('button', { name: 'Manage Workloads' }),
    ).toHaveAttribute('href', '/manage-workloads?wds=wds1&namespace=shop');
    expect(
      screen.getByRole('button', { name: 'Deployed Workloads' }),
    ).toHaveAttribute('href', '/wecs?namespace=shop');
  });

  it('refreshes the WDS from its API server', async () => {
    const { refreshed, rendered } = render();
    await rendered;
    await screen.findByText('Staged objects (3)');
    await userEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(refreshed).toEqual([{ roles: ['wds'] }]));
  });

  it('searches by label', async () => {
    const { rendered } = render();
    await rendered;
    await screen.findByText('Staged objects (3)');
    await userEvent.click(
      screen.getByRole('textbox', { name: 'Search staged objects' }),
    );
    await userEvent.paste('app=settings');
    await waitFor(() =>
      expect(screen.getByText('Staged objects (1)')).toBeInTheDocument(),
    );
  });

  it('pages the staged objects on the server', async () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      slimResource('ConfigMap', `config-${i + 1}`, {
        cluster: 'wds1',
        uid: `wds-config-${i + 1}`,
      }),
    );
    const fake = fakeWecsApi(() => kubestellarSnapshot([unbound, ...many]));
    await renderPage(<StagedWorkloadsPage />, fake.api);
    expect(await screen.findByText('Staged objects (63)')).toBeInTheDocument();
    expect(screen.getByText('1-50 of 63')).toBeInTheDocument();
    expect(screen.getByText('config-1')).toBeInTheDocument();
    expect(screen.queryByText('web')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    // ConfigMaps first, then Deployments, each by name as people read them.
    expect(await screen.findByText('web')).toBeInTheDocument();
    expect(screen.getByText('51-63 of 63')).toBeInTheDocument();
    expect(screen.queryByText('config-1')).toBeNull();
  });
});
