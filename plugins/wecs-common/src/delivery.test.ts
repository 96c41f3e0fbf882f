import { isDeliveredByKubeStellar, manifestWorkNameOf } from './delivery';

const HUB_HASH = 'a'.repeat(64);

describe('isDeliveredByKubeStellar', () => {
  it('recognizes the owner the OCM work agent adds', () => {
    expect(
      isDeliveredByKubeStellar([
        {
          apiVersion: 'work.open-cluster-management.io/v1',
          kind: 'AppliedManifestWork',
        },
      ]),
    ).toBe(true);
    expect(
      isDeliveredByKubeStellar([{ apiVersion: 'apps/v1', kind: 'ReplicaSet' }]),
    ).toBe(false);
    expect(
      isDeliveredByKubeStellar([
        { apiVersion: 'example.com/v1', kind: 'AppliedManifestWork' },
      ]),
    ).toBe(false);
    expect(isDeliveredByKubeStellar(undefined)).toBe(false);
  });
});

describe('manifestWorkNameOf', () => {
  it("strips the hub's hash from an AppliedManifestWork's name", () => {
    expect(manifestWorkNameOf({ name: `${HUB_HASH}-shop-wds1-0` })).toBe(
      'shop-wds1-0',
    );
  });

  it('keeps a name without the hash as it is', () => {
    expect(manifestWorkNameOf({ name: 'shop-wds1-0' })).toBe('shop-wds1-0');
    expect(manifestWorkNameOf({ name: `${'a'.repeat(63)}-shop` })).toBe(
      `${'a'.repeat(63)}-shop`,
    );
  });
});
