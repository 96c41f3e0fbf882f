import { WatchEvent, WatchListener } from '../watch/events';
import { FleetStore } from './FleetStore';
import { followWatchPool } from './followWatchPool';

const pods = {
  apiVersion: 'v1',
  kind: 'Pod',
  resource: 'pods',
  namespaced: true,
};

const pod = (name: string, resourceVersion: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name,
    namespace: 'shop',
    uid: `uid-${name}`,
    resourceVersion,
    managedFields: [{ manager: 'kubectl' }],
  },
  status: { phase: 'Running' },
});

/** A store following a fake pool whose events the test sends. */
function followed() {
  const store = new FleetStore();
  let listener: WatchListener = () => {};
  const unsubscribe = followWatchPool(store, {
    subscribe: added => {
      listener = added;
      return () => {
        listener = () => {};
      };
    },
  });
  const send = (event: WatchEvent) => listener(event);
  const names = () => store.query({ cluster: 'c1' }).map(r => r.name);
  return { store, send, names, unsubscribe };
}

describe('followWatchPool', () => {
  it('keeps the store equal to what the pool reports, in slim form', () => {
    const { store, send, names } = followed();
    send({
      type: 'typeReplaced',
      cluster: 'c1',
      target: pods,
      objects: [pod('a', '1'), pod('b', '1')],
    });
    expect(names()).toEqual(['a', 'b']);
    const a = store.get('c1', 'uid-a')!;
    expect(a).toMatchObject({ cluster: 'c1', resource: 'pods', kind: 'Pod' });
    expect(a.status.phase).toBe('running');
    expect(JSON.stringify(a)).not.toContain('managedFields');

    send({
      type: 'objectUpserted',
      cluster: 'c1',
      target: pods,
      object: pod('c', '2'),
    });
    send({
      type: 'objectDeleted',
      cluster: 'c1',
      target: pods,
      object: pod('a', '3'),
    });
    expect(names()).toEqual(['b', 'c']);

    send({
      type: 'typeReplaced',
      cluster: 'c1',
      target: pods,
      objects: [pod('c', '2'), pod('d', '4')],
    });
    expect(names()).toEqual(['c', 'd']);

    send({ type: 'typeDropped', cluster: 'c1', target: pods });
    expect(names()).toEqual([]);
  });

  it('forgets every object of a cluster that is no longer watched, and only its', () => {
    const { store, send, names } = followed();
    send({
      type: 'typeReplaced',
      cluster: 'c1',
      target: pods,
      objects: [pod('a', '1'), pod('b', '1')],
    });
    send({
      type: 'typeReplaced',
      cluster: 'c2',
      target: pods,
      objects: [pod('a', '1')],
    });
    const deleted: string[] = [];
    store.subscribe(change => {
      if (change.op === 'delete')
        deleted.push(`${change.resource.cluster}/${change.resource.name}`);
    });
    send({ type: 'clusterUnwatched', cluster: 'c1' });
    expect(names()).toEqual([]);
    expect(deleted.sort()).toEqual(['c1/a', 'c1/b']);
    expect(store.query({ cluster: 'c2' })).toHaveLength(1);
    expect(store.counts('c1').total).toBe(0);
  });

  it('lets cluster statuses pass by, and stops following when unsubscribed', () => {
    const { store, send, names, unsubscribe } = followed();
    const revision = store.revision;
    send({
      type: 'clusterStatus',
      status: {
        name: 'c1',
        source: 'kubeconfig',
        role: 'wec',
        context: 'c1',
        server: 'https://c1',
        access: 'direct',
        state: 'connected',
        since: new Date(0).toISOString(),
      },
    });
    expect(store.revision).toBe(revision);
    unsubscribe();
    send({
      type: 'objectUpserted',
      cluster: 'c1',
      target: pods,
      object: pod('a', '1'),
    });
    expect(names()).toEqual([]);
  });
});
