import { useApi } from '@backstage/core-plugin-api';
import {
  FleetFilters,
  WecsSearchResult,
} from '@kubestellar/plugin-wecs-common';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { FleetSearchQuery, FleetViews, wecsApiRef, WantedView } from '../api';

/** What useFleetViews gives: what the connection holds, and how to change what it shows. */
export interface FleetViewsHandle extends FleetViews {
  /** Shows these views with these filters (the whole set each time). */
  show: (filters: FleetFilters, views: WantedView[]) => void;
  /** Asks for every window anew, reconnecting at once if the connection is down. */
  refresh: () => void;
  /** Turns live updates on or off: off, the windows change when asked for (`refresh`). */
  setLive: (live: boolean) => void;
  /** Searches the fleet on the views' socket (over HTTP while it is down). */
  search: (query: FleetSearchQuery) => Promise<WecsSearchResult>;
}

/**
 * The fleet's views over one connection for the component's lifetime. Updates re-render at most
 * once a frame (windows come in bursts: one message per view); a change of connection state,
 * or live updates turned on or off, shows at once.
 */
export function useFleetViews(): FleetViewsHandle {
  const wecsApi = useApi(wecsApiRef);
  const connection = useMemo(() => wecsApi.connectFleetViews(), [wecsApi]);
  const [view, setView] = useState<FleetViews>(() => connection.view);

  useEffect(() => {
    // What shows at once when it changes: the connection's state, and live updates on or off.
    const stateOf = (next: FleetViews) => `${next.state}:${!next.paused}`;
    let shownState = stateOf(connection.view);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const show = () => {
      timer = undefined;
      const next = connection.view;
      shownState = stateOf(next);
      setView(next);
    };
    const stop = connection.onChange(next => {
      if (stateOf(next) !== shownState) {
        clearTimeout(timer);
        show();
      } else {
        timer ??= setTimeout(show, 16);
      }
    });
    return () => {
      clearTimeout(timer);
      stop();
      connection.close();
    };
  }, [connection]);

  // Stable, so that effects built on them run when what they show changes, not on every update.
  const show = useCallback<FleetViewsHandle['show']>(
    (filters, views) => connection.show(filters, views),
    [connection],
  );
  const refresh = useCallback(() => connection.refresh(), [connection]);
  const setLive = useCallback(
    (live: boolean) => connection.setLive(live),
    [connection],
  );
  const search = useCallback(
    (query: FleetSearchQuery) => connection.search(query),
    [connection],
  );
  return useMemo(
    () => ({ ...view, show, refresh, setLive, search }),
    [view, show, refresh, setLive, search],
  );
}
