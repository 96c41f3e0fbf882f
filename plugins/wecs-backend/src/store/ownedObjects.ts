import { SlimResource, StatusPhase } from '@kubestellar/plugin-wecs-common';
import { FleetStore } from './FleetStore';
import { Entry } from './TreeIndex';

/** Some of what an object owns, and how much it owns in all. */
export interface OwnedObjects {
  /** At most the limit asked for: failing objects first, then pending ones, newest first. */
  objects: SlimResource[];
  /** Everything it owns, directly or through what it owns. */
  total: number;
}

/** Which owned objects come first when not all are kept: those a user is looking for. */
const PHASE_RANK: Record<StatusPhase, number> = {
  failed: 0,
  pending: 1,
  unknown: 2,
  running: 3,
  succeeded: 4,
};

const byInterest = (a: SlimResource, b: SlimResource) =>
  PHASE_RANK[a.status.phase] - PHASE_RANK[b.status.phase] ||
  (b.creationTimestamp ?? '').localeCompare(a.creationTimestamp ?? '') ||
  a.name.localeCompare(b.name);

/**
 * What an object owns, down the store's ownerReference links (a Deployment's ReplicaSets and
 * their Pods, a CronJob's Jobs and theirs): at most `limit` of them, the failing and pending
 * ones first, then the newest, with the number it owns in all.
 */
export function ownedObjects(
  store: FleetStore,
  cluster: string,
  uid: string,
  limit: number,
): OwnedObjects {
  const root = store.tree(cluster)?.objects.get(uid);
  const below: Entry[] = [...(root?.children ?? [])];
  for (let i = 0; i < below.length; i++) {
    below.push(...(below[i].children ?? []));
  }
  const owned = below.map(entry => entry.resource).sort(byInterest);
  return { objects: owned.slice(0, limit), total: owned.length };
}
