import { slimResource } from '../model/slimResource';
import { WatchPool } from '../watch/WatchPool';
import { FleetStore } from './FleetStore';

/**
 * Keeps a store equal to what a watch pool sees, slimming each object on its way in: a fresh
 * list replaces its type, an upsert or a delete changes one object, a dropped type or
 * an unwatched cluster is forgotten. Cluster statuses carry no objects and pass by. Subscribe before the pool starts;
 * returns the unsubscribe.
 */
export function followWatchPool(
  store: FleetStore,
  pool: Pick<WatchPool, 'subscribe'>,
): () => void {
  return pool.subscribe(event => {
    switch (event.type) {
      case 'typeReplaced': {
        const { cluster, target } = event;
        store.replaceType(
          cluster,
          target.apiVersion,
          target.resource,
          event.objects.map(object =>
            slimResource(cluster, target.resource, object),
          ),
        );
        return;
      }
      case 'objectUpserted':
        store.upsert(
          slimResource(event.cluster, event.target.resource, event.object),
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
      case 'clusterUnwatched':
        store.dropCluster(event.cluster);
        return;
      default:
        return;
    }
  });
}
