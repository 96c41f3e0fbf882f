import { indexAfter, ListSnapshots } from './listSnapshots';
import { KubeObject } from './types';

const object = (name: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'shop' },
});
const keyOf = (o: KubeObject) => `shop/${o.metadata.name}`;

describe('indexAfter', () => {
  const sorted = ['a', 'b', 'd', 'e'].map(object);
  it.each([
    ['shop/', 0],
    ['shop/a', 1],
    ['shop/c', 2],
    ['shop/d', 3],
    ['shop/e', 4],
    ['shop/z', 4],
  ])('after %s starts at %d', (startAfter, index) => {
    expect(indexAfter(sorted, startAfter, keyOf)).toBe(index);
  });
});

describe('ListSnapshots', () => {
  it('builds a list once, keeps the most recently used, and builds a dropped one again', () => {
    const snapshots = new ListSnapshots(2);
    let builds = 0;
    const build = (name: string) => () => {
      builds++;
      return [object(name)];
    };
    const first = snapshots.get('1', build('a'));
    expect(snapshots.get('1', build('x'))).toBe(first);
    expect(builds).toBe(1);
    snapshots.get('2', build('b'));
    snapshots.get('1', build('x'));
    snapshots.get('3', build('c'));
    // 2 was the least recently used: gone; 1 is still kept.
    expect(snapshots.get('1', build('x'))).toBe(first);
    expect(snapshots.get('2', build('b2'))![0].metadata.name).toBe('b2');
    expect(builds).toBe(4);
    // Nothing built, nothing kept.
    expect(snapshots.get('4', () => undefined)).toBeUndefined();
    expect(snapshots.get('4', build('d'))![0].metadata.name).toBe('d');
  });
});
