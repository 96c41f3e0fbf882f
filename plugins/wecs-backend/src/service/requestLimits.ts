import { HttpAuthService } from '@backstage/backend-plugin-api';
import express, { Request } from 'express';
import { TooManyRequestsError } from '../model/errors';
import { WecsLimits } from '../model/limits';
import { TokenBucket } from '../model/TokenBucket';
import { PerUserLimit } from '../sockets/PerUserLimit';

/** Past this many callers remembered, those whose buckets are full again are forgotten. */
const FORGET_ABOVE = 10_000;

/** Who is calling, for the limits per user: a user's entity ref, a service's subject. */
async function callerOf(
  httpAuth: HttpAuthService,
  req: Request,
): Promise<string | undefined> {
  try {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service', 'none'],
    });
    const { principal } = credentials;
    if (principal.type === 'user') return principal.userEntityRef;
    if (principal.type === 'service') return `service:${principal.subject}`;
  } catch {
    // No valid credentials: the route itself answers 401.
  }
  return undefined;
}

/**
 * The limits on REST requests, mounted before every route: at most `requestsPerSecond` a
 * second per caller (`requestBurst` at once), refused with 429 and Retry-After (the errors go
 * to the plugin's error handler, which answers them as every refusal); and a followed
 * log (`GET /:cluster/logs?follow=true`) counts as one of the user's log streams, beside the
 * log sockets and streamed logs, from its request until its response closes (ended, failed or
 * abandoned by the client).
 */
export function createRequestLimits(options: {
  httpAuth: HttpAuthService;
  limits: Pick<WecsLimits, 'requestsPerSecond' | 'requestBurst'>;
  logStreams: PerUserLimit;
}): express.Router {
  const { httpAuth, limits, logStreams } = options;
  const buckets = new Map<string, TokenBucket>();
  const router = express.Router();

  router.use(async (req, res, next) => {
    const caller = await callerOf(httpAuth, req);
    if (caller === undefined) {
      next();
      return;
    }
    let bucket = buckets.get(caller);
    if (!bucket) {
      if (buckets.size >= FORGET_ABOVE) {
        for (const [key, kept] of buckets) if (kept.isFull) buckets.delete(key);
      }
      bucket = new TokenBucket(limits.requestsPerSecond, limits.requestBurst);
      buckets.set(caller, bucket);
    }
    if (bucket.take()) {
      res.locals.wecsCaller = caller;
      next();
      return;
    }
    // The plugin's error handler answers, in the body every refusal has.
    res.setHeader('Retry-After', String(bucket.retryAfterSeconds));
    next(
      new TooManyRequestsError(
        `Too many requests: at most ${limits.requestsPerSecond} a second per user (${limits.requestBurst} at once); retry in ${bucket.retryAfterSeconds} s`,
      ),
    );
  });

  router.get('/:cluster/logs', (req, res, next) => {
    const follow = ['true', '1'].includes(String(req.query.follow ?? ''));
    const caller: string | undefined = res.locals.wecsCaller;
    if (!follow || caller === undefined) {
      next();
      return;
    }
    let release: () => void;
    try {
      release = logStreams.acquire(caller);
    } catch (error) {
      next(error);
      return;
    }
    // A client that left while its credentials were checked has closed the response already.
    if (res.closed || res.destroyed) release();
    else res.once('close', release);
    next();
  });

  return router;
}
