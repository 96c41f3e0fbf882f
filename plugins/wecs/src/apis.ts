import {
  createApiFactory,
  discoveryApiRef,
  fetchApiRef,
  identityApiRef,
} from '@backstage/core-plugin-api';
import { WecsClient, wecsApiRef } from './api';

/** How the WECS API client is made, for both frontend systems. */
export const wecsApiFactory = createApiFactory({
  api: wecsApiRef,
  deps: {
    discoveryApi: discoveryApiRef,
    fetchApi: fetchApiRef,
    identityApi: identityApiRef,
  },
  factory: deps => new WecsClient(deps),
});
