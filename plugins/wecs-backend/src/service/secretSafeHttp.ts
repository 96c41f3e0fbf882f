import { InputError } from '@backstage/errors';
import { NextFunction, Request, RequestHandler, Response } from 'express';
import {
  findRedactedMarker,
  REDACTED,
  redactSecretValues,
} from '../model/secretRedaction';

/**
 * Every JSON answer of the plugin's routes passes through the one redaction step on its way
 * out: an answer that carries Secret values (an object, a list, a ManifestWork that embeds a
 * Secret, a WorkStatus of one...) is sent redacted unless `mayReadSecrets` allows the request.
 * The permission is asked only for such answers, once, and a failure to decide redacts. Mounted
 * before every router of the plugin, so a new route is covered without a word.
 */
export function secretSafeResponses(
  mayReadSecrets: (req: Request) => Promise<boolean>,
): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const sendJson = res.json.bind(res);
    res.json = (body?: unknown) => {
      const redacted = redactSecretValues(body);
      if (redacted === body) return sendJson(body);
      mayReadSecrets(req).then(
        allowed => sendJson(allowed ? body : redacted),
        () => sendJson(redacted),
      );
      return res;
    };
    next();
  };
}

/**
 * Refuses, with a 400 that says where, a write whose body still holds the REDACTED marker: an
 * object fetched redacted and sent back would put the marker over the real values. Refused
 * rather than merged: a merge would have to guess which value a marker stood for once
 * manifests move or change kind, and could steer a Secret's value into a field the writer may
 * read. A user without `wecs.secrets.read` edits such an object with a patch that leaves the
 * Secret alone.
 */
export function refuseRedactedWrites(
  req: Request,
  _res: Response,
  next: NextFunction,
) {
  if (['PUT', 'PATCH', 'POST'].includes(req.method)) {
    const at = findRedactedMarker(req.body);
    if (at !== undefined) {
      next(
        new InputError(
          `The body holds "${REDACTED}" at ${at}: it was read without the Secret permission, and writing it would replace the real value. Reload the object with wecs.secrets.read, or leave the Secret out of the change`,
        ),
      );
      return;
    }
  }
  next();
}
