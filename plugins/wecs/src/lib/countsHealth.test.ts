import { countsHealth } from './countsHealth';

describe('countsHealth', () => {
  it('is failed when anything failed, pending when only something is pending, running otherwise', () => {
    expect(countsHealth({ failed: 1, pending: 3 })).toBe('failed');
    expect(countsHealth({ failed: 0, pending: 2 })).toBe('pending');
    expect(countsHealth({ failed: 0, pending: 0 })).toBe('running');
  });
});
