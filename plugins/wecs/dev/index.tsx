import { createDevApp } from '@backstage/dev-utils';
import { fakeWecsApi } from '../src/__testUtils__/fakeWecsApi';
import {
  kubestellarSnapshot,
  slimResource,
} from '../src/__testUtils__/fixtures';
import { wecsApiRef } from '../src/api';
import {
  BindingPoliciesPage,
  DeployedWorkloadsPage,
  ManagedClustersPage,
  ManageWorkloadsPage,
  ObjectExplorerPage,
  StagedWorkloadsPage,
  wecsPlugin,
} from '../src/plugin';
import { WECS_PAGES } from '../src/pages';

// The pages on the fixtures the tests use, with no backend: `npm start` in this folder's
// package. A small KubeStellar fleet plus a failing and a pending pod, to see every status;
// each subscription gets the clusters of the roles it asks for, as the backend answers.
const fleet = kubestellarSnapshot([
  slimResource('Pod', 'web-7d9f-abcde', {
    status: { phase: 'failed', reason: 'CrashLoopBackOff' },
  }),
  slimResource('Pod', 'web-7d9f-fghij', {
    status: { phase: 'pending', reason: 'ContainerCreating' },
  }),
]);

const { api } = fakeWecsApi(filters => {
  if (fleet.type !== 'snapshot') return fleet;
  const roles = filters.roles ?? ['wec'];
  const clusters = fleet.clusters.filter(c => roles.includes(c.role ?? 'wec'));
  const names = new Set(clusters.map(c => c.name));
  return {
    ...fleet,
    clusters,
    resources: fleet.resources.filter(r => names.has(r.cluster)),
  };
});

const pages = [
  [WECS_PAGES.deployedWorkloads, <DeployedWorkloadsPage />],
  [WECS_PAGES.managedClusters, <ManagedClustersPage />],
  [WECS_PAGES.stagedWorkloads, <StagedWorkloadsPage />],
  [WECS_PAGES.manageWorkloads, <ManageWorkloadsPage />],
  [WECS_PAGES.bindingPolicies, <BindingPoliciesPage />],
  [WECS_PAGES.objectExplorer, <ObjectExplorerPage />],
] as const;

pages
  .reduce(
    (app, [page, element]) =>
      app.addPage({ element, title: page.title, path: page.path }),
    createDevApp()
      .registerPlugin(wecsPlugin)
      .registerApi({ api: wecsApiRef, deps: {}, factory: () => api }),
  )
  .render();
