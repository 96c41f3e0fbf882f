import { createHash } from 'node:crypto';
import { request } from 'node:https';

/** Who a TokenReview says a token belongs to. */
export interface TokenIdentity {
  username: string;
  groups: string[];
  uid?: string;
}

/** An API server to review tokens at, and the token of an account allowed to. */
export interface TokenReviewTarget {
  url: string;
  caCert: string;
  token: string;
}

/** Thrown when the API server could not be asked (refused connection, error status). */
export class TokenReviewUnavailable extends Error {}

/**
 * Asks an API server who `token` is with a TokenReview (authentication.k8s.io/v1), as
 * cluster-proxy's service-proxy does on the managed cluster and on the hub: the identity for a
 * token it authenticates, undefined for one it does not.
 */
export function reviewToken(
  target: TokenReviewTarget,
  token: string,
): Promise<TokenIdentity | undefined> {
  const body = JSON.stringify({
    apiVersion: 'authentication.k8s.io/v1',
    kind: 'TokenReview',
    spec: { token },
  });
  return new Promise((resolve, reject) => {
    const req = request(
      new URL('/apis/authentication.k8s.io/v1/tokenreviews', target.url),
      {
        method: 'POST',
        ca: target.caCert,
        headers: {
          Authorization: `Bearer ${target.token}`,
          'Content-Type': 'application/json',
          Accept: 'application/json',
          'Content-Length': Buffer.byteLength(body),
        },
      },
      res => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', chunk => (text += chunk));
        res.on('error', reject);
        res.on('end', () => {
          if (res.statusCode !== 200 && res.statusCode !== 201) {
            reject(
              new TokenReviewUnavailable(
                `the TokenReview at ${target.url} answered ${res.statusCode}: ${text}`,
              ),
            );
            return;
          }
          try {
            const status = JSON.parse(text).status ?? {};
            resolve(
              status.authenticated === true
                ? {
                    username: status.user?.username ?? '',
                    groups: status.user?.groups ?? [],
                    ...(status.user?.uid ? { uid: status.user.uid } : {}),
                  }
                : undefined,
            );
          } catch (error) {
            reject(new TokenReviewUnavailable((error as Error).message));
          }
        });
      },
    );
    req.on('error', error => reject(new TokenReviewUnavailable(error.message)));
    req.end(body);
  });
}

/**
 * Remembers reviews for `ttlMs`, successes and refusals alike, as the service-proxy's token
 * cache does (10 s): a client's burst of requests costs one review. Errors are not kept.
 */
export function cachedReviews(
  review: (...args: string[]) => Promise<TokenIdentity | undefined>,
  ttlMs = 10_000,
): (...args: string[]) => Promise<TokenIdentity | undefined> {
  const cache = new Map<
    string,
    { at: number; result: Promise<TokenIdentity | undefined> }
  >();
  return (...args: string[]) => {
    const key = createHash('sha256').update(JSON.stringify(args)).digest('hex');
    const now = Date.now();
    const hit = cache.get(key);
    if (hit && now - hit.at < ttlMs) return hit.result;
    for (const [k, v] of cache) if (now - v.at >= ttlMs) cache.delete(k);
    const result = review(...args);
    cache.set(key, { at: now, result });
    result.catch(() => cache.delete(key));
    return result;
  };
}
