import { KubeObject } from '../api/types';
import { ClusterRuntime } from './ClusterRuntime';

/** Set by the churn on every object it changes: the change time in epoch milliseconds. */
export const CHANGED_AT_ANNOTATION = 'fleet-sim.kubestellar.io/changed-at';

export interface ScaleOptions {
  /** Objects seeded in each WEC, spread over namespaces and kinds. */
  objectsPerCluster: number;
  /** Changes per second across the whole fleet. */
  changesPerSecond: number;
  /** Namespaces per WEC. */
  namespaces?: number;
}

const KINDS = ['ConfigMap', 'Pod', 'Deployment', 'Service'] as const;

function scaleObject(
  kind: (typeof KINDS)[number],
  namespace: string,
  i: number,
): KubeObject {
  const labels = { app: `app-${i % 50}`, tier: i % 2 ? 'web' : 'worker' };
  switch (kind) {
    case 'ConfigMap':
      return {
        apiVersion: 'v1',
        kind,
        metadata: { name: `config-${i}`, namespace, labels },
        data: { key: `value-${i}`, generation: '0' },
      };
    case 'Pod':
      return {
        apiVersion: 'v1',
        kind,
        metadata: { name: `pod-${i}`, namespace, labels },
        spec: {
          nodeName: 'worker',
          containers: [
            { name: 'main', image: `registry.example/app:${i % 7}` },
          ],
        },
        status: {
          phase: 'Running',
          podIP: `10.1.${Math.floor(i / 250) % 250}.${i % 250}`,
          conditions: [{ type: 'Ready', status: 'True' }],
          containerStatuses: [
            {
              name: 'main',
              ready: true,
              restartCount: 0,
              image: `registry.example/app:${i % 7}`,
              state: { running: { startedAt: new Date().toISOString() } },
            },
          ],
        },
      };
    case 'Deployment':
      return {
        apiVersion: 'apps/v1',
        kind,
        metadata: { name: `deploy-${i}`, namespace, labels },
        spec: {
          replicas: 2,
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: {
              containers: [{ name: 'main', image: 'registry.example/app:1' }],
            },
          },
        },
        status: {
          replicas: 2,
          readyReplicas: 2,
          availableReplicas: 2,
          updatedReplicas: 2,
          observedGeneration: 1,
        },
      };
    default:
      return {
        apiVersion: 'v1',
        kind,
        metadata: { name: `svc-${i}`, namespace, labels },
        spec: { selector: labels, ports: [{ port: 80 }] },
      };
  }
}

/** Seeds every WEC with `objectsPerCluster` objects for benchmarks (no controllers run). */
export function seedScale(
  rts: Record<string, ClusterRuntime>,
  wecs: string[],
  options: ScaleOptions,
) {
  const namespaceCount = options.namespaces ?? 20;
  for (const [name, rt] of Object.entries(rts)) {
    for (const ns of ['default', 'kube-system'])
      rt.create({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: ns },
      });
    if (!wecs.includes(name)) continue;
    for (let n = 0; n < namespaceCount; n++) {
      rt.create({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: `ns-${n}` },
      });
    }
    for (let i = 0; i < options.objectsPerCluster; i++) {
      rt.create(
        scaleObject(KINDS[i % KINDS.length], `ns-${i % namespaceCount}`, i),
      );
    }
  }
}

/**
 * Changes objects at a steady rate across the WECs: ConfigMap data, Pod readiness and
 * Deployment replicas flip, as a busy fleet's watches would show. Returns a stop function.
 */
export function startChurn(
  rts: ClusterRuntime[],
  options: ScaleOptions,
): () => void {
  if (options.changesPerSecond <= 0 || rts.length === 0) return () => {};
  const intervalMs = 10;
  let owed = 0;
  let counter = 0;
  let last = Date.now();
  const timer = setInterval(() => {
    // Owed changes follow the clock, so a late timer catches up instead of slowing the rate.
    const now = Date.now();
    owed = Math.min(
      owed + ((now - last) * options.changesPerSecond) / 1000,
      options.changesPerSecond,
    );
    last = now;
    while (owed >= 1) {
      owed--;
      counter++;
      const rt = rts[counter % rts.length];
      const i = Math.floor(Math.random() * options.objectsPerCluster);
      const kind = KINDS[i % KINDS.length];
      const ns = `ns-${i % (options.namespaces ?? 20)}`;
      const name = scaleObject(kind, ns, i).metadata.name!;
      const current = rt.find(
        kind === 'Deployment' ? 'apps/v1' : 'v1',
        kind,
        ns,
        name,
      );
      if (!current) continue;
      // The change time lets a benchmark measure the delay to a watcher.
      const annotations = {
        ...(current.metadata.annotations ?? {}),
        [CHANGED_AT_ANNOTATION]: String(Date.now()),
      };
      rt.replace({
        ...current,
        metadata: { ...current.metadata, annotations },
        ...(kind === 'ConfigMap'
          ? { data: { ...(current as any).data, generation: String(counter) } }
          : {}),
      } as KubeObject);
    }
  }, intervalMs);
  return () => clearInterval(timer);
}
