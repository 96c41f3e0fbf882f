import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { clusterStatus, slimResource } from '../../__testUtils__/fixtures';
import { FleetView } from '../../live';
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
  updatedAt: new Date(),
});

const rowNames = () =>
  screen.getAllByRole('treeitem').map(item => item.textContent ?? '');

describe('FleetTree', () => {
  it('expands level by level, with counts and what needs attention', async () => {
    await renderInTestApp(<FleetTree view={view()} onReconnect={jest.fn()} />);
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
    await renderInTestApp(<FleetTree view={view()} onReconnect={jest.fn()} />);
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
    await renderInTestApp(
      <FleetTree
        view={view([
          clusterStatus('cluster1', {
            state: 'disconnected',
            lastError: 'connect ECONNREFUSED',
          }),
        ])}
        onReconnect={onReconnect}
      />,
    );
    await userEvent.click(screen.getByText('disconnected'));
    expect(onReconnect).toHaveBeenCalledWith('cluster1');
  });
});
