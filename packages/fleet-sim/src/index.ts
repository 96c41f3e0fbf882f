/**
 * A Kubernetes API server simulator for a whole KubeStellar fleet.
 *
 * @packageDocumentation
 */
export { Fleet, HOST_CONTEXT } from './fleet/Fleet';
export type { FleetOptions, SimCluster } from './fleet/Fleet';
export type { ScaleOptions } from './fleet/scale';
export { startControlServer } from './control';
export { RESTRICTED_NAMESPACE, SHOP_NAMESPACE } from './fleet/workloads';
