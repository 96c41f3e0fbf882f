import { CustomErrorBase } from '@backstage/errors';

/** A one-line description of an error, with the system error code when there is one. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code && !error.message.includes(code)
      ? `${code}: ${error.message}`
      : error.message;
  }
  return String(error);
}

/**
 * A limit per user was reached (429). Backstage's error handler answers with the status a
 * thrown error carries, and with its usual JSON body.
 */
export class TooManyRequestsError extends CustomErrorBase {
  name = 'TooManyRequestsError' as const;
  readonly statusCode = 429;
}

/** A request body in a media type the route does not read (415); the message names the accepted ones. */
export class UnsupportedMediaTypeError extends CustomErrorBase {
  name = 'UnsupportedMediaTypeError' as const;
  readonly statusCode = 415;
}

/**
 * A cluster's API server refused or failed a request: the status is the API server's own (any
 * 4xx or 5xx it answered, or 502 for an answer that was not JSON), the message says it came
 * from the cluster. Backstage's error handler, and the plugin's, answer with the status it
 * carries.
 */
export class ClusterApiError extends CustomErrorBase {
  name = 'ClusterApiError' as const;
  constructor(message: string, readonly statusCode: number) {
    super(message);
  }
}
