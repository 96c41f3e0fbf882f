/**
 * WECS backend plugin: remote monitoring of KubeStellar workload execution clusters.
 *
 * @packageDocumentation
 */
export { wecsPlugin as default } from './plugin';
