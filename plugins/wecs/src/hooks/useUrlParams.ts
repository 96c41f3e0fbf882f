import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';

/** Sets, or with `undefined` removes, URL search parameters. */
export type UrlParamsUpdate = (
  changes: Record<string, string | undefined>,
) => void;

/**
 * The page's URL search parameters and a setter that changes several at once in one
 * navigation, replacing the history entry: how views keep filters and selections shareable.
 */
export function useUrlParams(): [URLSearchParams, UrlParamsUpdate] {
  const [params, setParams] = useSearchParams();
  const update = useCallback<UrlParamsUpdate>(
    changes =>
      setParams(
        current => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes)) {
            if (value) next.set(key, value);
            else next.delete(key);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [params, update];
}
