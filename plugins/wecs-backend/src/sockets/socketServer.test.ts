import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  wecsLogsReadPermission,
  wecsResourcesReadPermission,
} from '@kubestellar/plugin-wecs-common';
import { PassThrough } from 'node:stream';
import { authorizeUpgrade } from './socketServer';

/** The upgrade check both sockets run before any handshake. */
describe('authorizeUpgrade', () => {
  const socketReply = () => {
    const socket = new PassThrough();
    let written = '';
    socket.on('data', chunk => (written += chunk));
    return { socket, written: () => written };
  };

  it.each([wecsResourcesReadPermission, wecsLogsReadPermission])(
    'refuses a user denied %s with 403',
    async permission => {
      const { socket, written } = socketReply();
      const allowed = await authorizeUpgrade(
        mockServices.auth(),
        mockServices.permissions({ result: AuthorizeResult.DENY }),
        mockCredentials.user(),
        socket,
        permission,
      );
      expect(allowed).toBe(false);
      expect(written()).toMatch(/^HTTP\/1.1 403 Forbidden/);
      expect(written()).toContain(`Permission ${permission.name} is required`);
    },
  );

  it('lets an allowed user through without writing anything', async () => {
    const { socket, written } = socketReply();
    const allowed = await authorizeUpgrade(
      mockServices.auth(),
      mockServices.permissions({ result: AuthorizeResult.ALLOW }),
      mockCredentials.user(),
      socket,
      wecsResourcesReadPermission,
    );
    expect(allowed).toBe(true);
    expect(written()).toBe('');
  });

  it('refuses service principals: the sockets are for people', async () => {
    const { socket, written } = socketReply();
    const allowed = await authorizeUpgrade(
      mockServices.auth(),
      mockServices.permissions({ result: AuthorizeResult.ALLOW }),
      mockCredentials.service(),
      socket,
      wecsResourcesReadPermission,
    );
    expect(allowed).toBe(false);
    expect(written()).toContain('Only users can open WECS sockets');
  });
});
