import { SlimResource } from '@kubestellar/plugin-wecs-common';
import { FleetStore, StoreChange } from './FleetStore';

const resource = (
  name: string,
  extra: Partial<SlimResource> = {},
): SlimResource => ({
  cluster: 'cluster1',
  apiVersion: 'v1',
  kind: 'Pod',
  resource: 'pods',
  namespace: 'shop',
  name,
  uid: `uid-${name}`,
  resourceVersion: '1',
  status: { phase: 'running' },
  ...extra,
});

describe('FleetStore', () => {
  it('counts changes, ignoring writes of an unchanged version', () => {
    const store = new FleetStore();
    const changes: StoreChange[] = [];
    store.subscribe(change => changes.push(change));
    store.upsert(resource('a'));
    store.upsert(resource('a'));
    store.upsert(resource('a', { resourceVersion: '2' }));
    store.delete('cluster1', 'uid-a');
    store.delete('cluster1', 'uid-a');
    expect(changes.map(c => c.op)).toEqual(['upsert', 'upsert', 'delete']);
    expect(store.revision).toBe(3);
  });

  it('replaces a type with a fresh list, deleting what is gone', () => {
    const store = new FleetStore();
    store.upsert(resource('a'));
    store.upsert(resource('b'));
    store.upsert(resource('cm', { kind: 'ConfigMap', resource: 'configmaps' }));
    store.replaceType('cluster1', 'v1', 'pods', [
      resource('b', { resourceVersion: '5' }),
      resource('c'),
    ]);
    expect(store.query().map(r => `${r.name}@${r.resourceVersion}`)).toEqual([
      'cm@1',
      'b@5',
      'c@1',
    ]);
  });

  it('filters by kind, namespace, status, name and labels, and counts by kind', () => {
    const store = new FleetStore();
    store.upsert(resource('web-1', { labels: { app: 'web' } }));
    store.upsert(
      resource('web-2', {
        labels: { app: 'web' },
        status: { phase: 'failed', reason: 'CrashLoopBackOff' },
      }),
    );
    store.upsert(resource('db-0', { namespace: 'data' }));
    store.upsert(
      resource('web', {
        cluster: 'cluster2',
        kind: 'Deployment',
        apiVersion: 'apps/v1',
        resource: 'deployments',
      }),
    );
    expect(store.query({ phases: ['failed'] }).map(r => r.name)).toEqual([
      'web-2',
    ]);
    expect(store.query({ namespaces: ['data'] }).map(r => r.name)).toEqual([
      'db-0',
    ]);
    expect(
      store.query({ name: 'WEB', kinds: ['Pod'] }).map(r => r.name),
    ).toEqual(['web-1', 'web-2']);
    expect(store.query({ labels: { app: 'web' } })).toHaveLength(2);
    expect(store.query({ cluster: 'cluster2' }).map(r => r.kind)).toEqual([
      'Deployment',
    ]);
    expect(store.counts('cluster1')).toEqual({
      total: 3,
      byKind: { Pod: 3 },
      byNamespace: { shop: 2, data: 1 },
    });
    store.delete('cluster1', 'uid-db-0');
    expect(store.counts('cluster1').byNamespace).toEqual({ shop: 2 });
  });

  it("adds a cluster's counts to the status its watches report", () => {
    const store = new FleetStore();
    store.upsert(resource('web-1'));
    store.upsert(resource('web-2', { kind: 'Deployment', namespace: 'data' }));
    const status = {
      name: 'cluster1',
      source: 'kubeconfig' as const,
      role: 'wec' as const,
      context: 'cluster1',
      server: 'https://cluster1',
      access: 'direct' as const,
      state: 'connected' as const,
      since: new Date(0).toISOString(),
    };
    expect(store.clusterStatus(status)).toEqual({
      ...status,
      counts: {
        total: 2,
        byKind: { Pod: 1, Deployment: 1 },
        byNamespace: { shop: 1, data: 1 },
      },
    });
    expect(store.clusterStatus({ ...status, name: 'cluster9' }).counts).toEqual(
      { total: 0, byKind: {}, byNamespace: {} },
    );
  });
});
