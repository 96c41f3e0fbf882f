import { Config } from '@backstage/config';
import { describeError } from '../model/errors';
import { normalizeStatus } from '../model/normalizeStatus';
import { ClusterClient } from './ClusterClient';
import {
  ClusterObjectLocation,
  ClusterSource,
  DiscoveredCluster,
} from './ClusterSource';
import {
  readKubeconfig,
  resolveKubeconfigPath,
} from './KubeconfigClusterSource';

const MANAGED_CLUSTERS =
  '/apis/cluster.open-cluster-management.io/v1/managedclusters';

/**
 * KubeStellar's way to know the fleet: the ManagedClusters of the ITS. Each accepted and
 * joined cluster is reached through the kubeconfig context named in `clusterContexts`, or
 * the context with the cluster's own name; a pending cluster or one without a context is
 * reported with the reason.
 */
export class ItsClusterSource implements ClusterSource {
  static fromConfig(config: Config): ItsClusterSource | undefined {
    const its = config.getOptionalConfig('wecs.its');
    if (!its) return undefined;
    const mapping = its.getOptionalConfig('clusterContexts');
    return new ItsClusterSource(
      resolveKubeconfigPath(
        its.getOptionalString('kubeconfigPath') ??
          config.getOptionalString('wecs.kubeconfig.path'),
      ),
      its.getString('context'),
      Object.fromEntries(
        (mapping?.keys() ?? []).map(key => [key, mapping!.getString(key)]),
      ),
    );
  }

  constructor(
    private readonly kubeconfigPath: string,
    private readonly itsContext: string,
    private readonly clusterContexts: Record<string, string> = {},
  ) {}

  async discover(): Promise<{
    clusters: DiscoveredCluster[];
    errors: string[];
  }> {
    const loaded = readKubeconfig(this.kubeconfigPath);
    if (!loaded.kubeConfig) return { clusters: [], errors: [loaded.error] };
    const kubeConfig = loaded.kubeConfig;
    if (!kubeConfig.getContextObject(this.itsContext)) {
      return {
        clusters: [],
        errors: [
          `The ITS context ${this.itsContext} is not in kubeconfig ${this.kubeconfigPath}`,
        ],
      };
    }
    // The ITS itself is watched too, as a control plane: its ManagedClusters, CSRs and
    // ManifestWorks are what the KubeStellar views show.
    const its: DiscoveredCluster = {
      identity: {
        name: this.itsContext,
        source: 'its',
        role: 'its',
        context: this.itsContext,
      },
      client: new ClusterClient(kubeConfig, this.itsContext),
    };
    let list: { items?: any[] };
    try {
      list = await new ClusterClient(kubeConfig, this.itsContext).getJson(
        MANAGED_CLUSTERS,
      );
    } catch (error) {
      return {
        clusters: [its],
        errors: [
          `Cannot list ManagedClusters in the ITS (${
            this.itsContext
          }): ${describeError(error)}`,
        ],
      };
    }
    const errors: string[] = [];
    const clusters: DiscoveredCluster[] = [its];
    for (const managed of list.items ?? []) {
      const name: string = managed.metadata?.name;
      const status = normalizeStatus('ManagedCluster', managed);
      if (status.phase === 'pending') {
        errors.push(
          `ManagedCluster ${name} is pending (${status.reason}); it is shown once the hub accepts it and it joins`,
        );
        continue;
      }
      const context = this.clusterContexts[name] ?? name;
      if (!kubeConfig.getContextObject(context)) {
        errors.push(
          `ManagedCluster ${name} has no kubeconfig context ${context}; name one under wecs.its.clusterContexts`,
        );
        continue;
      }
      clusters.push({
        identity: {
          name,
          source: 'its',
          context,
          labels: managed.metadata?.labels ?? {},
        },
        client: new ClusterClient(kubeConfig, context),
      });
    }
    return { clusters, errors };
  }

  clusterObject(name: string): ClusterObjectLocation | undefined {
    const { kubeConfig } = readKubeconfig(this.kubeconfigPath);
    if (!kubeConfig?.getContextObject(this.itsContext)) return undefined;
    return {
      client: new ClusterClient(kubeConfig, this.itsContext),
      path: `${MANAGED_CLUSTERS}/${encodeURIComponent(name)}`,
      holder: `the ITS (${this.itsContext})`,
    };
  }
}
