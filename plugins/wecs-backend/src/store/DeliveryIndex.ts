import {
  BINDING_POLICY_LABEL,
  isAppliedManifestWork,
  manifestWorkNameOf,
  SlimResource,
} from '@kubestellar/plugin-wecs-common';
import type { StoreChange } from './FleetStore';

const isManifestWork = (resource: SlimResource) =>
  resource.kind === 'ManifestWork' &&
  resource.apiVersion.startsWith('work.open-cluster-management.io/');

/**
 * Which binding policies delivered each object KubeStellar put on a WEC. The work agent makes
 * the AppliedManifestWork of a ManifestWork an owner of what it applied; the ManifestWork, in
 * the ITS namespace named after the WEC, names its policy in a transport label. The index
 * follows the ITS's ManifestWorks, and an object's owners lead to them.
 */
export class DeliveryIndex {
  /** By `<WEC>/<ManifestWork>`. */
  private readonly policies = new Map<string, string>();
  private readonly listeners = new Set<() => void>();

  /** Follows a change of the store; tells the listeners when a ManifestWork's policy changed. */
  apply(change: StoreChange) {
    const { resource } = change;
    if (!isManifestWork(resource) || !resource.namespace) return;
    const key = `${resource.namespace}/${resource.name}`;
    const policy =
      change.op === 'upsert'
        ? resource.labels?.[BINDING_POLICY_LABEL]
        : undefined;
    if (this.policies.get(key) === policy) return;
    if (policy === undefined) this.policies.delete(key);
    else this.policies.set(key, policy);
    for (const listener of this.listeners) listener();
  }

  /**
   * The policies that delivered an object, by name; undefined when KubeStellar did not deliver
   * it, empty while no ITS the backend watches holds its ManifestWork.
   */
  policiesOf(
    resource: Pick<SlimResource, 'cluster' | 'owners'>,
  ): string[] | undefined {
    let found: string[] | undefined;
    for (const owner of resource.owners ?? []) {
      if (!isAppliedManifestWork(owner)) continue;
      found ??= [];
      const policy = this.policies.get(
        `${resource.cluster}/${manifestWorkNameOf(owner)}`,
      );
      if (policy && !found.includes(policy)) found.push(policy);
    }
    return found;
  }

  /** Calls `listener` whenever the policy of some ManifestWork changes; returns the unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
