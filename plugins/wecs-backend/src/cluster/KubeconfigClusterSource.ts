import { Config } from '@backstage/config';
import { KubeConfig } from '@kubernetes/client-node';
import { ClusterRole } from '@kubestellar/plugin-wecs-common';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { describeError } from '../model/errors';
import { ClusterClient } from './ClusterClient';
import { ClusterSource, DiscoveredCluster } from './ClusterSource';

/** Reads the clusters of the fleet from the contexts of a kubeconfig file. */
export class KubeconfigClusterSource implements ClusterSource {
  static fromConfig(config: Config): KubeconfigClusterSource | undefined {
    const section = config.getOptionalConfig('wecs.kubeconfig');
    if (!section) {
      return undefined;
    }
    return new KubeconfigClusterSource(
      resolveKubeconfigPath(section.getOptionalString('path')),
      section.getOptionalStringArray('contexts'),
    );
  }

  /** KubeStellar's WDSes, where workloads and binding policies are staged (`wecs.wds`). */
  static wdsFromConfig(config: Config): KubeconfigClusterSource | undefined {
    const section = config.getOptionalConfig('wecs.wds');
    if (!section) return undefined;
    return new KubeconfigClusterSource(
      resolveKubeconfigPath(
        section.getOptionalString('kubeconfigPath') ??
          config.getOptionalString('wecs.kubeconfig.path'),
      ),
      section.getStringArray('contexts'),
      'wds',
    );
  }

  constructor(
    private readonly path: string,
    private readonly contexts?: string[],
    private readonly role: ClusterRole = 'wec',
  ) {}

  /** The configured contexts; a missing file or context is reported, not thrown. */
  async discover(): Promise<{
    clusters: DiscoveredCluster[];
    errors: string[];
  }> {
    const { kubeConfig, error } = readKubeconfig(this.path);
    if (!kubeConfig) return { clusters: [], errors: [error] };

    const errors: string[] = [];
    const wanted = this.contexts ?? kubeConfig.getContexts().map(c => c.name);
    const clusters = wanted.flatMap(contextName => {
      const context = kubeConfig.getContextObject(contextName);
      if (!context) {
        errors.push(`Context ${contextName} is not in kubeconfig ${this.path}`);
        return [];
      }
      if (!kubeConfig.getCluster(context.cluster)) {
        errors.push(
          `Context ${contextName} names cluster ${context.cluster}, which is not in kubeconfig ${this.path}`,
        );
        return [];
      }
      return [
        {
          identity: {
            name: contextName,
            source: 'kubeconfig' as const,
            role: this.role,
            context: contextName,
          },
          client: new ClusterClient(kubeConfig, contextName),
        },
      ];
    });
    return { clusters, errors };
  }
}

/** Loads a kubeconfig file, or says why it cannot. */
export function readKubeconfig(
  path: string,
):
  | { kubeConfig: KubeConfig; error?: undefined }
  | { kubeConfig?: undefined; error: string } {
  const kubeConfig = new KubeConfig();
  try {
    kubeConfig.loadFromFile(path);
    return { kubeConfig };
  } catch (error) {
    return { error: `Cannot read kubeconfig ${path}: ${describeError(error)}` };
  }
}

export function resolveKubeconfigPath(configured?: string): string {
  if (configured) {
    return resolve(configured);
  }
  const fromEnv = process.env.KUBECONFIG?.split(':').find(p => existsSync(p));
  return fromEnv ?? join(homedir(), '.kube', 'config');
}
