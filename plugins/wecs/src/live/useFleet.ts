import { useApi } from '@backstage/core-plugin-api';
import { FleetFilters } from '@kubestellar/plugin-wecs-common';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { wecsApiRef } from '../api';
import { FleetView } from './FleetConnection';

/**
 * The live fleet matching `filters`, over one socket for the component's lifetime: new filters
 * resubscribe on the same socket, and the view re-renders on every applied message.
 */
export function useFleet(filters: FleetFilters): FleetView & {
  refresh: () => void;
} {
  const wecsApi = useApi(wecsApiRef);
  const connection = useMemo(() => wecsApi.connectFleet(), [wecsApi]);
  const [view, setView] = useState<FleetView>(() => connection.view);
  const filtersKey = JSON.stringify(filters);

  useEffect(() => {
    const stop = connection.onChange(setView);
    return () => {
      stop();
      connection.close();
    };
  }, [connection]);

  useEffect(() => {
    connection.subscribe(JSON.parse(filtersKey));
  }, [connection, filtersKey]);

  // Stable, so that timers built on it are not reset by every update.
  const refresh = useCallback(() => connection.refresh(), [connection]);
  return { ...view, refresh };
}
