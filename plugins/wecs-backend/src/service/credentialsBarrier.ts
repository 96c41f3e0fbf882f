import { HttpAuthService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { RequestHandler } from 'express';

/** The plugin's paths that answer without credentials. */
export const UNAUTHENTICATED_PATHS = ['/health'];

/**
 * Backstage's credentials barrier, for this plugin's routes, in front of them: every request
 * but `/health` needs a user's or a service's credentials (401 otherwise), as Backstage's
 * default auth policy asks. It stands in for Backstage's own barrier, which the plugin opens
 * (`addAuthPolicy` on `/`), because that barrier's 401 goes to Backstage's error handler, which
 * answers with a stack trace in development; this one's goes to the plugin's (errorResponses).
 * `backend.auth.dangerouslyDisableDefaultAuthPolicy` turns it off, as it does Backstage's.
 */
export function credentialsBarrier(
  httpAuth: HttpAuthService,
  config: Config,
): RequestHandler {
  if (
    config.getOptionalBoolean(
      'backend.auth.dangerouslyDisableDefaultAuthPolicy',
    )
  )
    return (_req, _res, next) => next();
  return (req, _res, next) => {
    // As Backstage's policies match: the path and what is under it.
    if (
      UNAUTHENTICATED_PATHS.some(
        path => req.path === path || req.path.startsWith(`${path}/`),
      )
    ) {
      next();
      return;
    }
    httpAuth.credentials(req, { allow: ['user', 'service'] }).then(
      () => next(),
      error => next(error),
    );
  };
}
