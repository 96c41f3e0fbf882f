import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { ReactElement } from 'react';
import { WecsApi, wecsApiRef } from '../api';
import { WECS_PAGES } from '../pages';

/** Renders a page of the plugin with `api` as its WecsApi and every plugin page mounted. */
export function renderPage(
  element: ReactElement,
  api: WecsApi,
  options: { route?: string } = {},
) {
  return renderInTestApp(
    <TestApiProvider apis={[[wecsApiRef, api]]}>{element}</TestApiProvider>,
    {
      mountedRoutes: Object.fromEntries(
        Object.values(WECS_PAGES).map(page => [page.path, page.routeRef]),
      ),
      ...(options.route ? { routeEntries: [options.route] } : {}),
    },
  );
}
