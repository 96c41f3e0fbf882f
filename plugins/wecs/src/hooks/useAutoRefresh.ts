import { useEffect } from 'react';
import useLocalStorage from 'react-use/esm/useLocalStorage';

/** The intervals users may choose; 0 is off (the view is live anyway). */
export const AUTO_REFRESH_SECONDS = [0, 5, 10, 30, 60] as const;
export type AutoRefreshSeconds = (typeof AUTO_REFRESH_SECONDS)[number];

/**
 * For users who want a fresh snapshot on a fixed beat, mostly with live updates off (a view
 * that holds still between beats): calls `refresh` every chosen number of seconds. The choice
 * is remembered in this browser.
 */
export function useAutoRefresh(
  refresh: () => void,
): [AutoRefreshSeconds, (seconds: AutoRefreshSeconds) => void] {
  const [stored, setStored] = useLocalStorage<AutoRefreshSeconds>(
    'wecs.autoRefreshSeconds',
    0,
  );
  const seconds = AUTO_REFRESH_SECONDS.includes(stored as AutoRefreshSeconds)
    ? (stored as AutoRefreshSeconds)
    : 0;
  useEffect(() => {
    if (!seconds) return undefined;
    const timer = setInterval(refresh, seconds * 1000);
    return () => clearInterval(timer);
  }, [seconds, refresh]);
  return [seconds, setStored];
}
