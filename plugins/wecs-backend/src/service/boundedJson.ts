import { CustomErrorBase } from '@backstage/errors';
import express, { RequestHandler } from 'express';
import { checkJsonDepth } from '../model/jsonDepth';
import { describeBytes, WecsLimits } from '../model/limits';

/** A body larger than the limit (413), in Backstage's error body as every refusal is. */
export class PayloadTooLargeError extends CustomErrorBase {
  name = 'PayloadTooLargeError' as const;
  readonly statusCode = 413;
}

/**
 * Parses JSON bodies (`application/json`, `application/*+json`) with bounds: at most
 * `requestBodyBytes` (413 past it, naming the limit) and nested at most `jsonDepth` levels
 * (400), checked on the raw text before it is parsed, so that nothing downstream recurses into
 * a body without bound.
 */
export function boundedJson(
  limits: Pick<WecsLimits, 'requestBodyBytes' | 'jsonDepth'>,
): RequestHandler {
  const parse = express.json({
    limit: limits.requestBodyBytes,
    type: ['application/json', 'application/*+json'],
    verify: (_req, _res, body) => {
      try {
        checkJsonDepth(body.toString('utf8'), limits.jsonDepth);
      } catch (error) {
        // body-parser answers a failed verify with the status the error carries.
        Object.assign(error as Error, { status: 400 });
        throw error;
      }
    },
  });
  return (req, res, next) =>
    parse(req, res, error => {
      if ((error as { type?: string })?.type === 'entity.too.large') {
        next(
          new PayloadTooLargeError(
            `Request bodies may be at most ${describeBytes(
              limits.requestBodyBytes,
            )}`,
          ),
        );
        return;
      }
      next(error);
    });
}
