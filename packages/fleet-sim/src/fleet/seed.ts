import { KubeObject } from '../api/types';
import { ClusterRuntime } from './ClusterRuntime';
import {
  bindingCrd,
  bindingPolicyCrd,
  combinedStatusCrd,
  controlPlaneCrd,
  databaseCrd,
  managedClusterCrd,
  manifestWorkCrd,
  workStatusCrd,
} from './crds';
import {
  binding,
  bindingPolicy,
  clusterLabels,
  controlPlane,
  delivered,
  managedCluster,
  manifestWork,
  pendingCsr,
  pendingManagedCluster,
  PolicyInfo,
  selectsCluster,
  WecInfo,
  wecInfo,
} from './kubestellar';
import { joiningClusterManifests } from './joiningCluster';
import { nodeManifests } from './nodes';
import { defaultPolicies, wecLayout } from './wecLayout';
import {
  canaryWorkloads,
  SHOP_NAMESPACE,
  shopWorkloads,
  stagedOnlyWorkloads,
} from './workloads';

export interface FleetLayout {
  wecs: WecInfo[];
  pendingCluster: string;
  policies: PolicyInfo[];
}

const SYSTEM_NAMESPACES = [
  'default',
  'kube-system',
  'kube-public',
  'kube-node-lease',
];

function namespaces(rt: ClusterRuntime, names: string[]) {
  for (const name of names) {
    rt.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  }
  if (names.includes('default')) apiServerService(rt);
}

/** The `kubernetes` Service every API server keeps in `default`, as kind's reaches it. */
function apiServerService(rt: ClusterRuntime) {
  const labels = { component: 'apiserver', provider: 'kubernetes' };
  rt.create({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels },
    spec: {
      clusterIP: '10.96.0.1',
      clusterIPs: ['10.96.0.1'],
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
      type: 'ClusterIP',
      sessionAffinity: 'None',
    },
  });
  rt.create({
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'kubernetes', namespace: 'default', labels },
    subsets: [
      {
        addresses: [{ ip: '172.18.0.2' }],
        ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
      },
    ],
  });
}

function createAll(rt: ClusterRuntime, objects: KubeObject[]) {
  // Namespaces first, as kubectl apply of a directory orders them.
  const ordered = [...objects].sort(
    (a, b) => Number(b.kind === 'Namespace') - Number(a.kind === 'Namespace'),
  );
  for (const object of ordered) {
    if (
      object.kind === 'Namespace' &&
      rt.find('v1', 'Namespace', undefined, object.metadata.name!)
    )
      continue;
    rt.create(structuredClone(object));
  }
}

