import { LoggerService } from '@backstage/backend-plugin-api';
import { randomUUID } from 'node:crypto';

/**
 * What a socket tells its client when answering one of its messages failed inside the backend:
 * a reference to quote, never the error itself (it may hold a stack or a path). The log keeps
 * the error under the same reference. The socket stays open.
 */
export function failedAnswer(logger: LoggerService, error: unknown): string {
  const reference = randomUUID();
  logger.error(
    `A socket message could not be answered (reference ${reference})`,
    error instanceof Error ? error : new Error(String(error)),
  );
  return `The backend could not answer this message (reference ${reference}); the socket stays open and later messages are answered`;
}
