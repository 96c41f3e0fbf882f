import { useRouteRef } from '@backstage/core-plugin-api';
import { SlimResource } from '@kubestellar/plugin-wecs-common';
import { useCallback } from 'react';
import { manageWorkloadsRouteRef, rootRouteRef } from '../routes';
import { instanceId } from '../lib/fleetTree';
import { DetailsTab } from '../lib/detailsTabs';

const withQuery = (path: string, query: URLSearchParams) => {
  const text = query.toString();
  return text ? `${path}?${text}` : path;
};

/** Links into the Deployed Workloads page with an object selected (and a tab open). */
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

/**
 * Links into Deployed Workloads with its filters set (`?namespace=` for a namespace's objects in
 * every cluster).
 */
export function useDeployedWorkloadsLink() {
  const wecsPage = useRouteRef(rootRouteRef);
  return useCallback(
    (filters: { namespace?: string }) => {
      const query = new URLSearchParams();
      if (filters.namespace) query.set('namespace', filters.namespace);
      return withQuery(wecsPage(), query);
    },
    [wecsPage],
  );
}

/**
 * Links into Manage Workloads with its filters set: a WDS, a namespace, and a search (a staged
 * object's kind and name find the workload it is).
 */
export function useManageWorkloadsLink() {
  const manageWorkloadsPage = useRouteRef(manageWorkloadsRouteRef);
  return useCallback(
    (filters: { wds?: string; namespace?: string; search?: string }) => {
      const query = new URLSearchParams();
      if (filters.wds) query.set('wds', filters.wds);
      if (filters.namespace) query.set('namespace', filters.namespace);
      if (filters.search) query.set('q', filters.search);
      return withQuery(manageWorkloadsPage(), query);
    },
    [manageWorkloadsPage],
  );
}
