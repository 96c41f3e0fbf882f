import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  clusterStatus,
  pendingClusterStatus,
  slimResource,
} from '../../__testUtils__/fixtures';
import { FleetView } from '../../api';
import { buildFleetTree, instanceId } from '../../lib/fleetTree';
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

const view = (clusters = [clusterStatus('cluster1')]): FleetView => ({
  state: 'live',
  resources: new Map(
    [deployment, crashing].map(r => [`${r.cluster}/${r.uid}`, r]),
  ),
  clusters,
  errors: [],
  left: [],
  updatedAt: new Date(),
});

/** The tree as the page renders it: built from the view, selection kept by the caller. */
const renderTree = (
  fleet: FleetView,
  props: Partial<Parameters<typeof FleetTree>[0]> = {},
) =>
  renderInTestApp(
    <FleetTree
      view={fleet}
      tree={buildFleetTree(fleet.clusters, fleet.resources.values())}
      onSelect={jest.fn()}
      onReconnect={jest.fn()}
      {...props}
    />,
  );

const rowNames = () =>
  screen.getAllByRole('treeitem').map(item => item.textContent ?? '');

describe('FleetTree', () => {
  it('expands level by level, with counts and what needs attention', async () => {
    await renderTree(view());
    expect(rowNames()).toEqual([expect.stringMatching(/^cluster1connected2/)]);
    expect(screen.getByText('1 failed')).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Expand cluster1' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Expand shop' }));
    expect(rowNames().map(name => name.replace(/\d.*$/, ''))).toEqual([
      'cluster',
      'shop',
      'Deployment',
    ]);
    await userEvent.click(screen.getByRole('button', { name: 'Collapse all' }));
    expect(screen.getAllByRole('treeitem')).toHaveLength(1);
    await userEvent.click(screen.getByRole('button', { name: 'Expand all' }));
    expect(screen.getAllByRole('treeitem')).toHaveLength(5);
  });

  it('reveals and highlights what a search finds', async () => {
    await renderTree(view());
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Search names across the fleet' }),
      'ABC',
    );
    const match = screen
      .getAllByRole('treeitem')
      .find(item => item.textContent?.includes('storefront-abc'))!;
    expect(within(match).getByText('abc').tagName).toBe('MARK');
    expect(screen.getByText(/1 matching/)).toBeInTheDocument();
  });

  it('offers to reconnect a disconnected cluster', async () => {
    const onReconnect = jest.fn();
    await renderTree(
      view([
        clusterStatus('cluster1', {
          state: 'disconnected',
          lastError: 'connect ECONNREFUSED',
        }),
      ]),
      { onReconnect },
    );
    await userEvent.click(screen.getByText('disconnected'));
    expect(onReconnect).toHaveBeenCalledWith('cluster1');
  });

  it('opens the way to a node selected elsewhere, and marks it', async () => {
    await renderTree(view(), { selectedId: instanceId(crashing) });
    const selected = screen
      .getAllByRole('treeitem')
      .filter(item => item.getAttribute('aria-selected') === 'true');
    expect(selected.map(item => item.textContent)).toEqual([
      expect.stringContaining('storefront-abc'),
    ]);
  });

  it('selects a row on click and offers its actions without selecting it', async () => {
    const onSelect = jest.fn();
    const onAction = jest.fn();
    await renderTree(view(), {
      onSelect,
      renderActions: node => (
        <TreeNodeActionsMenu node={node} onAction={onAction} />
      ),
    });
    await userEvent.click(screen.getByRole('button', { name: 'Expand all' }));
    await userEvent.click(screen.getByText('storefront-abc'));
    expect(onSelect).toHaveBeenLastCalledWith(
      expect.objectContaining({ id: instanceId(crashing) }),
    );
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
    ).toEqual(['Details', 'Copy name']);
  });

  it('shows a pending cluster as a node with its reason, nothing to expand and no count', async () => {
    await renderTree(
      view([
        clusterStatus('cluster1'),
        pendingClusterStatus(
          'cluster4',
          'ManagedCluster cluster4 is not accepted by the hub: accept it to let it join',
        ),
      ]),
    );
    const row = screen
      .getAllByRole('treeitem')
      .find(item => item.textContent?.startsWith('cluster4'))!;
    const chip = within(row).getByLabelText(
      'Pending: ManagedCluster cluster4 is not accepted by the hub: accept it to let it join',
    );
    expect(chip).toHaveTextContent('Pending');
    expect(row).toHaveTextContent(/^cluster4Pending$/);
    expect(row).not.toHaveAttribute('aria-expanded');
    expect(
      screen.queryByRole('button', { name: 'Expand cluster4' }),
    ).not.toBeInTheDocument();
    await userEvent.hover(chip);
    expect(
      await screen.findByRole('tooltip', {
        name: 'ManagedCluster cluster4 is not accepted by the hub: accept it to let it join',
      }),
    ).toBeInTheDocument();
  });

  it('says which kinds a cluster refuses, and why on hover', async () => {
    await renderTree(
      view([
        clusterStatus('cluster1', {
          refused: [
            {
              apiVersion: 'v1',
              kind: 'Secret',
              message:
                'secrets is forbidden: User "wecs" cannot list resource "secrets"',
            },
            {
              apiVersion: 'batch/v1',
              kind: 'Job',
              message: 'jobs.batch is forbidden',
            },
          ],
        }),
      ]),
    );
    const line = screen.getByText('RBAC refuses Secret, Job');
    await userEvent.hover(line);
    const tooltip = await screen.findByRole('tooltip');
    expect(tooltip).toHaveTextContent(
      'RBAC refuses Secret (v1): secrets is forbidden: User "wecs" cannot list resource "secrets"',
    );
    expect(tooltip).toHaveTextContent(
      'RBAC refuses Job (batch/v1): jobs.batch is forbidden',
    );
  });
});
