import {
  BINDING_POLICY_LABEL,
  FleetFilters,
  FleetViewRow,
  SlimResource,
} from '@kubestellar/plugin-wecs-common';
import { FilteredCountsRegistry } from './FilteredCounts';
import { FleetStore } from './FleetStore';
import { CountedScope, readWindow, TreeSource } from './treeViews';
import { viewScope } from './viewScope';
import { watchStatus } from '../__testUtils__/watchStatus';

const HUB_HASH = 'f'.repeat(64);

/** The ManifestWork KubeStellar's transport writes in the ITS for a policy and a WEC. */
function manifestWork(wec: string, policy: string): SlimResource {
  return {
    cluster: 'its1',
    apiVersion: 'work.open-cluster-management.io/v1',
    kind: 'ManifestWork',
    resource: 'manifestworks',
    namespace: wec,
    name: `${policy}-wds1-0`,
    uid: `mw-${wec}-${policy}`,
    resourceVersion: '1',
    status: { phase: 'running' },
    labels: { [BINDING_POLICY_LABEL]: policy },
  };
}

/** A Deployment on a WEC; `policies` name the ManifestWorks whose work agent applied it. */
function deployment(
  cluster: string,
  name: string,
  policies: string[] = [],
): SlimResource {
  return {
    cluster,
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    resource: 'deployments',
    namespace: 'shop',
    name,
    uid: `${cluster}-${name}`,
    resourceVersion: '1',
    status: { phase: 'running' },
    owners: policies.map(policy => ({
      apiVersion: 'work.open-cluster-management.io/v1',
      kind: 'AppliedManifestWork',
      name: `${HUB_HASH}-${policy}-wds1-0`,
      uid: `amw-${cluster}-${policy}`,
    })),
  };
}

function fleet() {
  const store = new FleetStore();
  const clusters = [
    watchStatus('cluster1'),
    watchStatus('cluster2'),
    watchStatus('its1', 'its'),
  ];
  const source: TreeSource = { store, clusters: () => clusters };
  store.upsert(deployment('cluster1', 'web', ['shop']));
  store.upsert(deployment('cluster1', 'api', ['shop', 'api-only']));
  store.upsert(deployment('cluster1', 'debug'));
  store.upsert(deployment('cluster2', 'web', ['shop']));
  const registry = new FilteredCountsRegistry(store);
  const scoped = (filters: FleetFilters): CountedScope => {
    const scope = viewScope(filters, store.deliveries);
    return scope.matches
      ? {
          ...scope,
          filtered: registry.acquire(
            scope.objectFilterKey,
            scope.matches,
            scope.readsDeliveries,
          ).counts,
        }
      : scope;
  };
  return { store, source, scoped };
}

const instances = (rows: FleetViewRow[]) =>
  rows.map(row =>
    row.type === 'instance'
      ? `${row.resource.name}${row.policies ? ` via [${row.policies}]` : ''}`
      : row.type,
  );

const clusterTotals = (rows: FleetViewRow[]) =>
  rows.map(row => `${row.key} ${row.counts.total}`);

describe('DeliveryIndex', () => {
  it("names the policies that delivered an object, from the ITS's ManifestWorks", () => {
    const { store, source, scoped } = fleet();
    const read = () =>
      instances(
        readWindow(
          source,
          {
            level: 'instances',
            cluster: 'cluster1',
            namespace: 'shop',
            kind: 'Deployment',
          },
          scoped({}),
          0,
          10,
        ).rows,
      );
    // Delivered, but no ITS has said through which policy yet.
    expect(read()).toEqual(['api via []', 'debug', 'web via []']);
    store.upsert(manifestWork('cluster1', 'shop'));
    store.upsert(manifestWork('cluster1', 'api-only'));
    // A ManifestWork for another WEC says nothing about cluster1's copies.
    store.upsert(manifestWork('cluster2', 'other'));
    expect(read()).toEqual([
      'api via [shop,api-only]',
      'debug',
      'web via [shop]',
    ]);
    store.delete('its1', 'mw-cluster1-api-only');
    expect(read()).toEqual(['api via [shop]', 'debug', 'web via [shop]']);
  });

  it('filters the delivered objects, and those of one policy, and counts them', () => {
    const { store, source, scoped } = fleet();
    store.upsert(manifestWork('cluster1', 'shop'));
    store.upsert(manifestWork('cluster1', 'api-only'));
    const clusters = (filters: FleetFilters) =>
      clusterTotals(
        readWindow(source, { level: 'clusters' }, scoped(filters), 0, 10).rows,
      );
    const objects = (filters: FleetFilters) =>
      instances(
        readWindow(source, { level: 'objects' }, scoped(filters), 0, 10).rows,
      );
    expect(objects({ delivered: true })).toEqual([
      'api via [shop,api-only]',
      'web via [shop]',
      'web via []',
    ]);
    expect(clusters({ delivered: true })).toEqual(['cluster1 2', 'cluster2 1']);
    expect(objects({ policies: ['api-only'] })).toEqual([
      'api via [shop,api-only]',
    ]);
    expect(clusters({ policies: ['api-only'] })).toEqual([
      'cluster1 1',
      'cluster2 0',
    ]);
  });

  it("counts a policy's objects again when the ITS's ManifestWorks change", () => {
    const { store, source, scoped } = fleet();
    const scope = scoped({ policies: ['shop'] });
    const clusters = () =>
      clusterTotals(
        readWindow(source, { level: 'clusters' }, scope, 0, 10).rows,
      );
    // The WECs' lists came in before the ITS's: nothing is known to be the policy's yet.
    expect(clusters()).toEqual(['cluster1 0', 'cluster2 0']);
    store.upsert(manifestWork('cluster2', 'shop'));
    expect(clusters()).toEqual(['cluster1 0', 'cluster2 1']);
    store.upsert(manifestWork('cluster1', 'shop'));
    expect(clusters()).toEqual(['cluster1 2', 'cluster2 1']);
    // Counted as it changes, like any filter.
    store.upsert(deployment('cluster2', 'cart', ['shop']));
    expect(clusters()).toEqual(['cluster1 2', 'cluster2 2']);
    store.delete('its1', 'mw-cluster1-shop');
    expect(clusters()).toEqual(['cluster1 0', 'cluster2 2']);
  });

  it('leaves a filter by policy to a scope that has the index', () => {
    expect(() => viewScope({ policies: ['shop'] })).toThrow(/delivery index/);
  });
});
