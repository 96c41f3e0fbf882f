import { useCallback, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router-dom';
import { DETAILS_TABS, DetailsTab } from '../../lib/detailsTabs';

export interface Selection {
  nodeId?: string;
  tab: DetailsTab;
}

const NODE_PARAM = 'node';
const TAB_PARAM = 'tab';

/**
 * The selected tree node and details tab, kept in the URL (`?node=&tab=`) so a link opens the
 * same panel, with the selections made on this page kept for the Back button.
 */
export function useSelection() {
  const [params, setParams] = useSearchParams();
  const tabParam = params.get(TAB_PARAM) as DetailsTab | null;
  const selection: Selection = useMemo(
    () => ({
      nodeId: params.get(NODE_PARAM) ?? undefined,
      tab: tabParam && DETAILS_TABS.includes(tabParam) ? tabParam : 'summary',
    }),
    [params, tabParam],
  );
  const history = useRef<Selection[]>([]);

  const write = useCallback(
    (next: Selection) =>
      setParams(
        current => {
          const updated = new URLSearchParams(current);
          updated.delete(NODE_PARAM);
          updated.delete(TAB_PARAM);
          if (next.nodeId) {
            updated.set(NODE_PARAM, next.nodeId);
            if (next.tab !== 'summary') updated.set(TAB_PARAM, next.tab);
          }
          return updated;
        },
        { replace: true },
      ),
    [setParams],
  );

  const select = useCallback(
    (nodeId: string, tab: DetailsTab = 'summary') => {
      if (selection.nodeId && selection.nodeId !== nodeId)
        history.current.push(selection);
      write({ nodeId, tab });
    },
    [selection, write],
  );
  const setTab = useCallback(
    (tab: DetailsTab) => write({ ...selection, tab }),
    [selection, write],
  );
  const back = useCallback(() => {
    const previous = history.current.pop();
    if (previous) write(previous);
  }, [write]);
  const close = useCallback(() => {
    history.current = [];
    write({ tab: 'summary' });
  }, [write]);

  return {
    selection,
    select,
    setTab,
    back,
    canGoBack: history.current.length > 0,
    close,
  };
}
