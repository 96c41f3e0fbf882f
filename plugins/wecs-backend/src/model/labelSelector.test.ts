import { labelSelectorPredicate, parseLabelSelector } from './labelSelector';

describe('label selectors', () => {
  const labels = {
    app: 'web',
    env: 'prod',
    'example.com/team': 'shop',
    replicas: '3',
  };
  const holds = (
    selector: string,
    on: Record<string, string> | undefined = labels,
  ) => labelSelectorPredicate(selector)(on);

  it('reads every operator of the Kubernetes syntax', () => {
    expect(holds('app=web')).toBe(true);
    expect(holds('app==web,env=prod')).toBe(true);
    expect(holds('app!=web')).toBe(false);
    expect(holds('app!=api')).toBe(true);
    expect(holds('env in (prod, staging)')).toBe(true);
    expect(holds('env notin (prod)')).toBe(false);
    expect(holds('tier notin (cache)')).toBe(true);
    expect(holds('example.com/team')).toBe(true);
    expect(holds('!example.com/team')).toBe(false);
    expect(holds('!canary')).toBe(true);
    expect(holds('replicas>2,replicas<4')).toBe(true);
    expect(holds('replicas>3')).toBe(false);
    expect(holds('')).toBe(true);
    expect(labelSelectorPredicate('app')(undefined)).toBe(false);
    expect(labelSelectorPredicate('app notin (web)')(undefined)).toBe(true);
    expect(parseLabelSelector(' app = web , !x ')).toEqual([
      { key: 'app', operator: '=', values: ['web'] },
      { key: 'x', operator: '!', values: [] },
    ]);
  });

  it('takes an empty value, as Kubernetes does', () => {
    expect(holds('app=', { app: '' })).toBe(true);
    expect(holds('app=')).toBe(false);
  });

  it.each([
    ['app in web', 'expected "(" after in'],
    ['app in (a b)', 'expected "," or ")"'],
    ['app=web,', 'expected a label key'],
    ['a b', 'expected =, ==, !=, in, notin'],
    ['-bad=1', 'Invalid label key'],
    ['app=web!', 'expected a comma or the end'],
    ['replicas>three', 'needs a whole number'],
    ['x'.repeat(5000), 'at most 4096'],
  ])(
    'refuses a selector with a message saying why (%#)',
    (selector, message) => {
      expect(() => parseLabelSelector(selector)).toThrow(message);
    },
  );
});
