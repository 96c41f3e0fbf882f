import { TokenBucket } from './TokenBucket';

describe('TokenBucket', () => {
  it('allows a burst, then the steady rate, and says how long to wait', () => {
    let now = 0;
    const bucket = new TokenBucket(2, 3, () => now);
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([
      true,
      true,
      true,
    ]);
    expect(bucket.take()).toBe(false);
    expect(bucket.retryAfterSeconds).toBe(1);
    now = 500;
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    expect(bucket.isFull).toBe(false);
    now = 10_000;
    expect(bucket.isFull).toBe(true);
  });

  it('never holds more than its burst, however long it waited', () => {
    let now = 0;
    const bucket = new TokenBucket(100, 2, () => now);
    now = 60_000;
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([
      true,
      true,
      false,
    ]);
  });

  it('asks a slow rate to wait whole seconds until the next token', () => {
    let now = 0;
    const bucket = new TokenBucket(0.25, 1, () => now);
    expect(bucket.take()).toBe(true);
    expect(bucket.retryAfterSeconds).toBe(4);
    now = 3_000;
    expect(bucket.retryAfterSeconds).toBe(1);
  });
});
