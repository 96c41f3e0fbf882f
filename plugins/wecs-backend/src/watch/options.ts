import { Config } from '@backstage/config';
import { ClusterWatchOptions } from './ClusterWatch';
import { DEFAULT_BUILTIN_RESOURCES } from './discovery';
import { ListGate } from '../cluster/ListGate';
import { DEFAULT_WATCHER_OPTIONS } from '../cluster/ResourceWatcher';

/** Full lists run at once across the fleet (each holds its type's objects in full). */
export const DEFAULT_CONCURRENT_LISTS = 8;

export const DEFAULT_EXCLUDED_NAMESPACES = [
  'kube-system',
  'kube-public',
  'kube-node-lease',
  'open-cluster-management-agent*',
];

/** The watch options from `wecs.*` configuration, with defaults. */
export function watchOptionsFromConfig(config: Config): ClusterWatchOptions {
  const wecs = config.getOptionalConfig('wecs');
  const watch = wecs?.getOptionalConfig('watch');
  const seconds = (key: string, fallback: number) =>
    (watch?.getOptionalNumber(key) ?? fallback) * 1000;
  return {
    discovery: {
      builtinResources: DEFAULT_BUILTIN_RESOURCES,
      extraResources: wecs?.getOptionalStringArray('extraResources') ?? [],
      customResources: wecs?.getOptionalBoolean('customResources') ?? true,
    },
    watcher: {
      ...DEFAULT_WATCHER_OPTIONS,
      pageSize:
        watch?.getOptionalNumber('pageSize') ??
        DEFAULT_WATCHER_OPTIONS.pageSize,
      stallTimeoutMs: seconds(
        'stallTimeoutSeconds',
        DEFAULT_WATCHER_OPTIONS.stallTimeoutMs / 1000,
      ),
      listGate: new ListGate(
        watch?.getOptionalNumber('concurrentLists') ?? DEFAULT_CONCURRENT_LISTS,
      ),
      backoff: {
        ...DEFAULT_WATCHER_OPTIONS.backoff,
        maxMs: seconds(
          'maxBackoffSeconds',
          DEFAULT_WATCHER_OPTIONS.backoff.maxMs / 1000,
        ),
      },
    },
    excludedNamespaces:
      wecs?.getOptionalStringArray('excludedNamespaces') ??
      DEFAULT_EXCLUDED_NAMESPACES,
    rediscoverEveryMs: seconds('rediscoverSeconds', 60),
  };
}
