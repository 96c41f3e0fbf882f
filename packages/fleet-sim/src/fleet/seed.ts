import { KubeObject } from '../api/types';
import { ClusterRuntime } from './ClusterRuntime';
import {
  appliedManifestWorkCrd,
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
  appliedManifestWork,
  binding,
  bindingPolicy,
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
import {
  canaryWorkloads,
  localWorkloads,
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
}

function nodes(rt: ClusterRuntime, names: string[], info?: WecInfo) {
  names.forEach((name, i) => {
    const controlPlaneNode = i === 0;
    rt.create({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name,
        labels: {
          'kubernetes.io/hostname': name,
          'kubernetes.io/os': 'linux',
          'kubernetes.io/arch': 'amd64',
          ...(controlPlaneNode
            ? { 'node-role.kubernetes.io/control-plane': '' }
            : {}),
          ...(info
            ? {
                'topology.kubernetes.io/region': info.region,
                'topology.kubernetes.io/zone': info.zone,
              }
            : {}),
        },
      },
      spec: {
        podCIDR: `10.244.${i}.0/24`,
        ...(controlPlaneNode ? { taints: [] } : {}),
      },
      status: {
        capacity: {
          cpu: '8',
          memory: '32827032Ki',
          pods: '110',
          'ephemeral-storage': '81106868Ki',
        },
        allocatable: {
          cpu: '8',
          memory: '32724632Ki',
          pods: '110',
          'ephemeral-storage': '81106868Ki',
        },
        conditions: [
          {
            type: 'MemoryPressure',
            status: 'False',
            reason: 'KubeletHasSufficientMemory',
            message: 'kubelet has sufficient memory available',
          },
          {
            type: 'DiskPressure',
            status: 'False',
            reason: 'KubeletHasNoDiskPressure',
            message: 'kubelet has no disk pressure',
          },
          {
            type: 'PIDPressure',
            status: 'False',
            reason: 'KubeletHasSufficientPID',
            message: 'kubelet has sufficient PID available',
          },
          {
            type: 'Ready',
            status: 'True',
            reason: 'KubeletReady',
            message: 'kubelet is posting ready status',
          },
        ],
        addresses: [
          { type: 'InternalIP', address: `172.18.0.${i + 2}` },
          { type: 'Hostname', address: name },
        ],
        nodeInfo: {
          kubeletVersion: 'v1.32.4',
          containerRuntimeVersion: 'containerd://1.7.24',
          osImage: 'Debian GNU/Linux 12 (bookworm)',
          kernelVersion: '6.1.0-28-amd64',
          architecture: 'amd64',
          operatingSystem: 'linux',
        },
      },
    });
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
  const shop = shopWorkloads();
  const policies: PolicyInfo[] = [
    {
      name: 'shop-everywhere',
      clusterSelector: { 'location-group': 'edge' },
      objectSelector: { 'app.kubernetes.io/part-of': 'shop' },
      namespaces: [SHOP_NAMESPACE],
      workloads: shop,
    },
    {
      name: 'recommendations-canary',
      clusterSelector: { name: 'cluster2' },
      objectSelector: { track: 'canary' },
      namespaces: [SHOP_NAMESPACE],
      workloads: canaryWorkloads(),
    },
  ];

  // KubeFlex hosting cluster.
  const host = rts['kind-kubeflex'];
  namespaces(host, [
    ...SYSTEM_NAMESPACES,
    'kubeflex-system',
    'its1-system',
    'wds1-system',
  ]);
  nodes(host, ['kubeflex-control-plane']);
  createAll(host, [controlPlaneCrd]);
  host.create(controlPlane('its1', 'its'));
  host.create(controlPlane('wds1', 'wds'));
  createAll(host, [
    hostDeployment(
      'kubeflex-controller-manager',
      'kubeflex-system',
      'ghcr.io/kubestellar/kubeflex/manager:v0.8.9',
    ),
    hostDeployment(
      'cluster-manager-registration-controller',
      'its1-system',
      'quay.io/open-cluster-management/registration:v0.15.2',
      { 'fleet-sim.kubestellar.io/pending-cluster': pendingCluster },
    ),
    hostDeployment(
      'kubestellar-controller-manager',
      'wds1-system',
      'ghcr.io/kubestellar/kubestellar/controller-manager:0.27.2',
    ),
    hostDeployment(
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
    pendingCluster,
  ]);
  createAll(its, [managedClusterCrd, manifestWorkCrd, workStatusCrd]);
  for (const wec of wecs) its.create(managedCluster(wec));
  const pending = its.create(pendingManagedCluster(pendingCluster));
  const csr = its.create(pendingCsr(pendingCluster));
  if (pending) {
    its.recordEvent(
      pending,
      'Normal',
      'ManagedClusterCreated',
      `The managed cluster ${pendingCluster} was created by its registration agent; it waits for a hub admin to accept it.`,
      'registration-controller',
    );
    its.recordEvent(
      pending,
      'Warning',
      'HubAcceptanceRequired',
      `spec.hubAcceptsClient is false: accept the cluster with "clusteradm accept --clusters ${pendingCluster}"`,
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
    [...shop, ...canaryWorkloads(), ...stagedOnlyWorkloads()].map(o => ({
      ...o,
      metadata: {
        ...o.metadata,
        labels: {
          ...(o.metadata.labels ?? {}),
          'kubestellar.io/workload': o.metadata.name!,
        },
      },
    })),
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
    namespaces(rt, SYSTEM_NAMESPACES);
    nodes(
      rt,
      [
        `${wec.name}-control-plane`,
        `${wec.name}-worker`,
        `${wec.name}-worker2`,
      ],
      wec,
    );
    createAll(rt, [appliedManifestWorkCrd, databaseCrd]);
    createAll(rt, localWorkloads(wec.index));
    for (const policy of policies.filter(p => selectsCluster(p, wec))) {
      const applied = rt.create(appliedManifestWork(policy))!;
      createAll(
        rt,
        policy.workloads.map(o => delivered(o, applied)),
      );
      its.create(manifestWork(policy, wec));
    }
    const database = rt.find(
      'shop.example.com/v1',
      'Database',
      SHOP_NAMESPACE,
      'orders-db',
    );
    if (database)
      rt.setStatus(database, {
        phase: 'Ready',
        endpoint: `orders-db.${SHOP_NAMESPACE}.svc:5432`,
      });
  }
  return { wecs, pendingCluster, policies };
}

function hostDeployment(
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
