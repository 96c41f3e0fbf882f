import { Config } from '@backstage/config';
import { ClusterRole } from '@kubestellar/plugin-wecs-common';
import {
  ClusterClient,
  ClusterMembership,
  ClusterSource,
  DiscoveredCluster,
} from '@kubestellar/plugin-wecs-node';
import { KubeconfigFile, resolveKubeconfigPath } from './KubeconfigFile';

/**
 * The clusters of the fleet as the contexts of a kubeconfig file: all of them, or those named.
 * The file is followed: a context added, changed (a rotated token or certificate) or removed
 * on disk is reported without a restart, and a version that cannot be read keeps the last good
 * one in use.
 */
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

  private unfollow?: () => void;

  constructor(
    private readonly path: string,
    private readonly contexts?: string[],
    private readonly role: ClusterRole = 'wec',
  ) {}

  get description() {
    return `kubeconfig ${this.path}`;
  }

  start(report: (membership: ClusterMembership) => void) {
    const file = new KubeconfigFile(this.path);
    this.unfollow = file.follow(() => report(this.membership(file)));
    report(this.membership(file));
  }

  stop() {
    this.unfollow?.();
    this.unfollow = undefined;
  }

  /** The configured contexts as the file has them now; a missing context is reported. */
  private membership(file: KubeconfigFile): ClusterMembership {
    const kubeConfig = file.current;
    const errors = file.problem ? [file.problem] : [];
    if (!kubeConfig) return { clusters: [], errors };
    const wanted = this.contexts ?? kubeConfig.getContexts().map(c => c.name);
    const clusters = wanted.flatMap((contextName): DiscoveredCluster[] => {
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
            source: 'kubeconfig',
            role: this.role,
            context: contextName,
            access: 'direct',
          },
          client: new ClusterClient(kubeConfig, contextName),
        },
      ];
    });
    return { clusters, errors };
  }
}
