import { createApiRef } from '@backstage/core-plugin-api';
import {
  WecsClusterList,
  WecsEventList,
  WecsHealth,
} from '@kubestellar/plugin-wecs-common';
import type { FleetConnection } from '../live/FleetConnection';

/** One object of one cluster; `namespace` unset for cluster-scoped kinds. */
export interface ObjectRef {
  cluster: string;
  namespace?: string;
  kind: string;
  name: string;
  uid?: string;
}

/** The browser's access to the WECS backend plugin. */
export interface WecsApi {
  getHealth(): Promise<WecsHealth>;
  getClusters(): Promise<WecsClusterList>;
  /** The full object, read fresh from its cluster (managedFields left out). */
  getObject(ref: ObjectRef): Promise<Record<string, any>>;
  /** The object's events, newest first. */
  getEvents(ref: ObjectRef): Promise<WecsEventList>;
  /** Asks the backend to retry a disconnected cluster now instead of after its back-off. */
  reconnectCluster(name: string): Promise<void>;
  /** A new live subscription to the fleet socket, closed by its user. */
  connectFleet(): FleetConnection;
}

export const wecsApiRef = createApiRef<WecsApi>({ id: 'plugin.wecs.service' });
