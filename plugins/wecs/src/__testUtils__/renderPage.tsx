import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { ReactElement } from 'react';
import { WecsApi, wecsApiRef } from '../api';
import { WECS_PAGES } from '../pages';

/** What the permission framework answers the page: every permission allowed, or none. */
export type PermissionAnswer = 'allow' | 'deny';

/** The permission API answering `answer` to every request. */
export const permissionApi = (answer: PermissionAnswer = 'allow') =>
  mockApis.permission({
    authorize:
      answer === 'allow' ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
  });

/**
 * Renders a page of the plugin with `api` as its WecsApi, a permission API that allows
 * everything (or nothing, given `permission: 'deny'`) and every plugin page mounted.
 */
export function renderPage(
  element: ReactElement,
  api: WecsApi,
  options: { route?: string; permission?: PermissionAnswer } = {},
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [wecsApiRef, api],
        [permissionApiRef, permissionApi(options.permission)],
      ]}
    >
      {element}
    </TestApiProvider>,
    {
      mountedRoutes: Object.fromEntries(
        Object.values(WECS_PAGES).map(page => [page.path, page.routeRef]),
      ),
      ...(options.route ? { routeEntries: [options.route] } : {}),
    },
  );
}
