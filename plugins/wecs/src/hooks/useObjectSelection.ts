import { SlimResource } from '@kubestellar/plugin-wecs-common';
import { useCallback } from 'react';
import { DETAILS_TABS, DetailsTab } from '../lib/detailsTabs';
import { useUrlParams } from './useUrlParams';

const OBJECT_PARAM = 'object';
const TAB_PARAM = 'tab';

/** How a view names an object in its URL: `cluster/uid`, the fleet view's own key. */
export const selectionKeyOf = (resource: SlimResource) =>
  `${resource.cluster}/${resource.uid}`;

/**
 * The object whose details are open, and the tab, kept in the URL (`?object=cluster/uid&tab=`)
 * so that a link reopens the same details.
 */
export function useObjectSelection(
  resources: ReadonlyMap<string, SlimResource>,
) {
  const [params, update] = useUrlParams();
  const key = params.get(OBJECT_PARAM) ?? undefined;
  const tabParam = params.get(TAB_PARAM) as DetailsTab | null;
  const tab: DetailsTab =
    tabParam && DETAILS_TABS.includes(tabParam) ? tabParam : 'summary';
  const open = useCallback(
    (resource: SlimResource, next: DetailsTab = 'summary') =>
      update({
        [OBJECT_PARAM]: selectionKeyOf(resource),
        [TAB_PARAM]: next === 'summary' ? undefined : next,
      }),
    [update],
  );
  const setTab = useCallback(
    (next: DetailsTab) =>
      update({ [TAB_PARAM]: next === 'summary' ? undefined : next }),
    [update],
  );
  const close = useCallback(
    () => update({ [OBJECT_PARAM]: undefined, [TAB_PARAM]: undefined }),
    [update],
  );
  return {
    key,
    selected: key ? resources.get(key) : undefined,
    tab,
    open,
    setTab,
    close,
  };
}

export type ObjectSelection = ReturnType<typeof useObjectSelection>;
