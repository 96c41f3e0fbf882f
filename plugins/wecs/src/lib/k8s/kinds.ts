/**
 * What the plugin knows of each Kubernetes kind, in one table: whether it runs pods, what
 * deleting it takes with it. A kind not listed has none of the traits. (Where kinds sort in the
 * tree is the backend's and the browser's common knowledge: TREE_KIND_ORDER in wecs-common.)
 */
interface KindTraits {
  /** Owns and runs pods: what "workload controller" means in this plugin. */
  runsPods?: boolean;
  /** What a delete cascades to, in a few words. */
  deletes?: string;
}

/** The kinds with traits. */
const KINDS: ReadonlyArray<[kind: string, traits: KindTraits]> = [
  ['Deployment', { runsPods: true, deletes: 'its pods' }],
  ['StatefulSet', { runsPods: true, deletes: 'its pods' }],
  ['DaemonSet', { runsPods: true, deletes: 'its pods' }],
  ['CronJob', { runsPods: true, deletes: 'its pods' }],
  ['Job', { runsPods: true, deletes: 'its pods' }],
  ['ReplicaSet', { runsPods: true, deletes: 'its pods' }],
  ['Namespace', { deletes: 'everything in it' }],
];

const TRAITS = new Map(KINDS);

/** The built-in kinds that own and run pods. */
export const POD_CONTROLLER_KINDS: ReadonlySet<string> = new Set(
  KINDS.filter(([, traits]) => traits.runsPods).map(([kind]) => kind),
);

/** Whether objects of a kind are workloads as people use the word: pods and their controllers. */
export const isWorkloadKind = (kind: string) =>
  kind === 'Pod' || POD_CONTROLLER_KINDS.has(kind);

/** Whether a kind has logs to show: a pod's own, or those of a workload's pods. */
export const hasLogs = isWorkloadKind;

/** What deleting an object of a kind also deletes, or undefined when nothing is owned. */
export const deleteCascadeOf = (kind: string) => TRAITS.get(kind)?.deletes;
