import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { ReactElement } from 'react';
import { WecsApi, wecsApiRef } from '../api';
import {
  bindingPoliciesRouteRef,
  manageWorkloadsRouteRef,
  managedClustersRouteRef,
  objectExplorerRouteRef,
  rootRouteRef,
  stagedWorkloadsRouteRef,
} from '../routes';

/** Renders a page of the plugin with `api` as its WecsApi and every plugin route mounted. */
export function renderPage(
  element: ReactElement,
  api: WecsApi,
  options: { route?: string } = {},
) {
  return renderInTestApp(
    <TestApiProvider apis={[[wecsApiRef, api]]}>{element}</TestApiProvider>,
    {
      mountedRoutes: {
        '/wecs': rootRouteRef,
        '/managed-clusters': managedClustersRouteRef,
        '/staged-workloads': stagedWorkloadsRouteRef,
        '/manage-workloads': manageWorkloadsRouteRef,
        '/binding-policies': bindingPoliciesRouteRef,
        '/object-explorer': objectExplorerRouteRef,
      },
      ...(options.route ? { routeEntries: [options.route] } : {}),
    },
  );
}
