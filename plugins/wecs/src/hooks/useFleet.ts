import { useApi } from '@backstage/core-plugin-api';
import { FleetFilters } from '@kubestellar/plugin-wecs-common';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { wecsApiRef, FleetView } from '../api';

/**
 * How long a view of `size` objects waits between re-renders: at once for small views; for
 * large ones, long enough that rebuilding the tree (tens of milliseconds at 20,000 objects)
 * stays a small share of the main thread while the fleet changes hundreds of times a second.
 */
export function updateIntervalFor(size: number): number {
  if (size < 2000) return 0;
  return Math.min(2000, Math.round(size / 20));
}

/**
 * The live fleet matching `filters`, over one socket for the component's lifetime: new filters
 * resubscribe on the same socket, and no filters (undefined) ask for nothing, with the socket
 * closed. Updates re-render at once for small views and at most every
 * {@link updateIntervalFor} for large ones; a change of connection state always shows at once.
 */
export function useFleet(filters: FleetFilters | undefined): FleetView & {
  refresh: () => void;
} {
  const wecsApi = useApi(wecsApiRef);
  const connection = useMemo(() => wecsApi.connectFleet(), [wecsApi]);
  const [view, setView] = useState<FleetView>(() => connection.view);
  const filtersKey = filters && JSON.stringify(filters);

  useEffect(() => {
    let shown = connection.view;
    let shownAt = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const show = (next: FleetView) => {
      clearTimeout(timer);
      timer = undefined;
      shown = next;
      shownAt = Date.now();
      setView(next);
    };
    const stop = connection.onChange(next => {
      const wait =
        shownAt + updateIntervalFor(next.resources.size) - Date.now();
      if (next.state !== shown.state || wait <= 0) {
        show(next);
      } else {
        clearTimeout(timer);
        timer = setTimeout(() => show(connection.view), wait);
      }
    });
    return () => {
      clearTimeout(timer);
      stop();
      connection.close();
    };
  }, [connection]);

  useEffect(() => {
    if (filtersKey === undefined) connection.close();
    else connection.subscribe(JSON.parse(filtersKey));
  }, [connection, filtersKey]);

  // Stable, so that timers built on it are not reset by every update.
  const refresh = useCallback(() => connection.refresh(), [connection]);
  return { ...view, refresh };
}
