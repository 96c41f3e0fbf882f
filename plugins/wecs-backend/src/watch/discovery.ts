import { ClusterClient, KubeApiError } from '@kubestellar/plugin-wecs-node';
import { WatchTarget } from '../cluster/ResourceWatcher';

/** The groups whose types are Kubernetes' own; everything else is a custom resource. */
const BUILTIN_GROUPS = new Set([
  '',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'apiregistration.k8s.io',
  'apps',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'autoscaling',
  'batch',
  'certificates.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'events.k8s.io',
  'flowcontrol.apiserver.k8s.io',
  'internal.apiserver.k8s.io',
  'metrics.k8s.io',
  'networking.k8s.io',
  'node.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'resource.k8s.io',
  'scheduling.k8s.io',
  'storage.k8s.io',
  'storagemigration.k8s.io',
]);

/** The built-in types WECS shows (the feature list's coverage table, plus namespaces). */
export const DEFAULT_BUILTIN_RESOURCES = [
  'namespaces',
  'pods',
  'services',
  'endpoints',
  'configmaps',
  'secrets',
  'persistentvolumes',
  'persistentvolumeclaims',
  'apps/deployments',
  'apps/statefulsets',
  'apps/daemonsets',
  'apps/replicasets',
  'batch/jobs',
  'batch/cronjobs',
  'networking.k8s.io/ingresses',
  'storage.k8s.io/storageclasses',
  // In the ITS, a joining cluster's agent files one and waits for its approval.
  'certificates.k8s.io/certificatesigningrequests',
];

export interface DiscoveryOptions {
  /** `group/resource` (or `resource` for the core group) of built-in types to watch. */
  builtinResources: string[];
  /** Extra `group/resource` names to watch, custom or built-in. */
  extraResources: string[];
  /** Watch every custom resource type found. */
  customResources: boolean;
}

const groupOf = (apiVersion: string) =>
  apiVersion.includes('/') ? apiVersion.split('/')[0] : '';

/** A type as discovery lists it, with its verbs. */
export interface DiscoveredType extends WatchTarget {
  group: string;
  verbs: string[];
}

/**
 * Every resource type the API server serves (subresources aside), from its discovery documents.
 * A group version whose document cannot be fetched right now (a dropped connection, an
 * aggregated API that is down) keeps the types `previous` knew of it: a passing failure must
 * not look like the types were removed, which would stop their watches and empty the store.
 * A 404 does mean the group version is gone.
 */
export async function discoverResourceTypes(
  client: ClusterClient,
  previous: DiscoveredType[] = [],
  signal?: AbortSignal,
): Promise<DiscoveredType[]> {
  const groupVersions = ['v1'];
  const groups = await client.getJson<{ groups: any[] }>('/apis', signal);
  for (const group of groups.groups ?? []) {
    const preferred =
      group.preferredVersion?.groupVersion ?? group.versions?.[0]?.groupVersion;
    if (preferred) groupVersions.push(preferred);
  }
  const lists = await Promise.all(
    groupVersions.map(gv =>
      client
        .getJson<{ resources: any[] }>(
          gv === 'v1' ? '/api/v1' : `/apis/${gv}`,
          signal,
        )
        .then(list => typesOf(gv, list.resources ?? []))
        .catch(error =>
          error instanceof KubeApiError && error.statusCode === 404
            ? []
            : previous.filter(type => type.apiVersion === gv),
        ),
    ),
  );
  return lists.flat();
}

function typesOf(apiVersion: string, resources: any[]): DiscoveredType[] {
  return resources
    .filter(resource => !resource.name.includes('/'))
    .map(resource => ({
      group: groupOf(apiVersion),
      apiVersion,
      kind: resource.kind,
      resource: resource.name,
      namespaced: Boolean(resource.namespaced),
      verbs: resource.verbs ?? [],
    }));
}

/** The types to watch: the configured built-in ones and, when asked, every custom resource type. */
export function selectWatchTargets(
  types: DiscoveredType[],
  options: DiscoveryOptions,
): WatchTarget[] {
  const wanted = new Set([
    ...options.builtinResources,
    ...options.extraResources,
  ]);
  return types
    .filter(type => type.verbs.includes('list') && type.verbs.includes('watch'))
    .filter(type => {
      const key = type.group ? `${type.group}/${type.resource}` : type.resource;
      const custom = !BUILTIN_GROUPS.has(type.group);
      return wanted.has(key) || (custom && options.customResources);
    })
    .map(({ apiVersion, kind, resource, namespaced }) => ({
      apiVersion,
      kind,
      resource,
      namespaced,
    }));
}
