import { createApiRef } from '@backstage/core-plugin-api';
import { WecsClusterList, WecsHealth } from '@kubestellar/plugin-wecs-common';
import type { FleetConnection } from '../live/FleetConnection';

/** The browser's access to the WECS backend plugin. */
export interface WecsApi {
  getHealth(): Promise<WecsHealth>;
  getClusters(): Promise<WecsClusterList>;
  /** Asks the backend to retry a disconnected cluster now instead of after its back-off. */
  reconnectCluster(name: string): Promise<void>;
  /** A new live subscription to the fleet socket, closed by its user. */
  connectFleet(): FleetConnection;
}

export const wecsApiRef = createApiRef<WecsApi>({ id: 'plugin.wecs.service' });
