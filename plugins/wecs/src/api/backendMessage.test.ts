import { backendRefusal } from '../__testUtils__/backendRefusal';
import { backendMessage } from './backendMessage';

describe('backendMessage', () => {
  it("reads the backend's message out of a refusal, else the error's own", async () => {
    const refusal = await backendRefusal(403, 'Forbidden', {
      name: 'NotAllowedError',
      message: 'Permission wecs.clusters.manage is required',
    });
    expect(refusal.message).toBe('Request failed with 403 Forbidden');
    expect(backendMessage(refusal)).toBe(
      'Permission wecs.clusters.manage is required',
    );
    expect(backendMessage(new Error('offline'))).toBe('offline');
    expect(backendMessage('odd')).toBe('odd');
  });
});
