import { KubeObject } from '../api/types';
import { appliedManifestWorkCrd, databaseCrd } from './crds';
import {
  appliedManifestWork,
  PolicyInfo,
  selectsCluster,
  WecInfo,
} from './kubestellar';
import { nodeManifests } from './nodes';
import {
  canaryWorkloads,
  localWorkloads,
  SHOP_NAMESPACE,
  shopWorkloads,
} from './workloads';

/** The binding policies of the default fleet: the shop everywhere, the canary on cluster2. */
export function defaultPolicies(): PolicyInfo[] {
  return [
    {
      name: 'shop-everywhere',
      clusterSelector: { 'location-group': 'edge' },
      objectSelector: { 'app.kubernetes.io/part-of': 'shop' },
      // The canary is part of the shop too, but goes where its own policy sends it.
      objectExclusions: { track: ['canary'] },
      namespaces: [SHOP_NAMESPACE],
      workloads: shopWorkloads(),
    },
    {
      name: 'recommendations-canary',
      clusterSelector: { name: 'cluster2' },
      objectSelector: { track: 'canary' },
      namespaces: [SHOP_NAMESPACE],
      workloads: canaryWorkloads(),
    },
  ];
}

/** What KubeStellar delivers to a WEC for one binding policy. */
export interface Delivery {
  policy: PolicyInfo;
  /** The OCM work agent's record; delivered objects are owned by it once it exists. */
  applied: KubeObject;
  workloads: KubeObject[];
}

/**
 * Everything a WEC of the default fleet holds, in the order it is created. The simulator seeds
 * its WECs from this, and the KWOK test fleet applies the same objects to real API servers.
 */
export interface WecLayout {
  wec: WecInfo;
  nodes: KubeObject[];
  crds: KubeObject[];
  /** What the WEC runs of its own, beside what KubeStellar delivers. */
  local: KubeObject[];
  deliveries: Delivery[];
  /** The status the orders-db operator would report once the database is up. */
  databaseStatus: Record<string, unknown>;
}

export function wecLayout(wec: WecInfo, policies: PolicyInfo[]): WecLayout {
  return {
    wec,
    nodes: nodeManifests(
      [
        `${wec.name}-control-plane`,
        `${wec.name}-worker`,
        `${wec.name}-worker2`,
      ],
      wec,
    ),
    crds: [appliedManifestWorkCrd, databaseCrd],
    local: localWorkloads(wec.index),
    deliveries: policies
      .filter(policy => selectsCluster(policy, wec))
      .map(policy => ({
        policy,
        applied: appliedManifestWork(policy),
        workloads: policy.workloads,
      })),
    databaseStatus: {
      phase: 'Ready',
      endpoint: `orders-db.${SHOP_NAMESPACE}.svc:5432`,
    },
  };
}
