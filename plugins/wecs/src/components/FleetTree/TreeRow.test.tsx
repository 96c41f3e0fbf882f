import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { TreeCounts, TreeNode } from '../../lib/fleetTree';
import { slimResource } from '../../__testUtils__/fixtures';
import { TreeRow } from './TreeRow';

/** A row as the tree draws it, at `depth`, closed and not selected. */
const renderRow = (node: TreeNode, depth: number) =>
  renderInTestApp(
    <TreeRow
      line={{
        id: node.id,
        list: 'parent',
        position: 0,
        depth,
        expanded: false,
        expandable: node.expandable,
        node,
      }}
      style={{}}
      query=""
      selected={false}
      onToggle={() => {}}
      onSelect={() => {}}
      onReconnect={() => {}}
    />,
  );

/** A namespace row holding `counts`. */
const renderNamespace = (counts: TreeCounts) =>
  renderRow(
    {
      id: 'n:cluster1/ops',
      type: 'namespace',
      label: 'ops',
      cluster: 'cluster1',
      namespace: 'ops',
      counts,
      expandable: true,
    },
    1,
  );

/** A Deployment's row; `policies` as the backend sends them for what KubeStellar delivered. */
const renderDeployment = (policies?: string[]) =>
  renderRow(
    {
      id: 'r:cluster1/uid-web',
      type: 'instance',
      label: 'web',
      cluster: 'cluster1',
      namespace: 'shop',
      kind: 'Deployment',
      resource: slimResource('Deployment', 'web'),
      counts: { total: 1, failed: 0, pending: 0 },
      expandable: false,
      ...(policies ? { policies } : {}),
    },
    3,
  );

describe('TreeRow', () => {
  it('marks what KubeStellar delivered with the binding policies it came through', async () => {
    const { unmount } = await renderDeployment(['shop-everywhere']);
    expect(screen.getByText('via shop-everywhere')).toHaveAttribute(
      'title',
      'Delivered by KubeStellar through binding policy shop-everywhere',
    );
    unmount();
    const unknown = await renderDeployment([]);
    expect(screen.getByText('delivered')).toHaveAttribute(
      'title',
      'Delivered by KubeStellar through a binding policy',
    );
    unknown.unmount();
    await renderDeployment();
    expect(screen.queryByText(/delivered|via/)).not.toBeInTheDocument();
  });

  it('colours a namespace by the health of what it holds: green, yellow when only pending, red when failed', async () => {
    const { unmount } = await renderNamespace({
      total: 4,
      failed: 0,
      pending: 0,
    });
    expect(screen.getByRole('img')).toHaveAttribute('data-health', 'running');
    unmount();

    const pending = await renderNamespace({ total: 4, failed: 0, pending: 2 });
    expect(screen.getByRole('img')).toHaveAttribute('data-health', 'pending');
    const note = screen.getByText('2 pending');
    expect(note.className).toMatch(/attentionPending/);
    expect(note.className).not.toMatch(/attention-/);
    pending.unmount();

    await renderNamespace({ total: 4, failed: 1, pending: 2 });
    expect(screen.getByRole('img')).toHaveAttribute('data-health', 'failed');
    expect(screen.getByText('1 failed, 2 pending').className).toMatch(
      /attention-/,
    );
  });
});
