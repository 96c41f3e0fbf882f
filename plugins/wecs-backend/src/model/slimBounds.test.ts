import { DEFAULT_LIMITS } from './limits';
import { boundSlimResource } from './slimBounds';
import { slimResource } from './slimResource';

const configMap = (keys: number, labels = 0) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: {
    name: 'big',
    namespace: 'shop',
    uid: 'u-1',
    resourceVersion: '1',
    labels: Object.fromEntries(
      Array.from({ length: labels }, (_, i) => [`label-${i}`, `v${i}`]),
    ),
  },
  data: Object.fromEntries(
    Array.from({ length: keys }, (_, i) => [`key-${i}`, 'x'.repeat(10)]),
  ),
});

describe('boundSlimResource', () => {
  it('keeps a ConfigMap of 20,000 keys to a bounded size, saying how many keys were left out', () => {
    const slim = slimResource('cluster1', 'configmaps', configMap(20_000));
    expect(slim.summary?.dataKeys).toHaveLength(DEFAULT_LIMITS.slimListItems);
    expect(slim.summary?.dataKeys?.[0]).toBe('key-0');
    expect(slim.omitted).toEqual({
      dataKeys: 20_000 - DEFAULT_LIMITS.slimListItems,
    });
    expect(JSON.stringify(slim).length).toBeLessThan(5_000);
  });

  it('caps labels and annotations by count and by the length of each key and value', () => {
    const bounds = {
      slimLabels: 2,
      slimAnnotations: 1,
      slimValueLength: 8,
      slimListItems: 10,
    };
    const slim = boundSlimResource(
      {
        ...slimResource('cluster1', 'configmaps', configMap(1)),
        labels: { a: '1', b: '2', c: '3' },
        annotations: { note: 'short', long: 'x'.repeat(9) },
        owners: Array.from({ length: 12 }, (_, i) => ({
          apiVersion: 'v1',
          kind: 'Thing',
          name: `t${i}`,
          uid: `t-${i}`,
        })),
      },
      bounds,
    );
    expect(slim.labels).toEqual({ a: '1', b: '2' });
    expect(slim.annotations).toEqual({ note: 'short' });
    expect(slim.owners).toHaveLength(10);
    expect(slim.omitted).toEqual({ labels: 1, annotations: 1, owners: 2 });
  });

  it('leaves an ordinary object as it is, without a marker', () => {
    const slim = slimResource('cluster1', 'configmaps', configMap(3, 5));
    expect(slim.omitted).toBeUndefined();
    expect(slim.summary?.dataKeys).toEqual(['key-0', 'key-1', 'key-2']);
    expect(Object.keys(slim.labels ?? {})).toHaveLength(5);
  });
});
