import { KubeObject } from '../api/types';

export type LogMoment =
  | 'start'
  | 'run'
  | 'crash'
  | 'stop'
  | 'complete'
  | 'init-start'
  | 'init-done';

const PATHS = [
  '/api/products',
  '/api/cart',
  '/api/checkout',
  '/healthz',
  '/api/orders',
  '/metrics',
];
const WARNINGS = [
  'slow response from upstream inventory-db: 850ms',
  'retrying request to payments-gateway (attempt 2/3)',
  'connection pool at 85% capacity',
  'cache miss ratio above 40% over the last minute',
];
const ERRORS = [
  'upstream payments-gateway returned 503 Service Unavailable',
  'failed to publish event to queue orders: context deadline exceeded',
  'database query timed out after 5000ms: SELECT * FROM stock WHERE sku=$1',
  'Exception in thread "worker-3" java.lang.IllegalStateException: order 8812 already settled',
];

let sequence = 0;
const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)];
const traceId = () =>
  Math.floor(Math.random() * 0xffffffff)
    .toString(16)
    .padStart(8, '0');
const isoNow = () => new Date().toISOString();

/** One line a container of this pod would print at this moment of its life. */
export function logLineFor(
  pod: KubeObject,
  container: string,
  moment: LogMoment,
): string {
  const app =
    pod.metadata.labels?.app ??
    pod.metadata.labels?.['app.kubernetes.io/name'] ??
    pod.metadata.name;
  const prefix = (level: string) =>
    `${isoNow()} ${level.padEnd(5)} [${app}/${container}]`;
  switch (moment) {
    case 'init-start':
      return `${prefix('INFO')} init: waiting for dependencies of ${app}`;
    case 'init-done':
      return `${prefix(
        'INFO',
      )} init: migrations applied, configuration rendered`;
    case 'start':
      return `${prefix(
        'INFO',
      )} starting ${app} (container ${container}) on :8080`;
    case 'stop':
      return `${prefix('INFO')} received SIGTERM, draining connections`;
    case 'complete':
      return `${prefix('INFO')} batch finished: processed ${
        100 + (sequence++ % 900)
      } records`;
    case 'crash':
      return `${prefix(
        'ERROR',
      )} fatal: cannot connect to config-service:8500: connection refused; exiting with code 1`;
    default: {
      const pending =
        pod.metadata.annotations?.['fleet-sim.kubestellar.io/pending-cluster'];
      if (pending) return registrationLine(prefix, pending);
      const roll = Math.random();
      if (container.includes('sidecar') || container.includes('proxy')) {
        return `${prefix('INFO')} proxy: forwarded ${pick(
          PATHS,
        )} upstream=127.0.0.1:8080 status=200`;
      }
      if (roll < 0.08)
        return `${prefix('ERROR')} ${pick(ERRORS)} trace_id=${traceId()}`;
      if (roll < 0.22)
        return `${prefix('WARN')} ${pick(WARNINGS)} trace_id=${traceId()}`;
      const ms = 3 + Math.floor(Math.random() * 120);
      return `${prefix('INFO')} GET ${pick(
        PATHS,
      )} 200 ${ms}ms trace_id=${traceId()} seq=${sequence++}`;
    }
  }
}

/** What OCM's registration controller keeps saying about a cluster nobody accepted. */
function registrationLine(prefix: (level: string) => string, cluster: string) {
  const lines = [
    `${prefix(
      'INFO',
    )} managedcluster ${cluster}: spec.hubAcceptsClient is false, waiting for a hub admin to accept the cluster`,
    `${prefix(
      'WARN',
    )} the csr of cluster ${cluster} is pending approval; the agent cannot get a hub client certificate until it is approved`,
    `${prefix(
      'INFO',
    )} managedcluster ${cluster} has not joined: no lease from the registration agent (last heartbeat: never)`,
    `${prefix(
      'ERROR',
    )} failed to sync managedcluster ${cluster}: cluster is not accepted by hub; run "clusteradm accept --clusters ${cluster}"`,
  ];
  return pick(lines);
}
