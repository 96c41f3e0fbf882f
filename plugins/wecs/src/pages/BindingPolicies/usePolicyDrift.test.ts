import { copyDriftOf } from './usePolicyDrift';

const secret = (password: string) => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'db', namespace: 'shop' },
  data: { password },
});

describe('copyDriftOf', () => {
  it('counts the fields that differ', () => {
    expect(copyDriftOf(secret('YQ=='), secret('Yg=='))).toEqual({ fields: 1 });
    expect(copyDriftOf(secret('YQ=='), secret('YQ=='))).toEqual({ fields: 0 });
  });

  it('says when Secret values were hidden, and so not compared', () => {
    expect(copyDriftOf(secret('<redacted>'), secret('<redacted>'))).toEqual({
      fields: 0,
      hidden: true,
    });
  });
});
