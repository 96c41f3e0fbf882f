import { SimulatedCluster } from '../api/SimulatedCluster';
import { KubeObject } from '../api/types';

let serviceIpCounter = 1;

const allocateClusterIp = () => {
  serviceIpCounter = (serviceIpCounter % 60000) + 1;
  return `10.96.${Math.floor(serviceIpCounter / 250)}.${
    (serviceIpCounter % 250) + 1
  }`;
};

/** The defaults the API server's registry strategies and admission plugins fill in. */
export function installAdmission(cluster: SimulatedCluster) {
  cluster.addAdmissionHook((type, object, previous) => {
    if (type.group === '' && type.kind === 'Namespace')
      defaultNamespace(object);
    if (previous) return;
    if (type.group === '' && type.kind === 'Pod') defaultPod(object);
    if (type.group === '' && type.kind === 'Service') defaultService(object);
    if (type.group === 'apps' && type.kind === 'Deployment')
      defaultDeployment(object);
    if (type.group === 'batch' && type.kind === 'Job') defaultJob(object);
  });
}

function defaultNamespace(ns: KubeObject) {
  ns.metadata.labels = {
    ...(ns.metadata.labels ?? {}),
    'kubernetes.io/metadata.name': ns.metadata.name!,
  };
  ns.spec = { finalizers: ['kubernetes'], ...((ns.spec as object) ?? {}) };
  if (!ns.metadata.deletionTimestamp) ns.status = { phase: 'Active' };
}

function defaultPod(pod: KubeObject) {
  const spec = (pod.spec ?? {}) as any;
  const defaultContainer = (c: any) => ({
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    imagePullPolicy:
      String(c.image ?? '').endsWith(':latest') ||
      !String(c.image ?? '').includes(':')
        ? 'Always'
        : 'IfNotPresent',
    resources: {},
    ...c,
  });
  pod.spec = {
    restartPolicy: 'Always',
    terminationGracePeriodSeconds: 30,
    dnsPolicy: 'ClusterFirst',
    schedulerName: 'default-scheduler',
    serviceAccountName: 'default',
    // The deprecated alias, which the API server still fills in.
    serviceAccount: spec.serviceAccountName ?? 'default',
    enableServiceLinks: true,
    preemptionPolicy: 'PreemptLowerPriority',
    priority: 0,
    securityContext: {},
    tolerations: [
      {
        key: 'node.kubernetes.io/not-ready',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
      {
        key: 'node.kubernetes.io/unreachable',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
    ],
    ...spec,
    containers: (spec.containers ?? []).map(defaultContainer),
    ...(spec.initContainers
      ? { initContainers: spec.initContainers.map(defaultContainer) }
      : {}),
  };
  if (!pod.status) pod.status = { phase: 'Pending', qosClass: 'BestEffort' };
}

function defaultService(service: KubeObject) {
  const spec = (service.spec ?? {}) as any;
  const clusterIP = spec.clusterIP ?? allocateClusterIp();
  service.spec = {
    type: 'ClusterIP',
    sessionAffinity: 'None',
    ipFamilies: ['IPv4'],
    ipFamilyPolicy: 'SingleStack',
    internalTrafficPolicy: 'Cluster',
    ...spec,
    clusterIP,
    clusterIPs: [clusterIP],
    ports: (spec.ports ?? []).map((p: any) => ({
      protocol: 'TCP',
      targetPort: p.port,
      ...p,
    })),
  };
  service.status = { loadBalancer: {} };
}

function defaultDeployment(deployment: KubeObject) {
  deployment.spec = {
    replicas: 1,
    revisionHistoryLimit: 10,
    progressDeadlineSeconds: 600,
    strategy: {
      type: 'RollingUpdate',
      rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
    },
    ...((deployment.spec as object) ?? {}),
  };
}

function defaultJob(job: KubeObject) {
  job.spec = {
    completions: 1,
    parallelism: 1,
    backoffLimit: 6,
    completionMode: 'NonIndexed',
    suspend: false,
    ...((job.spec as object) ?? {}),
  };
}
