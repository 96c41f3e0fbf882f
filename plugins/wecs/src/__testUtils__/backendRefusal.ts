import { ResponseError } from '@backstage/errors';

/**
 * The ResponseError a WecsClient call rejects with when the backend refuses it: a response of
 * `statusCode` whose body is the backend's error answer (`name`, `message`, a request id).
 */
export function backendRefusal(
  statusCode: number,
  statusText: string,
  error: { name: string; message: string },
): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error,
        request: { method: 'POST', url: '/api/wecs/x', id: 'request-1' },
        response: { statusCode },
      }),
      {
        status: statusCode,
        statusText,
        headers: { 'Content-Type': 'application/json' },
      },
    ) as any,
  );
}
