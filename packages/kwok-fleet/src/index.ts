/**
 * A test fleet of real Kubernetes control planes whose nodes and pods kwok simulates.
 *
 * @packageDocumentation
 */
export { KwokFleet, COMPACTING_CLUSTER } from './KwokFleet';
export type { KwokFleetOptions } from './KwokFleet';
export { ITS_NAME } from './ocm';
export type { KwokUser } from './KwokCluster';
export { controlPlaneBinaries, BINARIES_ENV } from './binaries';
export { FaultProxy } from './FaultProxy';
export type { ControlPlaneBinaries } from './binaries';
