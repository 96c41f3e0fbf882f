import { SimUser } from './auth';
import { ResourceType } from './resources';
import { forbidden, internalError } from './status';

/** Request headers as Node's `headersDistinct` gives them: every value of each, lower-cased. */
export type DistinctHeaders = Record<string, string[] | undefined>;

const SERVICE_ACCOUNT = /^system:serviceaccount:([^:]+):([^:]+)$/;

const impersonable = (
  group: string,
  plural: string,
  namespaced = false,
): ResourceType => ({
  group,
  version: 'v1',
  kind: plural,
  plural,
  singular: plural,
  namespaced,
});

/**
 * Who a request acts as once its `Impersonate-User`, `Impersonate-Group`, `Impersonate-Uid` and
 * `Impersonate-Extra-*` headers are applied, as kube-apiserver's impersonation filter decides:
 * only a user RBAC lets impersonate (system:masters, or cluster-proxy's service account) may
 * send them, anyone else gets the filter's 403. The impersonated user keeps the restrictions a
 * known user of that name has; the groups sent (and system:authenticated) are all the groups it
 * has; an unknown user outside system:masters holds no role binding.
 */
export function impersonate(
  user: SimUser,
  headers: DistinctHeaders,
  known: SimUser[],
): SimUser {
  const name = headers['impersonate-user']?.[0];
  const groups = headers['impersonate-group'] ?? [];
  const uid = headers['impersonate-uid']?.[0];
  const extras = Object.keys(headers).filter(h =>
    h.startsWith('impersonate-extra-'),
  );
  if (name === undefined) {
    if (groups.length || uid !== undefined || extras.length) {
      throw internalError(
        'requested impersonation of groups, a uid or extra fields without impersonating a user',
      );
    }
    return user;
  }
  const mayImpersonate =
    user.impersonator || user.groups.includes('system:masters');
  const serviceAccount = SERVICE_ACCOUNT.exec(name);
  const refuse = (type: ResourceType, target: string, namespace?: string) => {
    if (!mayImpersonate)
      throw forbidden(
        user.name,
        'impersonate',
        type,
        namespace,
        undefined,
        target,
      );
  };
  if (serviceAccount) {
    refuse(
      impersonable('', 'serviceaccounts', true),
      serviceAccount[2],
      serviceAccount[1],
    );
  } else {
    refuse(impersonable('', 'users'), name);
  }
  for (const group of groups) refuse(impersonable('', 'groups'), group);
  if (uid !== undefined)
    refuse(impersonable('authentication.k8s.io', 'uids'), uid);

  const effectiveGroups = [...groups];
  if (serviceAccount) {
    effectiveGroups.push(
      'system:serviceaccounts',
      `system:serviceaccounts:${serviceAccount[1]}`,
    );
  }
  if (name !== 'system:anonymous') effectiveGroups.push('system:authenticated');
  const same = known.find(u => u.name === name);
  return {
    name,
    token: '',
    groups: [...new Set(effectiveGroups)],
    readOnly: same?.readOnly,
    deniedNamespaces: same?.deniedNamespaces,
    unbound: same ? same.unbound : true,
  };
}
