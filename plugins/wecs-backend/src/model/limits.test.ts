import { ConfigReader } from '@backstage/config';
import { DEFAULT_LIMITS, describeBytes, limitsFromConfig } from './limits';

describe('describeBytes', () => {
  it('says whole MiB and KiB as such, and other counts in bytes', () => {
    expect(describeBytes(16 * 1024 * 1024)).toBe('16 MiB');
    expect(describeBytes(4096)).toBe('4 KiB');
    expect(describeBytes(1500)).toBe('1500 bytes');
  });
});

describe('limitsFromConfig', () => {
  it('takes wecs.limits where given and the defaults elsewhere', () => {
    const limits = limitsFromConfig(
      new ConfigReader({
        wecs: { limits: { fleetSocketsPerUser: 3, requestsPerSecond: 7 } },
      }),
    );
    expect(limits).toEqual({
      ...DEFAULT_LIMITS,
      fleetSocketsPerUser: 3,
      requestsPerSecond: 7,
    });
    expect(limitsFromConfig(new ConfigReader({}))).toEqual(DEFAULT_LIMITS);
  });

  it('refuses a value that is not a whole number of at least 1, naming the key', () => {
    expect(() =>
      limitsFromConfig(
        new ConfigReader({ wecs: { limits: { jsonDepth: 0 } } }),
      ),
    ).toThrow('wecs.limits.jsonDepth must be a whole number of at least 1');
    expect(() =>
      limitsFromConfig(
        new ConfigReader({ wecs: { limits: { messageBurst: 2.5 } } }),
      ),
    ).toThrow('wecs.limits.messageBurst');
  });
});
