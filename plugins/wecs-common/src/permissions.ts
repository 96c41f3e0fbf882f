import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Read workloads, clusters and events of the fleet.
 *
 * @public
 */
export const wecsResourcesReadPermission = createPermission({
  name: 'wecs.resources.read',
  attributes: { action: 'read' },
});

/**
 * See the values of Secrets; without it they are redacted.
 *
 * @public
 */
export const wecsSecretsReadPermission = createPermission({
  name: 'wecs.secrets.read',
  attributes: { action: 'read' },
});

/**
 * Stream container logs.
 *
 * @public
 */
export const wecsLogsReadPermission = createPermission({
  name: 'wecs.logs.read',
  attributes: { action: 'read' },
});

/**
 * Replace or patch an existing object.
 *
 * @public
 */
export const wecsResourcesUpdatePermission = createPermission({
  name: 'wecs.resources.update',
  attributes: { action: 'update' },
});

/**
 * Create an object in a cluster.
 *
 * @public
 */
export const wecsResourcesCreatePermission = createPermission({
  name: 'wecs.resources.create',
  attributes: { action: 'create' },
});

/**
 * Delete an object from a cluster.
 *
 * @public
 */
export const wecsResourcesDeletePermission = createPermission({
  name: 'wecs.resources.delete',
  attributes: { action: 'delete' },
});

/**
 * Manage the fleet's clusters: accept a pending cluster into the fleet, or detach a joined one,
 * on the ITS; and have the backend reconnect to a cluster now, skipping its back-off.
 *
 * @public
 */
export const wecsClustersManagePermission = createPermission({
  name: 'wecs.clusters.manage',
  attributes: { action: 'update' },
});

/** @public */
export const wecsPermissions = [
  wecsResourcesReadPermission,
  wecsSecretsReadPermission,
  wecsLogsReadPermission,
  wecsResourcesUpdatePermission,
  wecsResourcesCreatePermission,
  wecsResourcesDeletePermission,
  wecsClustersManagePermission,
];
