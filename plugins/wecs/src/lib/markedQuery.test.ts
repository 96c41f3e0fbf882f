import { markedQuery } from './markedQuery';

describe('markedQuery', () => {
  it('is the trimmed, lower-case query when the label holds it, whatever its case', () => {
    expect(markedQuery('Pod-1233', ' pod-12 ')).toBe('pod-12');
    expect(markedQuery('pod-1233', 'POD-1233')).toBe('pod-1233');
  });

  it('is empty when the label does not hold it, or there is no query', () => {
    expect(markedQuery('config-4', 'pod')).toBe('');
    expect(markedQuery('pod-1', '   ')).toBe('');
  });
});
