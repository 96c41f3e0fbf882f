import {
  FleetFilters,
  MAX_VIEW_WINDOW,
  SlimResource,
} from '@kubestellar/plugin-wecs-common';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useFleetViews } from './useFleetViews';

/** Rows asked for beyond those on screen, each way, so that scrolling shows rows at once. */
const OVERSCAN = 100;
/** Windows start on multiples of this, so that scrolling a few rows asks for nothing new. */
const STEP = 50;
const VIEW_KEY = 'objects';

/** The rows a list asks for when rows `start` to `end` are on screen. */
export function windowFor(start: number, end: number) {
  const offset = Math.max(0, Math.floor((start - OVERSCAN) / STEP) * STEP);
  const limit = Math.min(MAX_VIEW_WINDOW, end + OVERSCAN - offset + 1);
  return { offset, limit };
}

/**
 * Every object `filters` select, as a list the backend pages: the page says which rows are on
 * screen (`onRange`), the backend sends those (and some around them), live. `rowAt` is the
 * object at a row, unset while its window is on its way.
 */
export function useObjectList(filters: FleetFilters) {
  const views = useFleetViews();
  const [range, setRange] = useState({ start: 0, end: 50 });
  const filtersKey = JSON.stringify(filters);
  const { offset, limit } = windowFor(range.start, range.end);
  const { show } = views;
  useEffect(() => {
    show(JSON.parse(filtersKey), [
      { key: VIEW_KEY, query: { level: 'objects' }, offset, limit },
    ]);
  }, [show, filtersKey, offset, limit]);

  const window = views.windows.get(VIEW_KEY);
  const byKey = useMemo(() => {
    const held = new Map<string, SlimResource>();
    for (const row of window?.rows ?? []) {
      if (row.type === 'instance')
        held.set(`${row.resource.cluster}/${row.resource.uid}`, row.resource);
    }
    return held;
  }, [window]);
  const rowAt = useCallback(
    (index: number): SlimResource | undefined => {
      if (!window) return undefined;
      const row = window.rows[index - window.offset];
      return row?.type === 'instance' ? row.resource : undefined;
    },
    [window],
  );
  const onRange = useCallback(
    (start: number, end: number) =>
      setRange(current =>
        current.start === start && current.end === end
          ? current
          : { start, end },
      ),
    [],
  );
  return {
    views,
    /** How many objects the filters select; 0 until the first window. */
    total: window?.total ?? 0,
    /** Whether the backend has answered for these filters. */
    loaded: window !== undefined,
    /** Why the backend refused the filters, e.g. a malformed label selector. */
    refused: views.refused.get(VIEW_KEY),
    rowAt,
    /** The objects held now, by `cluster/uid`. */
    byKey,
    onRange,
  };
}
