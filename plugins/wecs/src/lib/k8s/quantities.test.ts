import { gigabytes, parseQuantity } from './quantities';

describe('Kubernetes quantities', () => {
  it.each([
    ['8', 8],
    ['7500m', 7.5],
    ['16Gi', 16 * 2 ** 30],
    ['512Mi', 512 * 2 ** 20],
    ['2k', 2000],
    ['1e3', 1000],
    ['110', 110],
  ])('%s is %d', (text, value) => {
    expect(parseQuantity(text)).toBeCloseTo(value);
  });

  it('refuses what is not a quantity', () => {
    expect(parseQuantity('lots')).toBeUndefined();
    expect(parseQuantity('3Qi')).toBeUndefined();
    expect(parseQuantity(undefined)).toBeUndefined();
  });

  it('shows memory in gigabytes', () => {
    expect(gigabytes(16 * 2 ** 30)).toBe('16');
    expect(gigabytes(1.5 * 2 ** 30)).toBe('1.5');
  });
});
