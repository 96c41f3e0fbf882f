import {
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import { wecsSecretsReadPermission } from '@kubestellar/plugin-wecs-common';

/**
 * Why `credentials` may not open a live stream (a socket or a streamed response), or undefined
 * when they may: live streams are for people, so only users, and only with `permission`.
 */
export async function liveStreamRefusal(
  auth: AuthService,
  permissions: PermissionsService,
  credentials: BackstageCredentials,
  permission: BasicPermission,
): Promise<string | undefined> {
  if (!auth.isPrincipal(credentials, 'user')) {
    return 'Only users can open WECS sockets and streams';
  }
  const [decision] = await permissions.authorize([{ permission }], {
    credentials,
  });
  return decision.result === AuthorizeResult.ALLOW
    ? undefined
    : `Permission ${permission.name} is required`;
}

/**
 * Whether `credentials` may see Secret values (`wecs.secrets.read`): decided once per request
 * or socket, and every object sent on it is redacted when they may not.
 */
export async function mayReadSecrets(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
): Promise<boolean> {
  const [decision] = await permissions.authorize(
    [{ permission: wecsSecretsReadPermission }],
    { credentials },
  );
  return decision.result === AuthorizeResult.ALLOW;
}