/** Lays out the default fleet: KubeFlex host, ITS, WDS and the WECs with their workloads. */
export function seedFleet(
  rts: Record<string, ClusterRuntime>,
  wecCount: number,
): FleetLayout {
  const wecs = Array.from({ length: wecCount }, (_, i) => wecInfo(i + 1));
  const pendingCluster = `cluster${wecCount + 1}`;
  const policies = defaultPolicies();

  // KubeFlex hosting cluster.
  const host = rts['kind-kubeflex'];
  namespaces(host, [
    ...SYSTEM_NAMESPACES,
    'kubeflex-system',
    'its1-system',
    'wds1-system',
  ]);
  createAll(host, nodeManifests(['kubeflex-control-plane']));
  createAll(host, [controlPlaneCrd]);
  host.create(controlPlane('its1', 'its'));
  host.create(controlPlane('wds1', 'wds'));
  createAll(host, [
    controllerDeployment(
      'kubeflex-controller-manager',
      'kubeflex-system',
      'ghcr.io/kubestellar/kubeflex/manager:v0.8.9',
    ),
    controllerDeployment(
      'kubestellar-controller-manager',
      'wds1-system',
      'ghcr.io/kubestellar/kubestellar/controller-manager:0.27.2',
    ),
    controllerDeployment(
      'transport-controller',
      'wds1-system',
      'ghcr.io/kubestellar/kubestellar/ocm-transport-controller:0.27.2',
    ),
  ]);

  // ITS: the inventory and the mailboxes.
  const its = rts.its1;
  namespaces(its, [
    ...SYSTEM_NAMESPACES,
    'open-cluster-management',
    'open-cluster-management-hub',
    ...wecs.map(w => w.name),
  ]);
  createAll(its, [managedClusterCrd, manifestWorkCrd, workStatusCrd]);
  // The vcluster shows the host node its pods run on, and OCM's hub runs inside it.
  createAll(its, nodeManifests(['kubeflex-control-plane']));
  createAll(its, [
    controllerDeployment(
      'cluster-manager-registration-controller',
      'open-cluster-management-hub',
      'quay.io/open-cluster-management/registration:v0.15.2',
      { 'fleet-sim.kubestellar.io/pending-cluster': pendingCluster },
    ),
  ]);
  for (const wec of wecs) its.create(managedCluster(wec));
  // Joined with the labels the default policies select edge clusters by, as
  // `clusteradm join --cluster-labels` would leave them: accepting it is all it takes.
  const {
    'feature.open-cluster-management.io/addon-addon-status': _addon,
    ...labels
  } = clusterLabels(wecInfo(wecCount + 1));
  registerPendingCluster(its, pendingCluster, labels);
  if (rts[pendingCluster])
    seedJoiningCluster(rts[pendingCluster], pendingCluster, labels);

  // WDS: staged workloads and the policies that place them.
  const wds = rts.wds1;
  namespaces(wds, SYSTEM_NAMESPACES);
  createAll(wds, [
    bindingPolicyCrd,
    bindingCrd,
    combinedStatusCrd,
    databaseCrd,
  ]);
  createAll(
    wds,
    [...shopWorkloads(), ...canaryWorkloads(), ...stagedOnlyWorkloads()].map(
      o => ({
        ...o,
        metadata: {
          ...o.metadata,
          labels: {
            ...(o.metadata.labels ?? {}),
            'kubestellar.io/workload': o.metadata.name!,
          },
        },
      }),
    ),
  );
  const wdsObject = (o: KubeObject) => {
    const type = wds.type(o.apiVersion!, o.kind!);
    return wds.cluster.find(type, o.metadata.namespace, o.metadata.name!);
  };
  for (const policy of policies) {
    wds.create(bindingPolicy(policy));
    wds.create(
      binding(
        policy,
        wdsObject,
        wecs.filter(w => selectsCluster(policy, w)).map(w => w.name),
      ),
    );
  }

  // WECs: what the bindings deliver, and what each runs of its own.
  for (const wec of wecs) {
    const rt = rts[wec.name];
    const layout = wecLayout(wec, policies);
    namespaces(rt, SYSTEM_NAMESPACES);
    createAll(rt, layout.nodes);
    createAll(rt, layout.crds);
    createAll(rt, layout.local);
    for (const delivery of layout.deliveries) {
      const applied = rt.create(delivery.applied)!;
      // The copies are the WDS's, labels included, as the transport carries them.
      createAll(
        rt,
        delivery.workloads.map(o => delivered(wdsObject(o) ?? o, applied)),
      );
      its.create(manifestWork(delivery.policy, wec));
    }
    const database = rt.find(
      'shop.example.com/v1',
      'Database',
      SHOP_NAMESPACE,
      'orders-db',
    );
    if (database) rt.setStatus(database, layout.databaseStatus);
  }
  return { wecs, pendingCluster, policies };
}

/**
 * A cluster `clusteradm join` was run on: a fresh kind cluster with the klusterlet installed,
 * its API server up, not yet known to KubeStellar.
 */
export function seedJoiningCluster(
  rt: ClusterRuntime,
  name: string,
  labels: Record<string, string> = {},
) {
  namespaces(rt, SYSTEM_NAMESPACES);
  createAll(rt, joiningClusterManifests(name, labels));
}

/**
 * What a cluster's registration agent leaves on the hub when it asks to join: a ManagedCluster
 * the hub has not accepted and the CSR for its hub client certificate, with their events.
 */
export function registerPendingCluster(
  its: ClusterRuntime,
  name: string,
  labels: Record<string, string> = {},
) {
  const pending = its.create(pendingManagedCluster(name, labels));
  const csr = its.create(pendingCsr(name));
  if (pending) {
    its.recordEvent(
      pending,
      'Normal',
      'ManagedClusterCreated',
      `The managed cluster ${name} was created by its registration agent; it waits for a hub admin to accept it.`,
      'registration-controller',
    );
    its.recordEvent(
      pending,
      'Warning',
      'HubAcceptanceRequired',
      `spec.hubAcceptsClient is false: accept the cluster with "clusteradm accept --clusters ${name}"`,
      'registration-controller',
    );
  }
  if (csr) {
    its.recordEvent(
      pending ?? csr,
      'Normal',
      'CSRCreated',
      `Certificate signing request ${csr.metadata.name} is pending approval`,
      'registration-controller',
    );
  }
}

function controllerDeployment(
  name: string,
  namespace: string,
  image: string,
  annotations: Record<string, string> = {},
): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels: { app: name } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name }, annotations },
        spec: { containers: [{ name: 'manager', image }] },
      },
    },
  };
}
