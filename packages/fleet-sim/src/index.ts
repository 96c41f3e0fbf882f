/**
 * A Kubernetes API server simulator for a whole KubeStellar fleet.
 *
 * @packageDocumentation
 */
export { ClusterRequestError, Fleet, HOST_CONTEXT } from './fleet/Fleet';
export type { AddedCluster, FleetOptions, SimCluster } from './fleet/Fleet';
export { ClusterProxyServer } from './proxy/ClusterProxyServer';
export type {
  ClusterProxyOptions,
  ProxiedCluster,
} from './proxy/ClusterProxyServer';
export { reviewToken, TokenReviewUnavailable } from './proxy/tokenReview';
export type { TokenIdentity, TokenReviewTarget } from './proxy/tokenReview';
export type { ScaleOptions } from './fleet/scale';
export { startControlServer } from './control';
export { RESTRICTED_NAMESPACE, SHOP_NAMESPACE } from './fleet/workloads';
export type { KubeObject } from './api/types';
export { createFleetTls, issueClientCertificate } from './tls';
export type { FleetTls } from './tls';
export { renderKubeconfig, writeFileAtomically } from './kubeconfig';
export type { KubeconfigEntry } from './kubeconfig';
export {
  wecInfo,
  delivered,
  isFleetMember,
  clusterLabels,
} from './fleet/kubestellar';
export type { WecInfo, PolicyInfo } from './fleet/kubestellar';
export { defaultPolicies, wecLayout } from './fleet/wecLayout';
export type { WecLayout, Delivery } from './fleet/wecLayout';
export { logLineFor } from './fleet/logLines';
export type { LogMoment } from './fleet/logLines';
