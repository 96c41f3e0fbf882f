import { isDeliveredByKubeStellar } from './delivery';

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
    expect(isDeliveredByKubeStellar(undefined)).toBe(false);
  });
});
