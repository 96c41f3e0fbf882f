import { ResponseError } from '@backstage/errors';

/**
 * What the backend said when it refused a request, for the user to read: its error message (a
 * ResponseError's body carries it; ResponseError's own message only says "Request failed with
 * 403"), else the error's own message. The backend's message names what was wrong, or the
 * request id its log keeps the detail under.
 */
export function backendMessage(error: unknown): string {
  if (ResponseError.is(error)) {
    const message = error.body?.error?.message;
    if (typeof message === 'string' && message) return message;
  }
  return error instanceof Error ? error.message : String(error);
}
