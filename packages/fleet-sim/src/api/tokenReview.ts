import { SimUser } from './auth';
import { badRequest } from './status';
import { KubeObject } from './types';

/**
 * The answer to a TokenReview, as kube-apiserver gives it: the spec sent back with, for a
 * token one of `users` holds, `authenticated` and the user's name and groups; for any other
 * token an empty user (JSON leaves `authenticated: false` out).
 */
export function reviewToken(users: SimUser[], review: KubeObject): KubeObject {
  const token = (review.spec as { token?: unknown } | undefined)?.token;
  if (typeof token !== 'string' || token === '') {
    throw badRequest('token is required for TokenReview');
  }
  const user = users.find(u => u.token === token);
  return {
    kind: 'TokenReview',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: {},
    spec: review.spec,
    status: user
      ? {
          authenticated: true,
          user: { username: user.name, groups: user.groups },
        }
      : { user: {} },
  };
}
