import { Config } from '@backstage/config';
import {
  ClusterSource,
  WecsClusterSourcesExtensionPoint,
} from '@kubestellar/plugin-wecs-node';
import { ItsClusterSource } from './ItsClusterSource';
import { KubeconfigClusterSource } from './KubeconfigClusterSource';

/**
 * The one list of cluster sources, behind the extension point: the sources the configuration
 * names (`wecs.its`, `wecs.kubeconfig`, `wecs.wds`) register through it as a module's do, and
 * the pool takes them all in the order they came.
 */
export class ClusterSourceRegistry implements WecsClusterSourcesExtensionPoint {
  private readonly registered: ClusterSource[] = [];

  addClusterSource(...sources: ClusterSource[]) {
    this.registered.push(...sources);
  }

  /** Registers the sources `config` names, ahead of those modules added. */
  addConfiguredSources(config: Config) {
    const configured = [
      ItsClusterSource.fromConfig(config),
      KubeconfigClusterSource.fromConfig(config),
      KubeconfigClusterSource.wdsFromConfig(config),
    ].filter(source => source !== undefined);
    this.registered.unshift(...configured);
  }

  get sources(): ClusterSource[] {
    return [...this.registered];
  }
}
