import { createApiRef } from '@backstage/core-plugin-api';
import { WecsClusterList, WecsHealth } from '@kubestellar/plugin-wecs-common';

/** The browser's access to the WECS backend plugin. */
export interface WecsApi {
  getHealth(): Promise<WecsHealth>;
  getClusters(): Promise<WecsClusterList>;
}

export const wecsApiRef = createApiRef<WecsApi>({ id: 'plugin.wecs.service' });
