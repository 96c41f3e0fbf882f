/** The built-in kinds that own and run pods: what "workload controller" means in this plugin. */
export const POD_CONTROLLER_KINDS: ReadonlySet<string> = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
  'CronJob',
]);
