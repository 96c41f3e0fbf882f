import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { TreeCounts } from '../../lib/fleetTree';
import { TreeRow } from './TreeRow';

/** A namespace row holding `counts`, as the tree draws it. */
const renderNamespace = (counts: TreeCounts) =>
  renderInTestApp(
    <TreeRow
      line={{
        id: 'n:cluster1/ops',
        list: 'c:cluster1',
        position: 0,
        depth: 1,
        expanded: false,
        expandable: true,
        node: {
          id: 'n:cluster1/ops',
          type: 'namespace',
          label: 'ops',
          cluster: 'cluster1',
          namespace: 'ops',
          counts,
          expandable: true,
        },
      }}
      style={{}}
      query=""
      selected={false}
      onToggle={() => {}}
      onSelect={() => {}}
      onReconnect={() => {}}
    />,
  );

describe('TreeRow', () => {
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
