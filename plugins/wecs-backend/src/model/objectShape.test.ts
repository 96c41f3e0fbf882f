import { describeMalformed, objectShapeProblem } from './objectShape';
import { slimResource } from './slimResource';

const configMap = (metadata: Record<string, unknown> = {}, rest = {}) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: {
    name: 'settings',
    namespace: 'shop',
    uid: '0b6c9a8e-1f0d-4c39-9d1e-4c1d2f3a4b5c',
    resourceVersion: '42',
    ...metadata,
  },
  data: { mode: 'fast' },
  ...rest,
});

describe('objectShapeProblem', () => {
  it('takes a well-formed object, and a custom resource whatever its status holds', () => {
    expect(objectShapeProblem(configMap())).toBeUndefined();
    expect(
      objectShapeProblem(
        configMap(
          {
            labels: { app: 'shop' },
            annotations: { note: 'x' },
            ownerReferences: [
              { apiVersion: 'v1', kind: 'Thing', name: 't', uid: 'u-1' },
            ],
            namespace: undefined,
          },
          { kind: 'Widget', apiVersion: 'example.com/v1', status: 'odd' },
        ),
      ),
    ).toBeUndefined();
  });

  it('names what does not fit: identity, metadata maps, owner references', () => {
    const cases: Array<[unknown, string]> = [
      [
        configMap({ name: 123 }),
        'metadata.name: expected a string, got a number',
      ],
      [
        configMap({ name: 'a/b' }),
        'metadata.name: "a/b" is not an object name',
      ],
      [configMap({ name: '..' }), 'metadata.name: ".." is not an object name'],
      [
        configMap({ namespace: 'Shop_1' }),
        'metadata.namespace: "Shop_1" is not a namespace name',
      ],
      [
        configMap({ uid: undefined }),
        'metadata.uid: expected a uid, got nothing',
      ],
      [
        configMap({ resourceVersion: 7 }),
        'metadata.resourceVersion: expected a resourceVersion, got a number',
      ],
      [
        configMap({ labels: { app: 5 } }),
        'metadata.labels.app: expected a string, got a number',
      ],
      [
        configMap({ annotations: ['x'] }),
        'metadata.annotations: expected an object, got an array',
      ],
      [
        configMap({ ownerReferences: 'me' }),
        'metadata.ownerReferences: expected an array, got a string',
      ],
      [
        configMap({ ownerReferences: [null] }),
        'metadata.ownerReferences[0]: expected an object, got null',
      ],
      [
        configMap({
          ownerReferences: [{ apiVersion: 'v1', kind: 'X', name: 'x' }],
        }),
        'metadata.ownerReferences[0].uid: expected a string, got nothing',
      ],
      [configMap({}, { kind: 7 }), 'kind: expected a kind name, got a number'],
      [
        configMap({}, { metadata: 'x' }),
        'metadata: expected an object, got a string',
      ],
      [configMap({}, { data: 'x' }), 'data: expected an object, got a string'],
      ['x', 'expected an object, got a string'],
    ];
    for (const [object, problem] of cases)
      expect(objectShapeProblem(object)).toBe(problem);
  });

  it('checks the status fields a known kind is read by', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: configMap().metadata,
      spec: { containers: [{ name: 'web', image: 'web:1' }] },
      status: {
        phase: 'Running',
        containerStatuses: [{ restartCount: 'many' }],
      },
    };
    expect(objectShapeProblem(pod)).toBe(
      'status.containerStatuses[0].restartCount: expected a number, got a string',
    );
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: configMap().metadata,
      spec: { replicas: 3 },
      status: { conditions: { type: 'Available' } },
    };
    expect(objectShapeProblem(deployment)).toBe(
      'status.conditions: expected an array, got an object',
    );
    const binding = {
      apiVersion: 'control.kubestellar.io/v1alpha1',
      kind: 'Binding',
      metadata: configMap().metadata,
      spec: {
        workload: { clusterScope: [{ resource: 'namespaces', name: 5 }] },
      },
    };
    expect(objectShapeProblem(binding)).toBe(
      'spec.workload.clusterScope[0].name: expected a string, got a number',
    );
  });

  it('quotes text from the cluster on one line, however it is made', () => {
    expect(objectShapeProblem(configMap({ labels: { 'a\nb': 1 } }))).toBe(
      'metadata.labels["a\\nb"]: expected a string, got a number',
    );
    expect(describeMalformed(configMap({ name: 123 }))).toBe(
      'shop/<a number 123> (uid 0b6c9a8e-1f0d-4c39-9d1e-4c1d2f3a4b5c)',
    );
    expect(describeMalformed({ metadata: { name: 'x\ny' } })).toBe('x?y');
  });

  it('lets through only what the slim projection can read', () => {
    // Whatever fits is slimmed without an exception, with fields of the types the store sorts by.
    const slim = slimResource('c1', 'configmaps', configMap());
    expect(typeof slim.name).toBe('string');
    expect(() =>
      slimResource('c1', 'configmaps', configMap({ ownerReferences: 'x' })),
    ).toThrow();
    expect(
      objectShapeProblem(configMap({ ownerReferences: 'x' })),
    ).toBeDefined();
  });
});
