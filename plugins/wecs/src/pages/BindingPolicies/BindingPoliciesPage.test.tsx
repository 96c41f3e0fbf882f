import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeWecsApi } from '../../__testUtils__/fakeWecsApi';
import {
  kubestellarClusters,
  kubestellarFleet,
  kubestellarSnapshot,
} from '../../__testUtils__/fixtures';
import { renderPage } from '../../__testUtils__/renderPage';
import { BindingPoliciesPage, ruleText } from './BindingPoliciesPage';

/** web as the WDS stages it, and as cluster1 holds it: `replicas` there. */
const webObject = (cluster: string, replicas: number) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop', uid: `${cluster}-web` },
  spec: { replicas },
});

describe('BindingPoliciesPage', () => {
  const render = (route?: string) => {
    const fake = fakeWecsApi(() => kubestellarSnapshot(), {
      getObject: async ref =>
        webObject(ref.cluster, ref.cluster === 'wds1' ? 2 : 3),
      getClusters: async () => ({
        items: kubestellarClusters(),
        errors: [],
      }),
    });
    return {
      ...fake,
      rendered: renderPage(<BindingPoliciesPage />, fake.api, { route }),
    };
  };

  it('lists each policy with its status, selectors, clusters and deliveries', async () => {
    const { subscriptions, views, rendered } = render();
    await rendered;
    expect(await screen.findByText('Binding policies (1)')).toBeInTheDocument();
    // The table draws its rows anew when the WECs' copies come in: each look finds it again.
    const policyRow = () => screen.getByText('shop-edge').closest('tr')!;
    // web reached cluster1, not cluster2: known once the copies are in.
    await waitFor(() =>
      expect(within(policyRow()).getByText('1/2')).toBeInTheDocument(),
    );
    expect(within(policyRow()).getByText('Active')).toBeInTheDocument();
    expect(
      within(policyRow()).getByText('location-group=edge'),
    ).toBeInTheDocument();
    expect(
      within(policyRow()).getByText('cluster1, cluster2'),
    ).toBeInTheDocument();
    // The policies as the backend sums them up: no object of the fleet whole.
    expect(subscriptions).toEqual([]);
    expect(views[views.length - 1]).toMatchObject({
      filters: { roles: ['wds'] },
      views: [{ query: { level: 'policies' } }],
    });
  });

  it('shows where each bound object should be against where it is', async () => {
    const { rendered, views } = render('/?policy=shop-edge');
    await rendered;
    expect(
      await screen.findByText('BindingPolicy shop-edge'),
    ).toBeInTheDocument();
    expect(screen.getByText('selects cluster1, cluster2')).toBeInTheDocument();
    expect(
      screen.getByText('apps: every resource in shop where app=web'),
    ).toBeInTheDocument();
    const matrix = screen
      .getByText('Where it should be, and where it is')
      .closest('div[class*="MuiPaper"]') as HTMLElement;
    const webRow = () =>
      within(matrix).getByText('Deployment shop/web').closest('tr')!;
    await waitFor(() =>
      expect(within(webRow()).getByText('2/2 ready')).toBeInTheDocument(),
    );
    expect(within(webRow()).getByText('Missing')).toBeInTheDocument();
    // The backend pages the policy's objects: the page asks for the selected one's only.
    expect(views[views.length - 1].views).toContainEqual(
      expect.objectContaining({
        query: { level: 'workloads', cluster: 'wds1', policy: 'shop-edge' },
        limit: 50,
      }),
    );
  });

  it('checks every copy against its WDS copy when asked, and opens one on its Drift tab', async () => {
    const { rendered } = render('/?policy=shop-edge');
    await rendered;
    // The button compares the page of objects shown: it waits for them.
    await screen.findByText('Deployment shop/web');
    await userEvent.click(
      await screen.findByRole('button', { name: 'Check drift' }),
    );
    expect(
      await screen.findByText(
        /^1 of 1 copies differ from their WDS copy, as of /,
      ),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByText('1 field differs'));
    expect(
      await screen.findByRole('tab', { name: 'Drift', selected: true }),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(/One field here differs from wds1/),
    ).toBeInTheDocument();
  });

  it('filters by status', async () => {
    const { rendered } = render();
    await rendered;
    await screen.findByText('Binding policies (1)');
    await userEvent.click(screen.getByRole('button', { name: 'Failed (0)' }));
    expect(await screen.findByText('Binding policies (0)')).toBeInTheDocument();
  });
});

describe('ruleText', () => {
  it('says what a downsync clause selects', () => {
    expect(
      ruleText(kubestellarFleet().policy.summary!.policy!.downsync[0]),
    ).toBe('apps: every resource in shop where app=web');
    expect(
      ruleText({
        apiGroup: '',
        resources: ['configmaps'],
        objectNames: ['a', 'b'],
        namespaceSelectors: [
          {
            matchExpressions: [
              { key: 'team', operator: 'In', values: ['x', 'y'] },
            ],
          },
        ],
        createOnly: true,
      }),
    ).toBe(
      'core: configmaps in namespaces where team in (x,y) named a, b (create only)',
    );
  });
});
