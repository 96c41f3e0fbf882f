import { useApi } from '@backstage/core-plugin-api';
import { useCallback, useState } from 'react';
import { wecsApiRef } from '../../api';
import { driftBetween } from '../../lib/kubestellar/drift';
import { ManagedWorkload } from '@kubestellar/plugin-wecs-common';
import { objectRefOf } from '../../lib/k8s/objectRefs';
import { holdsRedactedValues } from '../../lib/k8s/redactedValues';

/** Objects read at once while checking, so that a large policy does not flood the backend. */
const PARALLEL_READS = 6;

/**
 * How one delivered copy compares with its WDS copy: how many fields differ, and whether Secret
 * values were hidden from the user (they compare equal, so they were not really compared).
 */
export type CopyDrift =
  | { fields: number; hidden?: boolean }
  | { error: string };

/** How `copy` compares with `wdsCopy`. */
export function copyDriftOf(
  wdsCopy: Record<string, any>,
  copy: Record<string, any>,
): CopyDrift {
  const fields = driftBetween(wdsCopy, copy).length;
  return holdsRedactedValues(wdsCopy) || holdsRedactedValues(copy)
    ? { fields, hidden: true }
    : { fields };
}

export interface PolicyDrift {
  /** By {@link copyKey}. */
  copies: Map<string, CopyDrift>;
  checkedAt: Date;
}

export const copyKey = (workload: ManagedWorkload, cluster: string) =>
  `${workload.key}|${cluster}`;

/** Runs `tasks`, at most `limit` at a time. */
async function inBatches(tasks: Array<() => Promise<void>>, limit: number) {
  const queue = [...tasks];
  await Promise.all(
    Array.from({ length: Math.min(limit, queue.length) }, async () => {
      for (let task = queue.shift(); task; task = queue.shift()) await task();
    }),
  );
}

/**
 * Drift of a policy's delivered copies, checked when asked: each copy and its WDS copy are read
 * fresh and compared field by field. A snapshot, kept until the next check.
 */
export function usePolicyDrift() {
  const wecsApi = useApi(wecsApiRef);
  const [drift, setDrift] = useState<PolicyDrift>();
  const [checking, setChecking] = useState(false);

  const check = useCallback(
    async (workloads: ManagedWorkload[]) => {
      setChecking(true);
      const copies = new Map<string, CopyDrift>();
      const message = (error: unknown) => (error as Error).message;
      await inBatches(
        workloads.map(workload => async () => {
          const delivered = workload.placements.filter(p => p.delivered);
          if (!workload.staged || !delivered.length) return;
          let wdsCopy: Record<string, any>;
          try {
            wdsCopy = await wecsApi.getObject(objectRefOf(workload.staged));
          } catch (error) {
            for (const p of delivered)
              copies.set(copyKey(workload, p.cluster), {
                error: message(error),
              });
            return;
          }
          for (const placement of delivered) {
            const key = copyKey(workload, placement.cluster);
            try {
              const copy = await wecsApi.getObject(
                objectRefOf(placement.delivered!),
              );
              copies.set(key, copyDriftOf(wdsCopy, copy));
            } catch (error) {
              copies.set(key, { error: message(error) });
            }
          }
        }),
        PARALLEL_READS,
      );
      setDrift({ copies, checkedAt: new Date() });
      setChecking(false);
    },
    [wecsApi],
  );

  return { drift, checking, check };
}
