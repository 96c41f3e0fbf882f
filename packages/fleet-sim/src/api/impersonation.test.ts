import { authorize, SimUser } from './auth';
import { impersonate } from './impersonation';
import { BUILTIN_TYPES } from './resources';
import { ApiError } from './status';

const admin: SimUser = {
  name: 'kubernetes-admin',
  token: 'a',
  groups: ['system:masters', 'system:authenticated'],
};
const restricted: SimUser = {
  name: 'wecs-restricted',
  token: 'r',
  groups: ['system:authenticated'],
  readOnly: true,
  deniedNamespaces: ['restricted'],
};
const proxy: SimUser = {
  name: 'system:serviceaccount:open-cluster-management-cluster-proxy:cluster-proxy',
  token: 'p',
  groups: ['system:serviceaccounts', 'system:authenticated'],
  impersonator: true,
  unbound: true,
};
const known = [admin, restricted, proxy];
const pods = BUILTIN_TYPES.find(t => t.plural === 'pods')!;
const tokenReviews = BUILTIN_TYPES.find(t => t.plural === 'tokenreviews')!;

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error.status;
    throw error;
  }
  return undefined;
};

describe('impersonate', () => {
  it('leaves a request without impersonation headers to its own user', () => {
    expect(impersonate(restricted, {}, known)).toBe(restricted);
  });

  it('refuses impersonation to a user RBAC does not let impersonate, as kube-apiserver words it', () => {
    const status = refusal(() =>
      impersonate(restricted, { 'impersonate-user': ['x'] }, known),
    );
    expect(status).toMatchObject({
      code: 403,
      reason: 'Forbidden',
      message:
        'users "x" is forbidden: User "wecs-restricted" cannot impersonate resource "users" in API group "" at the cluster scope',
    });
    expect(
      refusal(() =>
        impersonate(
          restricted,
          { 'impersonate-user': ['system:serviceaccount:team:builder'] },
          known,
        ),
      )?.message,
    ).toBe(
      'serviceaccounts "builder" is forbidden: User "wecs-restricted" cannot impersonate resource "serviceaccounts" in API group "" in the namespace "team"',
    );
  });

  it('refuses groups or a uid without a user', () => {
    expect(
      refusal(() =>
        impersonate(admin, { 'impersonate-group': ['system:masters'] }, known),
      )?.code,
    ).toBe(500);
  });

  it('keeps the restrictions of a known user and lets the groups decide system:masters', () => {
    const asRestricted = impersonate(
      proxy,
      { 'impersonate-user': ['wecs-restricted'] },
      known,
    );
    expect(asRestricted).toMatchObject({
      name: 'wecs-restricted',
      groups: ['system:authenticated'],
      readOnly: true,
      deniedNamespaces: ['restricted'],
    });
    expect(
      refusal(() => authorize(asRestricted, 'list', pods, 'restricted'))
        ?.message,
    ).toMatch(/User "wecs-restricted" cannot list resource "pods"/);
    expect(() => authorize(asRestricted, 'get', pods, 'shop')).not.toThrow();

    const master = impersonate(
      proxy,
      {
        'impersonate-user': ['wecs-restricted'],
        'impersonate-group': ['system:masters', 'team-a'],
      },
      known,
    );
    expect(master.groups).toEqual([
      'system:masters',
      'team-a',
      'system:authenticated',
    ]);
    expect(() => authorize(master, 'delete', pods, 'restricted')).not.toThrow();
  });

  it('gives an unknown user outside system:masters no rights at all', () => {
    const stranger = impersonate(
      admin,
      {
        'impersonate-user': [
          'cluster:hub:system:serviceaccount:kubestellar:viewer',
        ],
        'impersonate-group': ['system:serviceaccounts'],
        'impersonate-uid': ['1234'],
      },
      known,
    );
    expect(stranger.unbound).toBe(true);
    expect(
      refusal(() => authorize(stranger, 'get', pods, 'default'))?.message,
    ).toBe(
      'pods is forbidden: User "cluster:hub:system:serviceaccount:kubestellar:viewer" cannot get resource "pods" in API group "" in the namespace "default"',
    );
  });

  it('lets cluster-proxy review tokens but nothing else of its own', () => {
    expect(() =>
      authorize(proxy, 'create', tokenReviews, undefined),
    ).not.toThrow();
    expect(refusal(() => authorize(proxy, 'list', pods, undefined))?.code).toBe(
      403,
    );
  });
});
