import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  SIGN_IN_EXPIRED_CLOSE_CODE,
  SOCKET_CLOSE_CODES,
} from '@kubestellar/plugin-wecs-common';
import { WebSocket } from 'ws';

/** How a socket whose authorization ended is closed: the code, and the reason it gives. */
export const AUTHORIZATION_CLOSES = {
  /** The token it opened with expired: the client reconnects at once with a fresh one. */
  expired: {
    code: SIGN_IN_EXPIRED_CLOSE_CODE,
    reason: 'Your sign-in expired; reconnecting with a fresh one',
  },
  /** The user no longer holds the permission the socket needs. */
  withdrawn: (permission: string) => ({
    code: SOCKET_CLOSE_CODES.withdrawn,
    reason: `Permission ${permission} was withdrawn`,
  }),
};

/** setTimeout takes at most this many milliseconds (about 24.8 days). */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * Keeps a socket as authorized as the request that opened it: closed with 4401 when the
 * credentials it opened with expire, and with 4403 once a check (every `recheckMs`) finds the
 * user no longer holds `permission`. A socket is checked at its upgrade only; without this, a
 * page left open would be served after the token that let it in was gone, or the access taken
 * from its user.
 */
export function keepAuthorized(
  ws: WebSocket,
  options: {
    credentials: BackstageCredentials;
    permissions: PermissionsService;
    permission: BasicPermission;
    recheckMs: number;
    now?: () => number;
  },
) {
  const { credentials, permissions, permission, recheckMs } = options;
  const now = options.now ?? Date.now;
  const close = ({ code, reason }: { code: number; reason: string }) => {
    if (ws.readyState === WebSocket.OPEN) ws.close(code, reason);
  };
  const timers: NodeJS.Timeout[] = [];
  if (credentials.expiresAt) {
    const left = credentials.expiresAt.getTime() - now();
    timers.push(
      setTimeout(
        () => close(AUTHORIZATION_CLOSES.expired),
        Math.max(0, Math.min(left, MAX_TIMEOUT_MS)),
      ),
    );
  }
  let checking = false;
  const recheck = setInterval(async () => {
    if (checking) return;
    checking = true;
    try {
      const [decision] = await permissions.authorize([{ permission }], {
        credentials,
      });
      if (decision.result !== AuthorizeResult.ALLOW)
        close(AUTHORIZATION_CLOSES.withdrawn(permission.name));
    } catch {
      // The permission service could not answer: the socket stays until it can.
    } finally {
      checking = false;
    }
  }, recheckMs);
  timers.push(recheck);
  for (const timer of timers) timer.unref?.();
  ws.once('close', () => timers.forEach(timer => clearTimeout(timer)));
}
