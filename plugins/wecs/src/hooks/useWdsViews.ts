import { useEffect, useMemo } from 'react';
import { WantedView } from '../api';
import { useFleetViews } from './useFleetViews';

const WDS_FILTERS = { roles: ['wds' as const] };

/**
 * Views of one WDS over a fleet connection: the WDSes to choose from (a `clusters` view under
 * the key `wds`), and the views `viewsOf` names for the WDS asked for, or the first one when
 * none is. The views are asked for again when what `viewsOf` names changes.
 */
export function useWdsViews(
  asked: string | undefined,
  viewsOf: (wds: string) => WantedView[],
) {
  const views = useFleetViews();
  const { show, windows } = views;
  const wdsNames = useMemo(
    () =>
      (windows.get('wds')?.rows ?? []).flatMap(row =>
        row.type === 'cluster' ? [row.key] : [],
      ),
    [windows],
  );
  const wds = asked ?? wdsNames[0];
  const wanted = JSON.stringify([
    { key: 'wds', query: { level: 'clusters' } },
    ...(wds ? viewsOf(wds) : []),
  ]);
  useEffect(() => show(WDS_FILTERS, JSON.parse(wanted)), [show, wanted]);
  return { views, windows, wdsNames, wds };
}
