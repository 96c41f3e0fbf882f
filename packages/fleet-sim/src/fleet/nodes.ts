import { KubeObject } from '../api/types';
import { WecInfo } from './kubestellar';

/** Node objects as a cluster of these nodes would list them (a real API server ignores their status). */
export function nodeManifests(names: string[], info?: WecInfo): KubeObject[] {
  return names.map((name, i) => {
    const controlPlaneNode = i === 0;
    const node: KubeObject = {
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
    };
    return node;
  });
}
