import {
  FleetTreePath,
  WecsSearchResult,
} from '@kubestellar/plugin-wecs-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import { FleetSearchQuery } from '../api';
import { backendMessage } from '../api/backendMessage';

/** How long typing pauses before the search goes out. */
export const SEARCH_DEBOUNCE_MS = 250;
/** Matches fetched at a time. */
export const SEARCH_PAGE = 100;

type SearchFilters = FleetSearchQuery['filters'];

interface Results {
  /** The search these are of. */
  key: string;
  total: number;
  /** Pages of matches held, by their first index. */
  pages: ReadonlyMap<number, FleetTreePath[]>;
  /** The match shown, by index; unset before the first. */
  current?: number;
}

/**
 * A search of the fleet's names and labels from two fields: after typing pauses, the backend
 * (`search`) answers with the matches in tree order under the page's filters; the first is
 * shown at once (`onMatch`), then `next` and `previous` go through them, wrapping, and fetch
 * further pages as they get there.
 */
export function useFleetSearch(
  filters: SearchFilters,
  onMatch: (path: FleetTreePath) => void,
  search: (query: FleetSearchQuery) => Promise<WecsSearchResult>,
) {
  const [name, setName] = useState('');
  const [selector, setSelector] = useState('');
  const [results, setResults] = useState<Results>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const match = useRef(onMatch);
  match.current = onMatch;
  const filtersKey = JSON.stringify(filters ?? {});
  const key = JSON.stringify([name.trim(), selector.trim(), filtersKey]);
  const latest = useRef(key);
  latest.current = key;
  // The search waiting for typing to pause; Enter sends it at once.
  const pending = useRef<() => void>();

  const fetchPage = useCallback(
    (offset: number) =>
      search({
        ...(name.trim() ? { name: name.trim() } : {}),
        ...(selector.trim() ? { selector: selector.trim() } : {}),
        filters: JSON.parse(filtersKey),
        offset,
        limit: SEARCH_PAGE,
      }),
    [search, name, selector, filtersKey],
  );

  useEffect(() => {
    setError(undefined);
    if (!name.trim() && !selector.trim()) {
      setResults(undefined);
      setBusy(false);
      return undefined;
    }
    setBusy(true);
    let timer: ReturnType<typeof setTimeout> | undefined = undefined;
    const send = () => {
      clearTimeout(timer);
      pending.current = undefined;
      fetchPage(0).then(
        answer => {
          if (latest.current !== key) return;
          setBusy(false);
          const first = answer.matches[0];
          setResults({
            key,
            total: answer.total,
            pages: new Map([[0, answer.matches]]),
            current: first ? 0 : undefined,
          });
          if (first) match.current(first);
        },
        failure => {
          if (latest.current !== key) return;
          setBusy(false);
          setResults(undefined);
          setError(backendMessage(failure));
        },
      );
    };
    timer = setTimeout(send, SEARCH_DEBOUNCE_MS);
    pending.current = send;
    return () => {
      clearTimeout(timer);
      pending.current = undefined;
    };
  }, [key, name, selector, fetchPage]);

  const go = useCallback(
    (index: number) => {
      if (!results || results.key !== key) return;
      const page = Math.floor(index / SEARCH_PAGE) * SEARCH_PAGE;
      const held = results.pages.get(page);
      if (held) {
        const path = held[index - page];
        if (!path) return;
        setResults({ ...results, current: index });
        match.current(path);
        return;
      }
      fetchPage(page).then(
        answer => {
          if (latest.current !== key) return;
          const path = answer.matches[index - page];
          setResults(current =>
            current && current.key === key
              ? {
                  ...current,
                  total: answer.total,
                  pages: new Map(current.pages).set(page, answer.matches),
                  current: path ? index : current.current,
                }
              : current,
          );
          if (path) match.current(path);
        },
        failure => setError(backendMessage(failure)),
      );
    },
    [results, key, fetchPage],
  );

  const total = results?.key === key ? results.total : undefined;
  const current = results?.key === key ? results.current : undefined;
  const next = useCallback(() => {
    if (pending.current) {
      pending.current();
      return;
    }
    if (!total) return;
    go(current === undefined ? 0 : (current + 1) % total);
  }, [go, current, total]);
  const previous = useCallback(() => {
    if (!total) return;
    go(current === undefined ? total - 1 : (current - 1 + total) % total);
  }, [go, current, total]);

  return {
    name,
    setName,
    selector,
    setSelector,
    /** How many objects match; undefined while there is no answer to the search as typed. */
    total,
    /** The match shown, by index. */
    current,
    /** Whether an answer is on its way. */
    busy,
    /** Why the backend refused the search (a selector it cannot parse). */
    error,
    next,
    previous,
  };
}

export type FleetSearch = ReturnType<typeof useFleetSearch>;
