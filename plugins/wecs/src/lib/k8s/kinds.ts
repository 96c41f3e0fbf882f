/**
 * What the plugin knows of each Kubernetes kind, in one table: where it sorts in the tree,
 * whether it runs pods, what deleting it takes with it. A kind not listed is shown after these,
 * by name, and has none of the traits.
 */
interface KindTraits {
  /** Owns and runs pods: what "workload controller" means in this plugin. */
  runsPods?: boolean;
  /** What a delete cascades to, in a few words. */
  deletes?: string;
}

/** Workloads first, then how they are reached and configured, then storage: the tree's order. */
const KINDS: ReadonlyArray<[kind: string, traits: KindTraits]> = [
  ['Deployment', { runsPods: true, deletes: 'its pods' }],
  ['StatefulSet', { runsPods: true, deletes: 'its pods' }],
  ['DaemonSet', { runsPods: true, deletes: 'its pods' }],
  ['CronJob', { runsPods: true, deletes: 'its pods' }],
  ['Job', { runsPods: true, deletes: 'its pods' }],
  ['ReplicaSet', { runsPods: true, deletes: 'its pods' }],
  ['Pod', {}],
  ['Service', {}],
  ['Ingress', {}],
  ['Endpoints', {}],
  ['ConfigMap', {}],
  ['Secret', {}],
  ['PersistentVolumeClaim', {}],
  ['PersistentVolume', {}],
  ['StorageClass', {}],
  ['Namespace', { deletes: 'everything in it' }],
];

const TRAITS = new Map(KINDS);
const RANK = new Map(KINDS.map(([kind], index) => [kind, index]));

/** The built-in kinds that own and run pods. */
export const POD_CONTROLLER_KINDS: ReadonlySet<string> = new Set(
  KINDS.filter(([, traits]) => traits.runsPods).map(([kind]) => kind),
);

/** Whether objects of a kind are workloads as people use the word: pods and their controllers. */
export const isWorkloadKind = (kind: string) =>
  kind === 'Pod' || POD_CONTROLLER_KINDS.has(kind);

/** Whether a kind has logs to show: a pod's own, or those of a workload's pods. */
export const hasLogs = isWorkloadKind;

/** Where a kind sorts among kinds: the table's order, then every other kind after it. */
export const kindRank = (kind: string) => RANK.get(kind) ?? KINDS.length;

/** What deleting an object of a kind also deletes, or undefined when nothing is owned. */
export const deleteCascadeOf = (kind: string) => TRAITS.get(kind)?.deletes;
