import { WatchEvent, WatchListener } from '../watch/events';
import { FleetStore } from './FleetStore';
import { followWatchPool, LIST_CHUNK } from './followWatchPool';

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

/** More pods than two chunks hold: `p0`, `p1`... */
const podsPastTwoChunks = () =>
  Array.from({ length: LIST_CHUNK * 2 + 10 }, (_, i) => pod(`p${i}`, '1'));

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

  it("takes a long list in chunks, in order with the cluster's later events, and others at once", async () => {
    const { store, send } = followed();
    const long = podsPastTwoChunks();
    send({ type: 'typeReplaced', cluster: 'c1', target: pods, objects: long });
    // The first chunk is in; the rest comes with the event loop free in between.
    expect(store.counts('c1').total).toBe(LIST_CHUNK);
    // Later events of c1 wait for its list; another cluster's apply at once.
    send({
      type: 'objectUpserted',
      cluster: 'c1',
      target: pods,
      object: pod('p3', '2'),
    });
    send({
      type: 'objectDeleted',
      cluster: 'c1',
      target: pods,
      object: pod('p4', '1'),
    });
    send({
      type: 'objectUpserted',
      cluster: 'c2',
      target: pods,
      object: pod('elsewhere', '1'),
    });
    expect(store.get('c2', 'uid-elsewhere')).toBeDefined();
    expect(store.get('c1', 'uid-p3')?.resourceVersion).toBe('1');
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(store.counts('c1').total).toBe(long.length - 1);
    expect(store.get('c1', 'uid-p3')?.resourceVersion).toBe('2');
    expect(store.get('c1', 'uid-p4')).toBeUndefined();

    // A fresh long list deletes what it no longer holds, once all of it is in.
    send({
      type: 'typeReplaced',
      cluster: 'c1',
      target: pods,
      objects: long.slice(0, LIST_CHUNK + 1),
    });
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(store.counts('c1').total).toBe(LIST_CHUNK + 1);
  });

  it('forgets a large cluster that leaves in chunks, and takes it back in order when it rejoins meanwhile', async () => {
    const { store, send } = followed();
    const many = podsPastTwoChunks();
    send({ type: 'typeReplaced', cluster: 'c1', target: pods, objects: many });
    send({ type: 'typeReplaced', cluster: 'c2', target: pods, objects: [] });
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(store.counts('c1').total).toBe(many.length);

    send({ type: 'clusterUnwatched', cluster: 'c1' });
    // The first chunk is gone; the rest goes with the event loop free in between.
    expect(store.counts('c1').total).toBe(many.length - LIST_CHUNK);
    // It rejoins with one object before it is all forgotten: that comes after.
    send({
      type: 'typeReplaced',
      cluster: 'c1',
      target: pods,
      objects: [pod('back', '1')],
    });
    send({
      type: 'objectUpserted',
      cluster: 'c2',
      target: pods,
      object: pod('elsewhere', '1'),
    });
    expect(store.get('c2', 'uid-elsewhere')).toBeDefined();
    expect(store.get('c1', 'uid-back')).toBeUndefined();
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(store.query({ cluster: 'c1' }).map(r => r.name)).toEqual(['back']);
  });
});
