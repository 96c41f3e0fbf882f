import { pruneUnknownFields } from './prune';

const object = (rest: Record<string, unknown>) => ({
  apiVersion: 'shop.example.com/v1',
  kind: 'Cache',
  metadata: { name: 'sessions', labels: { a: '1' } },
  ...rest,
});

describe('pruneUnknownFields', () => {
  it('drops what the schema does not declare, at every level', () => {
    const pruned = pruneUnknownFields(
      object({
        spec: { size: '1Gi', extra: true, tiers: [{ name: 'hot', junk: 1 }] },
        status: { phase: 'Ready' },
        stray: 'x',
      }),
      {
        type: 'object',
        properties: {
          spec: {
            type: 'object',
            properties: {
              size: { type: 'string' },
              tiers: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { name: { type: 'string' } },
                },
              },
            },
          },
        },
      },
    );
    expect(pruned).toEqual(
      object({ spec: { size: '1Gi', tiers: [{ name: 'hot' }] } }),
    );
  });

  it('keeps what x-kubernetes-preserve-unknown-fields or additionalProperties allow', () => {
    const pruned = pruneUnknownFields(
      object({
        spec: { anything: { deep: 1 } },
        status: { conditions: { ready: { since: 'now', junk: 1 } } },
      }),
      {
        type: 'object',
        properties: {
          spec: {
            type: 'object',
            'x-kubernetes-preserve-unknown-fields': true,
          },
          status: {
            type: 'object',
            properties: {
              conditions: {
                type: 'object',
                additionalProperties: {
                  type: 'object',
                  properties: { since: { type: 'string' } },
                },
              },
            },
          },
        },
      },
    );
    expect(pruned).toEqual(
      object({
        spec: { anything: { deep: 1 } },
        status: { conditions: { ready: { since: 'now' } } },
      }),
    );
  });

  it('leaves an object alone when its root preserves unknown fields', () => {
    const whole = object({ spec: { a: 1 }, status: { b: 2 } });
    expect(
      pruneUnknownFields(whole, {
        type: 'object',
        'x-kubernetes-preserve-unknown-fields': true,
      }),
    ).toEqual(whole);
  });
});
