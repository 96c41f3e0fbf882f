import { mockCredentials } from '@backstage/backend-test-utils';
import { PermissionsService } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { wecsResourcesReadPermission } from '@kubestellar/plugin-wecs-common';
import { EventEmitter } from 'node:events';
import { WebSocket } from 'ws';
import { AUTHORIZATION_CLOSES, keepAuthorized } from './keepAuthorized';

/** A socket that records how it was closed, and closes as a real one does. */
class RecordingSocket extends EventEmitter {
  readyState: number = WebSocket.OPEN;
  closedWith?: { code: number; reason: string };
  close(code: number, reason: string) {
    this.closedWith = { code, reason };
    this.readyState = WebSocket.CLOSED;
    this.emit('close', code, Buffer.from(reason));
  }
}

describe('keepAuthorized', () => {
  let allowed: boolean;
  let checks: number;
  const permissions = {
    authorize: async () => {
      checks++;
      return [
        { result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY },
      ];
    },
  } as unknown as PermissionsService;
  const start = 1_000_000;

  beforeEach(() => {
    jest.useFakeTimers({ now: start });
    allowed = true;
    checks = 0;
  });
  afterEach(() => jest.useRealTimers());

  const keep = (socket: RecordingSocket, expiresInMs?: number) =>
    keepAuthorized(socket as unknown as WebSocket, {
      credentials: {
        ...mockCredentials.user(),
        ...(expiresInMs !== undefined
          ? { expiresAt: new Date(start + expiresInMs) }
          : {}),
      },
      permissions,
      permission: wecsResourcesReadPermission,
      recheckMs: 60_000,
    });

  it('closes with 4401 when the credentials it opened with expire, not before', async () => {
    const socket = new RecordingSocket();
    keep(socket, 3_600_000);
    await jest.advanceTimersByTimeAsync(3_599_000);
    expect(socket.closedWith).toBeUndefined();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(socket.closedWith).toEqual(AUTHORIZATION_CLOSES.expired);
  });

  it('closes with 4403 at the first check after the permission is withdrawn', async () => {
    const socket = new RecordingSocket();
    keep(socket);
    await jest.advanceTimersByTimeAsync(120_000);
    expect(checks).toBe(2);
    expect(socket.closedWith).toBeUndefined();
    allowed = false;
    await jest.advanceTimersByTimeAsync(60_000);
    expect(socket.closedWith).toEqual({
      code: 4403,
      reason: 'Permission wecs.resources.read was withdrawn',
    });
  });

  it('stops checking once the socket closed', async () => {
    const socket = new RecordingSocket();
    keep(socket, 30_000);
    socket.close(1000, 'closed by the page');
    await jest.advanceTimersByTimeAsync(600_000);
    expect(checks).toBe(0);
    expect(socket.closedWith).toEqual({
      code: 1000,
      reason: 'closed by the page',
    });
  });

  it('keeps the socket while the permission service cannot answer', async () => {
    const socket = new RecordingSocket();
    keepAuthorized(socket as unknown as WebSocket, {
      credentials: mockCredentials.user(),
      permissions: {
        authorize: async () => {
          throw new Error('the permission backend is down');
        },
      } as unknown as PermissionsService,
      permission: wecsResourcesReadPermission,
      recheckMs: 60_000,
    });
    await jest.advanceTimersByTimeAsync(180_000);
    expect(socket.closedWith).toBeUndefined();
  });
});
