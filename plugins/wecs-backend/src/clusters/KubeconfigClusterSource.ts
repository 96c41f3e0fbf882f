import { Config } from '@backstage/config';
import { KubeConfig } from '@kubernetes/client-node';
import { WecsClusterList } from '@kubestellar/plugin-wecs-common';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Reads the clusters of the fleet from the contexts of a kubeconfig file. */
export class KubeconfigClusterSource {
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

  constructor(
    private readonly path: string,
    private readonly contexts?: string[],
  ) {}

  /** Lists the configured contexts; a missing file or context is reported, not thrown. */
  listClusters(): WecsClusterList {
    const kubeConfig = new KubeConfig();
    try {
      kubeConfig.loadFromFile(this.path);
    } catch (error) {
      return {
        items: [],
        errors: [`Cannot read kubeconfig ${this.path}: ${describe(error)}`],
      };
    }

    const errors: string[] = [];
    const wanted = this.contexts ?? kubeConfig.getContexts().map(c => c.name);
    const items = wanted.flatMap(contextName => {
      const context = kubeConfig.getContextObject(contextName);
      if (!context) {
        errors.push(`Context ${contextName} is not in kubeconfig ${this.path}`);
        return [];
      }
      const cluster = kubeConfig.getCluster(context.cluster);
      if (!cluster) {
        errors.push(
          `Context ${contextName} names cluster ${context.cluster}, which is not in kubeconfig ${this.path}`,
        );
        return [];
      }
      return [
        {
          name: contextName,
          source: 'kubeconfig' as const,
          context: contextName,
          server: cluster.server,
        },
      ];
    });
    return { items, errors };
  }
}

function resolveKubeconfigPath(configured?: string): string {
  if (configured) {
    return resolve(configured);
  }
  const fromEnv = process.env.KUBECONFIG?.split(':').find(p => existsSync(p));
  return fromEnv ?? join(homedir(), '.kube', 'config');
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
