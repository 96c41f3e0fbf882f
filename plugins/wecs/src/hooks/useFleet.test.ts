import { updateIntervalFor } from './useFleet';

describe('updateIntervalFor', () => {
  it('re-renders small views at once and spaces out large ones, up to 2 s', () => {
    expect(updateIntervalFor(0)).toBe(0);
    expect(updateIntervalFor(1999)).toBe(0);
    expect(updateIntervalFor(5000)).toBe(250);
    expect(updateIntervalFor(20000)).toBe(1000);
    expect(updateIntervalFor(200000)).toBe(2000);
  });
});
