import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { ClusterSource } from './ClusterSource';

/**
 * Lets a backend module add cluster sources to the WECS backend plugin, beside those its
 * configuration names (`wecs.its`, `wecs.kubeconfig`, `wecs.wds`).
 *
 * @public
 */
export interface WecsClusterSourcesExtensionPoint {
  addClusterSource(...sources: ClusterSource[]): void;
}

/**
 * The extension point of the WECS backend plugin for cluster sources. A module for plugin `wecs`
 * depends on it and adds its sources during init, before the plugin starts watching.
 *
 * @public
 */
export const wecsClusterSourcesExtensionPoint =
  createExtensionPoint<WecsClusterSourcesExtensionPoint>({
    id: 'wecs.cluster-sources',
  });
