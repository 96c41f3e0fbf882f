import { ResourceType } from './resources';
import { forbidden } from './status';

/** A bearer-token identity of the simulated API servers and what RBAC grants it. */
export interface SimUser {
  name: string;
  token: string;
  groups: string[];
  /** Read-only: get, list and watch (and pod logs); every write is refused. */
  readOnly?: boolean;
  /**
   * Namespaces where the user has no role binding at all. As with real RBAC, a user bound per
   * namespace cannot list namespaced resources across all namespaces either.
   */
  deniedNamespaces?: string[];
  /**
   * RBAC grants it `impersonate` on users, groups and uids and `create` on tokenreviews, as
   * OCM cluster-proxy's service-proxy account has on each managed cluster.
   */
  impersonator?: boolean;
  /** No role binding at all: every resource request is refused (discovery stays open). */
  unbound?: boolean;
}

const READ_VERBS = new Set(['get', 'list', 'watch']);

/** Throws the API server's 403 when RBAC would refuse the request. */
export function authorize(
  user: SimUser,
  verb: string,
  type: ResourceType,
  namespace: string | undefined,
  subresource?: string,
  name?: string,
) {
  if (user.groups.includes('system:masters')) return;
  const refuse = () => {
    throw forbidden(user.name, verb, type, namespace, subresource, name);
  };
  if (user.impersonator && verb === 'create' && type.plural === 'tokenreviews')
    return;
  if (user.unbound) refuse();
  if (user.readOnly && !READ_VERBS.has(verb)) refuse();
  if (user.deniedNamespaces?.length && type.namespaced) {
    if (!namespace) refuse();
    if (user.deniedNamespaces.includes(namespace!)) refuse();
  }
}

/** Verb names as RBAC spells them for an HTTP method on a path. */
export function verbOf(method: string, hasName: boolean, watch: boolean) {
  switch (method) {
    case 'GET':
    case 'HEAD':
      if (watch) return 'watch';
      return hasName ? 'get' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return hasName ? 'delete' : 'deletecollection';
    default:
      return method.toLowerCase();
  }
}
