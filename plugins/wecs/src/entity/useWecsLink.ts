import { useRouteRef } from '@backstage/core-plugin-api';
import { SlimResource } from '@kubestellar/plugin-wecs-common';
import { useCallback } from 'react';
import { rootRouteRef } from '../routes';
import { instanceId } from '../lib/fleetTree';
import { DetailsTab } from '../lib/detailsTabs';

/**
 * Links into the Deployed Workloads page with an object selected (and a tab open); undefined
 * when the app has not mounted that page.
 */
export function useWecsLink() {
  const wecsPage = useRouteRef(rootRouteRef);
  return useCallback(
    (resource: SlimResource, tab: DetailsTab = 'summary') => {
      const query = new URLSearchParams({ node: instanceId(resource) });
      if (tab !== 'summary') query.set('tab', tab);
      return `${wecsPage()}?${query}`;
    },
    [wecsPage],
  );
}
