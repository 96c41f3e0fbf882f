import { LoggerService } from '@backstage/backend-plugin-api';
import { CustomErrorBase } from '@backstage/errors';
import { ErrorRequestHandler } from 'express';
import { randomUUID } from 'node:crypto';

/** The status Backstage's errors stand for, by name, when they carry none. */
const STATUS_BY_NAME: Record<string, number> = {
  InputError: 400,
  AuthenticationError: 401,
  NotAllowedError: 403,
  NotFoundError: 404,
  ConflictError: 409,
  NotModifiedError: 304,
  NotImplementedError: 501,
  ServiceUnavailableError: 503,
};

/** An error's own status (a whole number from 400 to 599), by its field or its name; else 500. */
function statusOf(error: Record<string, unknown>): number {
  for (const field of ['statusCode', 'status']) {
    const value = error[field];
    if (
      Number.isInteger(value) &&
      (value as number) >= 400 &&
      (value as number) <= 599
    )
      return value as number;
  }
  return STATUS_BY_NAME[String(error.name)] ?? 500;
}

/**
 * Whether an error's message was written for the client: the errors of Backstage and of this
 * plugin (CustomErrorBase, or a Backstage error's name from another copy of the package), which
 * name what is wrong, and the 4xx errors body-parser marks as safe to show. Any other error (a
 * TypeError, a RangeError) is the backend's own failure: its message may name code or paths,
 * so the client gets a reference instead.
 */
function isMeantForClient(error: Record<string, unknown>, status: number) {
  return (
    error instanceof CustomErrorBase ||
    Object.hasOwn(STATUS_BY_NAME, String(error.name)) ||
    (error.expose === true && status < 500)
  );
}

/** The client's message for an error: its own when meant for the client, else a reference. */
function publicMessage(
  error: Record<string, unknown>,
  status: number,
  requestId: string,
): string {
  // body-parser's message quotes the body it could not parse.
  if (error.type === 'entity.parse.failed')
    return 'The request body is not valid JSON';
  if (isMeantForClient(error, status) && typeof error.message === 'string')
    return error.message;
  return `The backend failed to answer this request; its log has the details under request id ${requestId}`;
}

/**
 * The error handler of the plugin's routes, in place of Backstage's (which adds stack traces in
 * development, and copies every field of an error, the body body-parser could not parse
 * included). Every error answer has Backstage's shape, which the frontend reads (`error.name`,
 * `error.message`, `request`, `response.statusCode`), with a request id and nothing else: no
 * stack, no path, no echo of the body. The log keeps the detail under the same id (the whole
 * error of a 5xx at error level, the message of a 4xx at debug), and the `x-request-id` header
 * carries it too.
 */
export function errorResponses(logger: LoggerService): ErrorRequestHandler {
  return (raw, req, res, _next) => {
    // Any object is read as an error by its fields (Node's own need not be of this realm).
    const error = (
      typeof raw === 'object' && raw !== null ? raw : new Error(String(raw))
    ) as Error & Record<string, unknown>;
    const requestId = randomUUID();
    const status = statusOf(error);
    const where = `${req.method} ${req.originalUrl.slice(0, 500)}`;
    if (status >= 500)
      logger.error(
        `Request ${requestId} failed with ${status}: ${where}`,
        error,
      );
    // A refusal's message is in its answer already; at debug, a flood of bad requests
    // does not flood the log.
    else
      logger.debug(
        `Request ${requestId} refused with ${status}: ${where}: ${String(
          error.message,
        ).slice(0, 1000)}`,
      );
    if (res.headersSent) {
      // A streamed answer already started: it can only end.
      res.end();
      return;
    }
    const name =
      status >= 500 && !isMeantForClient(error, status)
        ? 'Error'
        : String(error.name ?? 'Error');
    res.setHeader('x-request-id', requestId);
    res.status(status).json({
      error: { name, message: publicMessage(error, status, requestId) },
      request: { method: req.method, url: req.originalUrl, id: requestId },
      response: { statusCode: status },
    });
  };
}
