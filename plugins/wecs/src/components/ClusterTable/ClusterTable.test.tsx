import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ClusterRow, ClusterTable } from './ClusterTable';

const cluster = (name: string, state: ClusterRow['state']): ClusterRow => ({
  name,
  source: 'kubeconfig',
  role: 'wec',
  context: name,
  server: `https://${name}.example:6443`,
  access: 'direct',
  state,
  since: '2026-12-07T18:00:00Z',
  lastError: state === 'disconnected' ? 'connection refused' : undefined,
  counts: { total: 3 },
});

describe('ClusterTable', () => {
  it("offers to reconnect a disconnected cluster from its connection, as the tree's row does", async () => {
    const onReconnect = jest.fn();
    await renderInTestApp(
      <ClusterTable
        clusters={[
          cluster('cluster1', 'connected'),
          cluster('cluster2', 'disconnected'),
        ]}
        onReconnect={onReconnect}
      />,
    );
    expect(screen.queryByLabelText('Reconnect cluster1')).toBeNull();
    await userEvent.click(screen.getByLabelText('Reconnect cluster2'));
    expect(onReconnect).toHaveBeenCalledWith('cluster2');
  });

  it('shows the connection as a status only without onReconnect', async () => {
    await renderInTestApp(
      <ClusterTable clusters={[cluster('cluster2', 'disconnected')]} />,
    );
    expect(screen.getByText('Disconnected')).toBeInTheDocument();
    expect(screen.queryByLabelText('Reconnect cluster2')).toBeNull();
  });
});
