import { checkLabelFilter } from './labelSelector';
import { flagParam, wholeNumberParam } from './validation';

describe('numbers, flags and labels read from a request', () => {
  it('takes whole numbers in plain decimal digits within range, and nothing else', () => {
    expect(wholeNumberParam('16', 'tailLines', 100)).toBe(16);
    expect(wholeNumberParam('007', 'tailLines', 100)).toBe(7);
    expect(wholeNumberParam(undefined, 'tailLines', 100)).toBeUndefined();
    expect(wholeNumberParam('', 'tailLines', 100)).toBeUndefined();
    for (const raw of [
      '0x10',
      '1e3',
      '+5',
      '-1',
      ' 7',
      '2.0',
      'Infinity',
      '1_000',
    ])
      expect(() => wholeNumberParam(raw, 'tailLines', 100)).toThrow(
        `tailLines must be a whole number from 0 to 100, in decimal digits; ${JSON.stringify(
          raw,
        )} is not`,
      );
    expect(() => wholeNumberParam('101', 'tailLines', 100)).toThrow(
      'tailLines must be a whole number from 0 to 100; 101 is out of range',
    );
    expect(() => wholeNumberParam('0', 'limit', 100, 1)).toThrow(
      'limit must be a whole number from 1 to 100',
    );
    expect(() => wholeNumberParam(['1', '2'], 'limit', 100)).toThrow(
      'limit must be a whole number from 0 to 100, given once',
    );
  });

  it('takes flags as true, false, 1 or 0, and refuses anything else', () => {
    expect(
      ['true', '1', 'false', '0', '', undefined].map(raw =>
        flagParam(raw, 'follow'),
      ),
    ).toEqual([true, true, false, false, false, false]);
    expect(() => flagParam('yes', 'follow')).toThrow(
      'follow must be true or false (or 1 or 0); "yes" is not',
    );
    expect(() => flagParam(['true', 'true'], 'follow')).toThrow('given once');
  });

  it('refuses label filters no object could match', () => {
    expect(() => checkLabelFilter('app', 'web', 'f')).not.toThrow();
    expect(() => checkLabelFilter('example.com/tier', '', 'f')).not.toThrow();
    for (const key of [
      '__proto__',
      'constructor ',
      'a/b/c',
      'Bad.Prefix/x',
      '',
    ])
      expect(() => checkLabelFilter(key, 'x', 'the label filter')).toThrow(
        `Invalid label key ${JSON.stringify(key)} in the label filter`,
      );
    expect(() => checkLabelFilter('app', '-web', 'filters.labels')).toThrow(
      'Invalid label value "-web" for app in filters.labels',
    );
  });
});
