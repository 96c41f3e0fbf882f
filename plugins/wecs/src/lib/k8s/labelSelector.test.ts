import { isLabelSelector, selectorTerms } from './labelSelector';

describe('selectorTerms', () => {
  it('writes matchLabels and every kind of matchExpressions as kubectl does', () => {
    expect(
      selectorTerms({
        matchLabels: { app: 'web' },
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['front', 'back'] },
          { key: 'track', operator: 'NotIn', values: ['canary'] },
          { key: 'team', operator: 'Exists' },
          { key: 'legacy', operator: 'DoesNotExist' },
        ],
      }),
    ).toEqual([
      'app=web',
      'tier in (front,back)',
      'track notin (canary)',
      'team',
      '!legacy',
    ]);
  });

  it("reads a Service's plain map of labels", () => {
    expect(selectorTerms({ app: 'storefront', tier: 'web' })).toEqual([
      'app=storefront',
      'tier=web',
    ]);
    expect(isLabelSelector({ app: 'storefront' })).toBe(false);
    expect(isLabelSelector({ matchExpressions: [] })).toBe(true);
  });

  it('has no terms for a selector that selects everything', () => {
    expect(selectorTerms({})).toEqual([]);
    expect(selectorTerms({ matchLabels: {} })).toEqual([]);
    expect(selectorTerms(undefined)).toEqual([]);
  });
});
