import { RequestHandler } from 'express';
import { UnsupportedMediaTypeError } from '../model/errors';

/** The media types a request body may have: JSON, and the JSON patch types. */
export const JSON_BODY_TYPES = [
  'application/json',
  'application/merge-patch+json',
  'application/json-patch+json',
  'application/strategic-merge-patch+json',
];

/** True when a request carries a body (a length above zero, or a chunked one). */
export const hasBody = (headers: Record<string, unknown>) =>
  headers['transfer-encoding'] !== undefined ||
  (headers['content-length'] !== undefined &&
    headers['content-length'] !== '0');

/**
 * Refuses a request body that is not JSON with 415, naming the types accepted, before any
 * route reads it: a body the JSON parser skips would otherwise reach the route as no body at
 * all (a PATCH sent as text/plain was applied as an empty patch). Requests without a body
 * (reconnect, refresh, a GET) pass.
 */
export const requireJsonBodies: RequestHandler = (req, _res, next) => {
  if (
    !hasBody(req.headers) ||
    req.is(['application/json', 'application/*+json'])
  ) {
    next();
    return;
  }
  next(
    new UnsupportedMediaTypeError(
      `Send the request body as JSON: Content-Type ${JSON_BODY_TYPES.join(
        ', ',
      )}; got ${
        req.headers['content-type']
          ? JSON.stringify(req.headers['content-type'].slice(0, 100))
          : 'no Content-Type'
      }`,
    ),
  );
};
