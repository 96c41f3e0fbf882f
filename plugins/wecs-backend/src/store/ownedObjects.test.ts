import { SlimResource } from '@kubestellar/plugin-wecs-common';
import { FleetStore } from './FleetStore';
import { ownedObjects } from './ownedObjects';

const object = (
  kind: string,
  name: string,
  owner?: SlimResource,
  extra: Partial<SlimResource> = {},
): SlimResource => ({
  cluster: 'cluster1',
  apiVersion: kind === 'Pod' ? 'v1' : 'apps/v1',
  kind,
  resource: `${kind.toLowerCase()}s`,
  namespace: 'shop',
  name,
  uid: `uid-${name}`,
  resourceVersion: '1',
  status: { phase: 'running' },
  ...(owner
    ? {
        owners: [
          {
            apiVersion: owner.apiVersion,
            kind: owner.kind,
            name: owner.name,
            uid: owner.uid,
            controller: true,
          },
        ],
      }
    : {}),
  ...extra,
});

describe('ownedObjects', () => {
  const store = new FleetStore();
  const deployment = object('Deployment', 'web');
  const current = object('ReplicaSet', 'web-2', deployment, {
    creationTimestamp: '2026-12-01T10:00:00Z',
  });
  const old = object('ReplicaSet', 'web-1', deployment, {
    creationTimestamp: '2026-11-01T10:00:00Z',
  });
  const running = object('Pod', 'web-2-a', current, {
    creationTimestamp: '2026-12-01T10:01:00Z',
  });
  const failing = object('Pod', 'web-2-b', current, {
    status: { phase: 'failed', reason: 'ImagePullBackOff' },
    creationTimestamp: '2026-12-01T10:00:30Z',
  });
  const stranger = object('Pod', 'other');
  for (const r of [deployment, current, old, running, failing, stranger]) {
    store.upsert(r);
  }

  it("follows ownerReferences down: a Deployment's ReplicaSets and their pods, not its neighbours", () => {
    const owned = ownedObjects(store, 'cluster1', deployment.uid, 10);
    expect(owned.total).toBe(4);
    expect(owned.objects.map(r => r.name)).toEqual([
      'web-2-b',
      'web-2-a',
      'web-2',
      'web-1',
    ]);
  });

  it('keeps the failing objects first, then the newest, when it may keep only some', () => {
    const owned = ownedObjects(store, 'cluster1', deployment.uid, 2);
    expect(owned).toEqual({ objects: [failing, running], total: 4 });
  });

  it('finds nothing under an object that owns nothing or is not known', () => {
    expect(ownedObjects(store, 'cluster1', stranger.uid, 10)).toEqual({
      objects: [],
      total: 0,
    });
    expect(ownedObjects(store, 'cluster9', deployment.uid, 10).total).toBe(0);
  });
});
