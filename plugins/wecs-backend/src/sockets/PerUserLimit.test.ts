import { PerUserLimit } from './PerUserLimit';

describe('PerUserLimit', () => {
  it('counts each user apart and refuses past the limit with a 429 naming it', () => {
    const limit = new PerUserLimit(2, 'fleet sockets');
    const first = limit.acquire('user:default/a');
    limit.acquire('user:default/a');
    expect(() => limit.acquire('user:default/a')).toThrow(
      expect.objectContaining({
        statusCode: 429,
        message:
          'At most 2 fleet sockets may be open per user; close one first',
      }),
    );
    // Another user is not affected.
    expect(() => limit.acquire('user:default/b')).not.toThrow();
    first();
    expect(limit.openFor('user:default/a')).toBe(1);
    expect(() => limit.acquire('user:default/a')).not.toThrow();
  });

  it('gives a slot back once, however often its release is called', () => {
    const limit = new PerUserLimit(2, 'log streams');
    const release = limit.acquire('user:default/a');
    limit.acquire('user:default/a');
    release();
    release();
    expect(limit.openFor('user:default/a')).toBe(1);
  });
});
