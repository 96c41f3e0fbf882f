import { ResponseError } from '@backstage/errors';
import { backendMessage } from './backendMessage';

describe('backendMessage', () => {
  it("reads the backend's message out of a refusal, else the error's own", async () => {
    const refusal = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: {
            name: 'NotAllowedError',
            message: 'Permission wecs.clusters.manage is required',
          },
          request: { method: 'POST', url: '/x', id: 'abc' },
          response: { statusCode: 403 },
        }),
        {
          status: 403,
          statusText: 'Forbidden',
          headers: { 'Content-Type': 'application/json' },
        },
      ) as any,
    );
    expect(refusal.message).toBe('Request failed with 403 Forbidden');
    expect(backendMessage(refusal)).toBe(
      'Permission wecs.clusters.manage is required',
    );
    expect(backendMessage(new Error('offline'))).toBe('offline');
    expect(backendMessage('odd')).toBe('odd');
  });
});
