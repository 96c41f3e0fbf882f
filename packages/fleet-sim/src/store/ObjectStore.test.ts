import { ObjectStore } from './ObjectStore';

const cm = (name: string, value: string) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default' },
  data: { value },
});

describe('ObjectStore', () => {
  it('numbers every write with the next revision', () => {
    const store = new ObjectStore();
    const first = store.put('/configmaps', cm('a', '1'));
    const second = store.put('/configmaps', cm('b', '1'));
    expect(Number(second.object.metadata.resourceVersion)).toBe(
      Number(first.object.metadata.resourceVersion) + 1,
    );
    expect(first.type).toBe('ADDED');
    expect(store.put('/configmaps', cm('a', '2')).type).toBe('MODIFIED');
  });

  it('rebuilds the list as it was at a past revision', () => {
    const store = new ObjectStore();
    store.put('/configmaps', cm('a', '1'));
    const at = store.currentRevision;
    store.put('/configmaps', cm('a', '2'));
    store.put('/configmaps', cm('b', '1'));
    store.remove('/configmaps', 'default', 'a');
    expect(store.list('/configmaps').map(o => o.metadata.name)).toEqual(['b']);
    const past = store.listAt('/configmaps', at)!;
    expect(past.map(o => [o.metadata.name, (o as any).data.value])).toEqual([
      ['a', '1'],
    ]);
  });

  it('replays the changes after a revision, and refuses compacted ones', () => {
    const store = new ObjectStore();
    const start = store.currentRevision;
    store.put('/configmaps', cm('a', '1'));
    store.put('/secrets', cm('s', '1'));
    store.remove('/configmaps', 'default', 'a');
    expect(store.changesSince('/configmaps', start)!.map(c => c.type)).toEqual([
      'ADDED',
      'DELETED',
    ]);
    store.compact();
    expect(store.changesSince('/configmaps', start)).toBeUndefined();
    expect(store.listAt('/configmaps', start)).toBeUndefined();
    expect(store.changesSince('/configmaps', store.currentRevision)).toEqual(
      [],
    );
  });

  it('keeps a bounded history', () => {
    const store = new ObjectStore(10);
    const start = store.currentRevision;
    for (let i = 0; i < 25; i++) store.put('/configmaps', cm('a', String(i)));
    expect(store.changesSince('/configmaps', start)).toBeUndefined();
    expect(store.oldestRevision).toBeGreaterThan(start);
    expect(
      store.changesSince('/configmaps', store.currentRevision - 5),
    ).toHaveLength(5);
  });

  it('indexes dependents by owner uid', () => {
    const store = new ObjectStore();
    store.put('apps/replicasets', {
      ...cm('rs', '1'),
      metadata: {
        name: 'rs',
        namespace: 'default',
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'Deployment', name: 'd', uid: 'u1' },
        ],
      },
    });
    expect(store.dependentsOf('u1')).toEqual([
      { typeKey: 'apps/replicasets', key: 'default/rs' },
    ]);
    store.remove('apps/replicasets', 'default', 'rs');
    expect(store.dependentsOf('u1')).toEqual([]);
  });
});
