import { ResponseError } from '@backstage/errors';

/** The error WecsClient throws when the backend answers `status` with `message`. */
export function responseError(status: number, name: string, message: string) {
  const body = JSON.stringify({
    error: { name, message },
    response: { statusCode: status },
  });
  return ResponseError.fromResponse({
    ok: false,
    redirected: false,
    type: 'basic',
    status,
    statusText: name,
    url: 'http://backend/api/wecs',
    headers: new Map([['content-type', 'application/json']]) as any,
    text: async () => body,
  });
}
