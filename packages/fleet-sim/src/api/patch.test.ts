import { applyPatchOfType, mergePatch, strategicMergePatch } from './patch';

const pod = {
  metadata: {
    name: 'web',
    labels: { app: 'web', tier: 'frontend' },
    finalizers: ['a'],
  },
  spec: {
    containers: [
      { name: 'web', image: 'web:1', env: [{ name: 'A', value: '1' }] },
      { name: 'sidecar', image: 'proxy:1' },
    ],
  },
};

describe('mergePatch', () => {
  it('merges objects, deletes with null and replaces lists', () => {
    expect(
      mergePatch(pod, {
        metadata: { labels: { tier: null, zone: 'eu' } },
        spec: { containers: [] },
      }),
    ).toEqual({
      metadata: {
        name: 'web',
        labels: { app: 'web', zone: 'eu' },
        finalizers: ['a'],
      },
      spec: { containers: [] },
    });
  });
});

describe('strategicMergePatch', () => {
  it('merges containers by name and their env by name', () => {
    const result = strategicMergePatch(pod, {
      spec: {
        containers: [
          { name: 'web', image: 'web:2', env: [{ name: 'B', value: '2' }] },
        ],
      },
    }) as any;
    expect(result.spec.containers).toEqual([
      {
        name: 'web',
        image: 'web:2',
        env: [
          { name: 'A', value: '1' },
          { name: 'B', value: '2' },
        ],
      },
      { name: 'sidecar', image: 'proxy:1' },
    ]);
  });

  it('deletes a keyed element with $patch: delete', () => {
    const result = strategicMergePatch(pod, {
      spec: { containers: [{ name: 'sidecar', $patch: 'delete' }] },
    }) as any;
    expect(result.spec.containers.map((c: any) => c.name)).toEqual(['web']);
  });

  it('replaces a map with $patch: replace', () => {
    const result = strategicMergePatch(pod, {
      metadata: { labels: { $patch: 'replace', only: 'this' } },
    }) as any;
    expect(result.metadata.labels).toEqual({ only: 'this' });
  });

  it('merges finalizers as a set and removes from primitive lists', () => {
    expect(
      (
        strategicMergePatch(pod, {
          metadata: { finalizers: ['a', 'b'] },
        }) as any
      ).metadata.finalizers,
    ).toEqual(['a', 'b']);
    expect(
      (
        strategicMergePatch(pod, {
          metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] },
        }) as any
      ).metadata.finalizers,
    ).toEqual([]);
  });
});

describe('applyPatchOfType', () => {
  it('applies RFC 6902 JSON patches without touching the input', () => {
    const result = applyPatchOfType(
      'json',
      pod,
      [{ op: 'replace', path: '/spec/containers/0/image', value: 'web:3' }],
      {
        strategicSupported: true,
      },
    ) as any;
    expect(result.spec.containers[0].image).toBe('web:3');
    expect(pod.spec.containers[0].image).toBe('web:1');
  });

  it('answers 400 for a JSON patch whose test fails', () => {
    expect(() =>
      applyPatchOfType(
        'json',
        pod,
        [{ op: 'test', path: '/metadata/name', value: 'other' }],
        { strategicSupported: true },
      ),
    ).toThrow(/the server rejected our request/);
  });

  it('refuses strategic merge patches for custom resources with 415', () => {
    expect(() =>
      applyPatchOfType('strategic', pod, {}, { strategicSupported: false }),
    ).toThrow(/unknown format/);
  });
});
