import { permissionApiRef } from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { wecsApiRef } from '../../api';
import { fakeWecsApi } from '../../__testUtils__/fakeWecsApi';
import { clustersSnapshot } from '../../__testUtils__/fixtures';
import { permissionApi } from '../../__testUtils__/renderPage';
import { MembershipAction } from './MembershipAction';

// usePermission caches answers for the whole test file (it uses SWR's global cache), so the
// denied case has its own file; the pages' tests cover the allowed flows.
describe('MembershipAction without wecs.clusters.manage', () => {
  it('disables Accept and Detach, says why, and opens no dialog', async () => {
    const { api } = fakeWecsApi(() => clustersSnapshot([]), {
      acceptCluster: async () => {
        throw new Error('must not be called');
      },
    });
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [wecsApiRef, api],
          [permissionApiRef, permissionApi('deny')],
        ]}
      >
        <MembershipAction cluster="cluster3" its="its1" action="accept" />
        <MembershipAction cluster="cluster1" action="detach" />
      </TestApiProvider>,
    );
    const accept = screen.getByRole('button', { name: 'Accept cluster3' });
    await waitFor(() => expect(accept).toBeDisabled());
    expect(
      screen.getByRole('button', { name: 'Detach cluster1' }),
    ).toBeDisabled();
    await userEvent.hover(accept.parentElement!);
    expect(
      await screen.findByText(
        'Accepting and detaching clusters needs the wecs.clusters.manage permission',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});
