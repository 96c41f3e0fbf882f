import { SlimBounds } from '../model/slimBounds';
import { slimResource } from '../model/slimResource';
import { WatchEvent } from '../watch/events';
import { WatchPool } from '../watch/WatchPool';
import { FleetStore } from './FleetStore';

/**
 * Objects of a fresh list taken in at once; a longer list is taken in this many at a time, the
 * event loop free in between, so that a cluster relisting ten thousand objects does not hold
 * back the changes of every other cluster. A cluster that leaves is forgotten as many at a time.
 */
export const LIST_CHUNK = 500;

const clusterOf = (event: WatchEvent) =>
  'cluster' in event ? event.cluster : undefined;

/**
 * Keeps a store equal to what a watch pool sees, slimming each object on its way in: a fresh
 * list replaces its type, an upsert or a delete changes one object, a dropped type or an
 * unwatched cluster is forgotten. Cluster statuses carry no objects and pass by. A cluster's
 * events are applied in the order they came; while a long list is taken in or a large cluster
 * forgotten (in chunks), its cluster's later events wait for it. Slim objects are held to
 * `bounds` (the defaults when omitted). Subscribe before the pool starts; returns the
 * unsubscribe.
 */
export function followWatchPool(
  store: FleetStore,
  pool: Pick<WatchPool, 'subscribe'>,
  bounds?: SlimBounds,
): () => void {
  /** Clusters taking in a long list, with the events that came since. */
  const waiting = new Map<string, WatchEvent[]>();
  let stopped = false;

  /**
   * Calls `each` on every item, LIST_CHUNK at a time with the event loop free in between;
   * false when following stopped before the end.
   */
  const inChunks = async <T>(items: T[], each: (item: T) => void) => {
    for (let start = 0; start < items.length; start += LIST_CHUNK) {
      if (start > 0) await new Promise(resolve => setImmediate(resolve));
      if (stopped) return false;
      items.slice(start, start + LIST_CHUNK).forEach(each);
    }
    return true;
  };

  const takeList = async (
    event: Extract<WatchEvent, { type: 'typeReplaced' }>,
  ) => {
    const { cluster, target, objects } = event;
    const kept = new Set<string>();
    const taken = await inChunks(objects, object => {
      const slim = slimResource(cluster, target.resource, object, bounds);
      kept.add(slim.uid);
      store.upsert(slim);
    });
    if (taken)
      store.deleteOthers(cluster, target.apiVersion, target.resource, kept);
  };

  /** Forgets a cluster's objects a chunk at a time, then the cluster. */
  const forgetCluster = async (cluster: string, uids: string[]) => {
    if (await inChunks(uids, uid => store.delete(cluster, uid)))
      store.dropCluster(cluster);
  };

  function apply(event: WatchEvent) {
    switch (event.type) {
      case 'typeReplaced': {
        const { cluster, target } = event;
        if (event.objects.length > LIST_CHUNK) {
          waiting.set(cluster, []);
          void takeList(event).then(() => resume(cluster));
          return;
        }
        store.replaceType(
          cluster,
          target.apiVersion,
          target.resource,
          event.objects.map(object =>
            slimResource(cluster, target.resource, object, bounds),
          ),
        );
        return;
      }
      case 'objectUpserted':
        store.upsert(
          slimResource(
            event.cluster,
            event.target.resource,
            event.object,
            bounds,
          ),
        );
        return;
      case 'objectDeleted':
        store.delete(event.cluster, event.object.metadata?.uid);
        return;
      case 'typeDropped':
        store.dropType(
          event.cluster,
          event.target.apiVersion,
          event.target.resource,
        );
        return;
      case 'clusterUnwatched': {
        const { cluster } = event;
        const uids = [...(store.tree(cluster)?.objects.keys() ?? [])];
        if (uids.length > LIST_CHUNK) {
          waiting.set(cluster, []);
          void forgetCluster(cluster, uids).then(() => resume(cluster));
          return;
        }
        store.dropCluster(cluster);
        return;
      }
      default:
        return;
    }
  }

  /** Applies what waited for a cluster's list, until the next long list, if any. */
  function resume(cluster: string) {
    const queued = waiting.get(cluster) ?? [];
    waiting.delete(cluster);
    while (queued.length && !stopped) {
      apply(queued.shift()!);
      const next = waiting.get(cluster);
      if (next) {
        next.push(...queued);
        return;
      }
    }
  }

  const unsubscribe = pool.subscribe(event => {
    const cluster = clusterOf(event);
    const queue = cluster === undefined ? undefined : waiting.get(cluster);
    if (queue) queue.push(event);
    else apply(event);
  });
  return () => {
    stopped = true;
    unsubscribe();
  };
}
