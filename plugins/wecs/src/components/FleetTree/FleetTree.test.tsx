import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  ClusterStatus,
  FleetFilters,
  SlimResource,
} from '@kubestellar/plugin-wecs-common';
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { fakeWecsApi } from '../../__testUtils__/fakeWecsApi';
import {
  clustersSnapshot,
  clusterStatus,
  pendingClusterStatus,
  slimResource,
} from '../../__testUtils__/fixtures';
import { wecsApiRef } from '../../api';
import { useFleetTree } from '../../hooks/useFleetTree';
import { useFleetViews } from '../../hooks/useFleetViews';
import { instanceId, TreeNode } from '../../lib/fleetTree';
import { TreeNodeActionsMenu } from '../TreeNodeActions';
import { FleetTree } from './FleetTree';

const deployment = slimResource('Deployment', 'storefront');
const crashing = slimResource('Pod', 'storefront-abc', {
  owners: [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: 'storefront',
      uid: deployment.uid,
      controller: true,
    },
  ],
  status: { phase: 'failed', reason: 'CrashLoopBackOff' },
});

/** The tree as a page holds it: one views connection, selection kept here. */
const Harness = ({
  filters,
  selected: initial,
  onSelect,
  onReconnect = () => {},
  renderActions,
}: {
  filters: FleetFilters;
  selected?: string;
  onSelect?: (id: string) => void;
  onReconnect?: (cluster: string) => void;
  renderActions?: (node: TreeNode) => JSX.Element;
}) => {
  const fleet = useFleetViews();
  const tree = useFleetTree(fleet, filters);
  const [selected, setSelected] = useState(initial);
  return (
    <FleetTree
      tree={tree}
      filters={filters}
      selectedId={selected}
      onSelect={id => {
        setSelected(id);
        onSelect?.(id);
      }}
      onReconnect={onReconnect}
      renderActions={renderActions}
    />
  );
};

const renderTree = async (
  fleet: {
    clusters?: ClusterStatus[];
    resources?: SlimResource[];
  } = {},
  props: Partial<Parameters<typeof Harness>[0]> = {},
) => {
  const fake = fakeWecsApi(() =>
    clustersSnapshot(
      fleet.clusters ?? [clusterStatus('cluster1')],
      [],
      fleet.resources ?? [deployment, crashing],
    ),
  );
  await renderInTestApp(
    <TestApiProvider apis={[[wecsApiRef, fake.api]]}>
      <Harness filters={{}} {...props} />
    </TestApiProvider>,
  );
  await screen.findByText(/ objects in /);
  return fake;
};

const rowNames = () =>
  screen.getAllByRole('treeitem').map(item => item.textContent ?? '');
const selectedRows = () =>
  screen
    .getAllByRole('treeitem')
    .filter(item => item.getAttribute('aria-selected') === 'true')
    .map(item => item.textContent);
const searchBox = () => screen.getByLabelText('Search names across the fleet');

/** Pods `pod-0`.. in cluster1's shop, none owned: a long list of one kind. */
const manyPods = (count: number, cluster = 'cluster1') =>
  Array.from({ length: count }, (_, i) =>
    slimResource('Pod', `pod-${i}`, { cluster, uid: `${cluster}-pod-${i}` }),
  );

