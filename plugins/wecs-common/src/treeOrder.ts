/**
 * Orders names as people read them (`pod-2` before `pod-10`), and fast: one collator instead of
 * a `localeCompare` per comparison, which matters when sorting a fleet. The backend orders
 * views with it and the browser orders what it shows with it, so both agree.
 *
 * @public
 */
export const compareNames = new Intl.Collator('en', { numeric: true }).compare;

/**
 * Workloads first, then how they are reached and configured, then storage: the order of kind
 * rows in the tree. Other kinds follow, by name.
 *
 * @public
 */
export const TREE_KIND_ORDER: readonly string[] = [
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'CronJob',
  'Job',
  'ReplicaSet',
  'Pod',
  'Service',
  'Ingress',
  'Endpoints',
  'ConfigMap',
  'Secret',
  'PersistentVolumeClaim',
  'PersistentVolume',
  'StorageClass',
  'Namespace',
];

const RANK = new Map(TREE_KIND_ORDER.map((kind, index) => [kind, index]));

/**
 * Where a kind sorts among kinds: {@link TREE_KIND_ORDER}, then every other kind after it.
 *
 * @public
 */
export const kindRank = (kind: string) =>
  RANK.get(kind) ?? TREE_KIND_ORDER.length;

/**
 * Kind rows in tree order.
 *
 * @public
 */
export const compareKinds = (a: string, b: string) =>
  kindRank(a) - kindRank(b) || compareNames(a, b);
