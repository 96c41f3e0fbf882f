import { checkJsonDepth } from './jsonDepth';

const nested = (levels: number) =>
  `${'['.repeat(levels)}1${']'.repeat(levels)}`;

describe('checkJsonDepth', () => {
  it('lets JSON as deep as the limit through', () => {
    expect(() => checkJsonDepth(nested(5), 5)).not.toThrow();
    expect(() =>
      checkJsonDepth('{"a":{"b":[{"c":1}]},"d":[]}', 4),
    ).not.toThrow();
  });

  it('refuses deeper JSON with a 400 that names the limit, without recursing', () => {
    expect(() => checkJsonDepth(nested(6), 5)).toThrow(
      expect.objectContaining({
        name: 'InputError',
        message: 'JSON may nest objects and lists at most 5 levels deep',
      }),
    );
    // Ten thousand levels, as the attack sent: refused, not a stack overflow.
    expect(() => checkJsonDepth(`{"a":${nested(10_000)}}`, 100)).toThrow(
      'at most 100 levels deep',
    );
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    const text = JSON.stringify({ a: '[[[[{{{{', b: 'x\\"[[[[', c: [1] });
    expect(() => checkJsonDepth(text, 2)).not.toThrow();
  });
});