describe('FleetTree', () => {
  it('expands level by level, with counts and what needs attention, and collapses all', async () => {
    const { views } = await renderTree();
    expect(
      await screen.findByText('2 objects in 1 cluster'),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(rowNames()).toEqual([
        expect.stringMatching(/^cluster1Connected2/),
      ]),
    );
    expect(screen.getByText('1 failed')).toBeInTheDocument();
    for (const label of ['cluster1', 'shop', 'Deployments', 'storefront'])
      await userEvent.click(await screen.findByLabelText(`Expand ${label}`));
    await screen.findByText('storefront-abc');
    // The namespace is coloured by the health of what it holds: a failed pod makes it red.
    const shop = screen
      .getAllByRole('treeitem')
      .find(row => row.textContent?.startsWith('shop'))!;
    expect(within(shop).getByRole('img')).toHaveAttribute(
      'data-health',
      'failed',
    );
    expect(rowNames().map(name => name.replace(/\d.*$/, ''))).toEqual([
      'cluster',
      'shop',
      'Deployments',
      'storefront',
      'storefront-abc',
    ]);
    const item = screen
      .getAllByRole('treeitem')
      .find(row => row.textContent === 'storefront-abc')!;
    expect(item).toHaveAttribute('aria-level', '5');
    expect(item).not.toHaveAttribute('aria-expanded');
    // One view per open list, under the page's filters.
    expect(views.at(-1)?.views.map(v => v.query.level)).toEqual([
      'clusters',
      'namespaces',
      'kinds',
      'instances',
      'owned',
    ]);
    await userEvent.click(screen.getByRole('button', { name: 'Collapse all' }));
    await waitFor(() =>
      expect(screen.getAllByRole('treeitem')).toHaveLength(1),
    );
    await waitFor(() => expect(views.at(-1)?.views).toHaveLength(1));
    expect(
      screen.queryByRole('button', { name: 'Expand all' }),
    ).not.toBeInTheDocument();
  });

  it('asks only for the rows near the screen of a long list, and more as it scrolls', async () => {
    const { views } = await renderTree({ resources: manyPods(5000) });
    for (const label of ['cluster1', 'shop', 'Pods'])
      await userEvent.click(await screen.findByLabelText(`Expand ${label}`));
    await screen.findByText('pod-3');
    const pods = () =>
      views.at(-1)?.views.find(v => v.query.level === 'instances');
    expect(pods()).toMatchObject({ limit: 100 });
    expect(pods()?.offset ?? 0).toBe(0);
    expect(screen.getAllByRole('treeitem').length).toBeLessThan(60);
    // 36 px a row: line 3000 is pod 2997. (jsdom lays nothing out: the list's sizes are told.)
    const list = screen.getByRole('tree').firstElementChild!;
    Object.defineProperty(list, 'clientHeight', { value: 640 });
    Object.defineProperty(list, 'scrollHeight', { value: 5004 * 36 });
    act(() => {
      list.scrollTop = 3000 * 36;
      fireEvent.scroll(list);
    });
    await screen.findByText('pod-2997');
    expect(pods()).toMatchObject({ offset: 2900, limit: 200 });
  });

  it('jumps to each match, opening the way to it, with Enter, Shift+Enter and the buttons', async () => {
    const pods = ['cluster1', 'cluster2', 'cluster3'].flatMap(c =>
      manyPods(400, c),
    );
    const onSelect = jest.fn();
    const { searches } = await renderTree(
      {
        clusters: ['cluster1', 'cluster2', 'cluster3'].map(c =>
          clusterStatus(c),
        ),
        resources: pods,
      },
      { onSelect },
    );
    await userEvent.type(searchBox(), 'POD-35');
    // pod-35 and pod-350..359 in each cluster: 33 matches, the first shown.
    expect(await screen.findByText('1 of 33')).toBeInTheDocument();
    expect(searches.at(-1)).toMatchObject({ name: 'POD-35', offset: 0 });
    await waitFor(() => expect(selectedRows()).toEqual(['pod-35']));
    expect(onSelect).toHaveBeenLastCalledWith('r:cluster1/cluster1-pod-35');
    const row = screen.getByRole('treeitem', { selected: true });
    expect(within(row).getByText('pod-35').tagName).toBe('MARK');
    await userEvent.type(searchBox(), '{Enter}');
    expect(await screen.findByText('2 of 33')).toBeInTheDocument();
    await waitFor(() => expect(selectedRows()).toEqual(['pod-350']));
    await userEvent.type(searchBox(), '{Shift>}{Enter}{/Shift}');
    await userEvent.type(searchBox(), '{Shift>}{Enter}{/Shift}');
    // Wrapped to the last: cluster3's pod-359, far down its list.
    expect(await screen.findByText('33 of 33')).toBeInTheDocument();
    await waitFor(() => expect(selectedRows()).toEqual(['pod-359']));
    expect(onSelect).toHaveBeenLastCalledWith('r:cluster3/cluster3-pod-359');
    await userEvent.click(screen.getByLabelText('Next match'));
    expect(await screen.findByText('1 of 33')).toBeInTheDocument();
    await userEvent.click(screen.getByLabelText('Previous match'));
    expect(await screen.findByText('33 of 33')).toBeInTheDocument();
    await waitFor(() => expect(selectedRows()).toEqual(['pod-359']));
  });

  it('searches at once on Enter, without waiting for typing to pause', async () => {
    const { searches } = await renderTree({
      clusters: [clusterStatus('cluster1')],
      resources: manyPods(400, 'cluster1'),
    });
    await userEvent.type(searchBox(), 'pod-35{Enter}');
    // Sent by the Enter, and only once: the pause's timer no longer sends it again.
    expect(searches).toHaveLength(1);
    expect(await screen.findByText('1 of 11')).toBeInTheDocument();
    await waitFor(() => expect(selectedRows()).toEqual(['pod-35']));
    await new Promise(resolve => setTimeout(resolve, 400));
    expect(searches).toHaveLength(1);
  });

  it('keeps open rows in their places when the list above them scrolls away, and lands on the match', async () => {
    const inNamespace = (kind: string, namespace: string, prefix: string) =>
      Array.from({ length: 300 }, (_, i) =>
        slimResource(kind, `${prefix}-${i}`, {
          namespace,
          uid: `${prefix}${i}`,
        }),
      );
    await renderTree({
      resources: [
        ...inNamespace('Deployment', 'ns-a', 'deploy'),
        ...inNamespace('Service', 'ns-b', 'svc'),
      ],
    });
    for (const label of ['cluster1', 'ns-a', 'Deployments'])
      await userEvent.click(await screen.findByLabelText(`Expand ${label}`));
    await screen.findByText('deploy-0');
    // Far down the deployments: the namespaces' list keeps one row, ns-a's.
    const list = screen.getByRole('tree').firstElementChild!;
    Object.defineProperty(list, 'clientHeight', { value: 640 });
    Object.defineProperty(list, 'scrollHeight', { value: 400 * 36 });
    act(() => {
      list.scrollTop = 250 * 36;
      fireEvent.scroll(list);
    });
    await screen.findByText('deploy-250');
    await userEvent.type(searchBox(), '-216');
    await screen.findByText('1 of 2');
    await userEvent.type(searchBox(), '{Enter}');
    await screen.findByText('2 of 2');
    // svc-216: after the cluster, ns-a, Deployment, 300 deployments, ns-b and Service.
    await waitFor(() => expect(selectedRows()).toEqual(['svc-216']));
    const line = 1 + 1 + 1 + 300 + 1 + 1 + 216;
    await waitFor(() =>
      expect(Math.abs(list.scrollTop / 36 - line)).toBeLessThan(10),
    );
    // And stays there as the windows settle.
    await new Promise(resolve => setTimeout(resolve, 300));
    expect(selectedRows()).toEqual(['svc-216']);
  });

  it('fetches further matches as next goes past those held', async () => {
    const { searches } = await renderTree({ resources: manyPods(250) });
    await userEvent.type(searchBox(), 'pod-');
    expect(await screen.findByText('1 of 250')).toBeInTheDocument();
    await userEvent.click(screen.getByLabelText('Previous match'));
    expect(await screen.findByText('250 of 250')).toBeInTheDocument();
    expect(searches.at(-1)).toMatchObject({ offset: 200, limit: 100 });
    // pod-249 is last in name order.
    await waitFor(() => expect(selectedRows()).toEqual(['pod-249']));
  });

  it('searches labels with a selector, and says what is wrong with one', async () => {
    const labelled = slimResource('Deployment', 'api', {
      uid: 'uid-api',
      labels: { app: 'api' },
    });
    const { searches } = await renderTree({
      resources: [deployment, crashing, labelled],
    });
    const selector = screen.getByLabelText('Label selector');
    await userEvent.type(selector, 'app=api');
    expect(await screen.findByText('1 of 1')).toBeInTheDocument();
    expect(searches.at(-1)).toMatchObject({ selector: 'app=api' });
    await waitFor(() => expect(selectedRows()).toEqual(['api']));
    await userEvent.type(searchBox(), 'nothing');
    expect(await screen.findByText('No match')).toBeInTheDocument();
    expect(screen.getByLabelText('Next match')).toBeDisabled();
    await userEvent.clear(selector);
    await userEvent.type(selector, '=oops');
    expect(
      await screen.findByText('unable to parse requirement: "=oops"'),
    ).toBeInTheDocument();
  });

  it('offers to reconnect a disconnected cluster', async () => {
    const onReconnect = jest.fn();
    await renderTree(
      {
        clusters: [
          clusterStatus('cluster1', {
            state: 'disconnected',
            lastError: 'connect ECONNREFUSED',
          }),
        ],
      },
      { onReconnect },
    );
    await userEvent.click(await screen.findByText('Disconnected'));
    expect(onReconnect).toHaveBeenCalledWith('cluster1');
  });

  it('selects a row on click and offers its actions without selecting it', async () => {
    const onSelect = jest.fn();
    const onAction = jest.fn();
    await renderTree(
      {},
      {
        onSelect,
        renderActions: node => (
          <TreeNodeActionsMenu node={node} onAction={onAction} />
        ),
      },
    );
    await userEvent.type(searchBox(), 'abc');
    await screen.findByText('1 of 1');
    onSelect.mockClear();
    await userEvent.click(
      await screen.findByText('storefront', { selector: 'span' }),
    );
    expect(onSelect).toHaveBeenLastCalledWith(instanceId(deployment));
    onSelect.mockClear();
    await userEvent.click(
      screen.getByRole('button', { name: 'Actions for storefront-abc' }),
    );
    expect(
      screen.getAllByRole('menuitem').map(item => item.textContent),
    ).toEqual([
      'Details',
      'Edit',
      'Logs',
      'Copy name',
      'Export YAML',
      'Delete…',
    ]);
    await userEvent.click(screen.getByRole('menuitem', { name: 'Logs' }));
    expect(onAction).toHaveBeenCalledWith(
      expect.objectContaining({ id: instanceId(crashing) }),
      'logs',
    );
    expect(onSelect).not.toHaveBeenCalled();
    await userEvent.click(
      screen.getByRole('button', { name: 'Actions for cluster1' }),
    );
    expect(
      screen.getAllByRole('menuitem').map(item => item.textContent),
    ).toEqual(['Details', 'Refresh', 'Copy name']);
  });

  it("opens a cluster's, namespace's or kind's row when its name is clicked, and closes it when clicked again", async () => {
    const onSelect = jest.fn();
    await renderTree({}, { onSelect });
    const row = (name: string) =>
      screen
        .getAllByRole('treeitem')
        .find(item => item.getAttribute('data-node-id') === name)!;
    await userEvent.click(
      await screen.findByText('cluster1', { selector: 'span' }),
    );
    expect(onSelect).toHaveBeenLastCalledWith('c:cluster1');
    expect(row('c:cluster1')).toHaveAttribute('aria-expanded', 'true');
    await userEvent.click(
      await screen.findByText('shop', { selector: 'span' }),
    );
    expect(row('n:cluster1/shop')).toHaveAttribute('aria-expanded', 'true');
    expect(row('c:cluster1')).toHaveAttribute('aria-expanded', 'true');
    // An instance is selected only: its details, not its ReplicaSets.
    await userEvent.click(
      await screen.findByText('Deployments', { selector: 'span' }),
    );
    await userEvent.click(
      await screen.findByText('storefront', { selector: 'span' }),
    );
    expect(onSelect).toHaveBeenLastCalledWith(instanceId(deployment));
    expect(row(instanceId(deployment))).toHaveAttribute(
      'aria-expanded',
      'false',
    );
    // The selected, open namespace closes on a second click.
    await userEvent.click(screen.getByText('shop', { selector: 'span' }));
    await userEvent.click(screen.getByText('shop', { selector: 'span' }));
    expect(row('n:cluster1/shop')).toHaveAttribute('aria-expanded', 'false');
  });

  it('shows a pending cluster as a node with its reason, nothing to expand and no count', async () => {
    await renderTree({
      clusters: [
        clusterStatus('cluster1'),
        pendingClusterStatus(
          'cluster4',
          'ManagedCluster cluster4 is not accepted by the hub: accept it to let it join',
        ),
      ],
    });
    const row = await waitFor(() => {
      const found = screen
        .getAllByRole('treeitem')
        .find(item => item.textContent?.startsWith('cluster4'));
      if (!found) throw new Error('no cluster4 row yet');
      return found;
    });
    const chip = within(row).getByLabelText(
      'Pending: ManagedCluster cluster4 is not accepted by the hub: accept it to let it join',
    );
    expect(chip).toHaveTextContent('Pending');
    expect(row).toHaveTextContent(/^cluster4Pending$/);
    expect(row).not.toHaveAttribute('aria-expanded');
    expect(
      screen.queryByRole('button', { name: 'Expand cluster4' }),
    ).not.toBeInTheDocument();
  });

  it('says which kinds a cluster refuses, and why on hover', async () => {
    await renderTree({
      clusters: [
        clusterStatus('cluster1', {
          refused: [
            {
              apiVersion: 'v1',
              kind: 'Secret',
              message:
                'secrets is forbidden: User "wecs" cannot list resource "secrets"',
            },
          ],
        }),
      ],
    });
    const line = await screen.findByText('RBAC refuses Secret');
    await userEvent.hover(line);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'RBAC refuses Secret (v1): secrets is forbidden: User "wecs" cannot list resource "secrets"',
    );
  });
});
