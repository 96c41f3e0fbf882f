import { act, renderHook } from '@testing-library/react';
import { useAutoRefresh } from './useAutoRefresh';

describe('useAutoRefresh', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    localStorage.clear();
  });
  afterEach(() => jest.useRealTimers());

  it('refreshes on the chosen beat, remembers it, and stops when turned off', () => {
    const refresh = jest.fn();
    const { result, unmount } = renderHook(() => useAutoRefresh(refresh));
    expect(result.current[0]).toBe(0);
    act(() => jest.advanceTimersByTime(60_000));
    expect(refresh).not.toHaveBeenCalled();
    act(() => result.current[1](5));
    act(() => jest.advanceTimersByTime(15_000));
    expect(refresh).toHaveBeenCalledTimes(3);
    expect(localStorage.getItem('wecs.autoRefreshSeconds')).toBe('5');
    act(() => result.current[1](0));
    act(() => jest.advanceTimersByTime(60_000));
    expect(refresh).toHaveBeenCalledTimes(3);
    unmount();
  });
});
