import { Fleet } from '@kubestellar/fleet-sim';
import {
  ClusterClient,
  ClusterMembership,
} from '@kubestellar/plugin-wecs-node';
import { KubeConfig } from '@kubernetes/client-node';
import {
  firstMembership,
  followSource,
  startFleet,
} from '../__testUtils__/simulatedFleet';
import { ItsClusterSource, ItsClusterSourceOptions } from './ItsClusterSource';

jest.setTimeout(60_000);

const MANAGED_CLUSTERS =
  '/apis/cluster.open-cluster-management.io/v1/managedclusters';

const watched = (m: ClusterMembership) =>
  m.clusters.map(c => `${c.identity.name}->${c.identity.context}`);
const pendingNames = (m: ClusterMembership) =>
  (m.pending ?? []).map(p => p.identity.name);

describe('ItsClusterSource', () => {
  let fleet: Fleet;
  let kubeconfigPath: string;
  let stop: () => Promise<void>;
  let its: ClusterClient;

  beforeAll(async () => {
    ({ fleet, kubeconfigPath, stop } = await startFleet({
      clusters: 2,
      dynamics: false,
    }));
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromFile(kubeconfigPath);
    its = new ClusterClient(kubeConfig, 'its1');
  });

  afterAll(() => stop());

  const source = (options: Partial<ItsClusterSourceOptions> = {}) =>
    new ItsClusterSource({
      kubeconfigPath,
      itsContext: 'its1',
      watcher: {
        pageSize: 100,
        stallTimeoutMs: 5000,
        watchTimeoutSeconds: 300,
        backoff: { initialMs: 100, maxMs: 500 },
      },
      ...options,
    });

  it('watches the joined ManagedClusters and reports the pending one with the reason', async () => {
    const membership = await firstMembership(source());
    // The ITS itself, as a control plane, then its joined clusters.
    expect(
      membership.clusters.map(c => [
        c.identity.name,
        c.identity.role ?? 'wec',
        c.identity.source,
        c.identity.context,
        c.identity.access,
      ]),
    ).toEqual([
      ['its1', 'its', 'its', 'its1', 'direct'],
      ['cluster1', 'wec', 'its', 'cluster1', 'direct'],
      ['cluster2', 'wec', 'its', 'cluster2', 'direct'],
    ]);
    expect(membership.clusters[1].identity.labels).toMatchObject({
      'location-group': 'edge',
      name: 'cluster1',
    });
    expect(membership.clusters[2].client.server).toBe(
      fleet.member('cluster2').server.url,
    );
    expect(membership.pending).toEqual([
      expect.objectContaining({
        identity: expect.objectContaining({ name: 'cluster3' }),
        reason: expect.stringContaining(
          'The hub has not accepted cluster3 (spec.hubAcceptsClient is not true)',
        ),
      }),
    ]);
    expect(membership.errors).toEqual([]);
  });

  it('maps clusters to other contexts, and says when a joined one has none', async () => {
    const membership = await firstMembership(
      source({ clusterContexts: { cluster1: 'wds1', cluster2: 'nowhere' } }),
    );
    expect(watched(membership)).toEqual(['its1->its1', 'cluster1->wds1']);
    expect(
      membership.pending?.find(p => p.identity.name === 'cluster2')?.reason,
    ).toContain('has no context nowhere to reach it');
  });

  it('follows the ITS live: relabelled, no longer accepted, accepted again, deleted', async () => {
    const live = followSource(source());
    try {
      await live.next('cluster2 watched', m =>
        watched(m).includes('cluster2->cluster2'),
      );
      await its.sendJson(
        'PATCH',
        `${MANAGED_CLUSTERS}/cluster2`,
        { metadata: { labels: { tier: 'gold' } } },
        'application/merge-patch+json',
      );
      await live.next(
        'the new label',
        m =>
          m.clusters.find(c => c.identity.name === 'cluster2')?.identity.labels
            ?.tier === 'gold',
      );

      await its.sendJson(
        'PATCH',
        `${MANAGED_CLUSTERS}/cluster2`,
        { spec: { hubAcceptsClient: false } },
        'application/merge-patch+json',
      );
      const detached = await live.next('cluster2 pending', m =>
        pendingNames(m).includes('cluster2'),
      );
      expect(watched(detached)).not.toContain('cluster2->cluster2');

      await its.sendJson(
        'PATCH',
        `${MANAGED_CLUSTERS}/cluster2`,
        { spec: { hubAcceptsClient: true } },
        'application/merge-patch+json',
      );
      await live.next('cluster2 watched again', m =>
        watched(m).includes('cluster2->cluster2'),
      );

      await its.sendJson('DELETE', `${MANAGED_CLUSTERS}/cluster2`, undefined);
      const left = await live.next(
        'cluster2 gone',
        m =>
          !watched(m).includes('cluster2->cluster2') &&
          !pendingNames(m).includes('cluster2'),
      );
      // Gone as soon as its deletion starts: the hub's cleanup (finalizers) may take a while.
      expect(watched(left)).toEqual(['its1->its1', 'cluster1->cluster1']);
    } finally {
      live.stop();
    }
  });

  it('leaves out a malformed ManagedCluster, saying so as a problem of the source, and keeps the rest', async () => {
    const followed = followSource(source());
    await followed.next('the joined clusters', m =>
      watched(m).includes('cluster1->cluster1'),
    );
    const injected = fleet.injectMalformed('its1', {
      apiVersion: 'cluster.open-cluster-management.io/v1',
      kind: 'ManagedCluster',
      metadata: { name: 'odd-one', labels: { region: 7 } as any },
      spec: { hubAcceptsClient: true },
    });
    const reported = await followed.next('the malformed one reported', m =>
      m.errors.some(e => e.includes('odd-one')),
    );
    expect(reported.errors).toContainEqual(
      expect.stringMatching(
        /^A ManagedCluster of .* was left out, odd-one \(uid .*\): metadata\.labels\.region: expected a string, got a number$/,
      ),
    );
    expect(watched(reported)).toContain('cluster1->cluster1');
    expect(watched(reported).join()).not.toContain('odd-one');
    // Gone again, for the tests after this one.
    expect(
      fleet
        .member('its1')
        .cluster.store.remove(
          'cluster.open-cluster-management.io/managedclusters',
          undefined,
          injected.metadata.name!,
        ),
    ).toBeDefined();
    followed.stop();
  });

  it('reports an ITS that is down at start, and finds the clusters once it is up', async () => {
    await fleet.setReachable('its1', false);
    const live = followSource(source());
    try {
      const down = await live.next(
        'the ITS reported down',
        m => m.errors.length > 0,
      );
      // The ITS stays a cluster (shown disconnected); its WECs cannot be known yet.
      expect(watched(down)).toEqual(['its1->its1']);
      expect(down.errors[0]).toMatch(
        /^Cannot follow the ManagedClusters of the ITS \(its1\): .*ECONNREFUSED.*Retrying with back-off/,
      );
      await fleet.setReachable('its1', true);
      const up = await live.next('the WECs found', m =>
        watched(m).includes('cluster1->cluster1'),
      );
      expect(up.errors).toEqual([]);

      // Down again later: the clusters it listed last stay.
      await fleet.setReachable('its1', false);
      const again = await live.next(
        'the ITS down again',
        m => m.errors.length > 0,
      );
      expect(watched(again)).toEqual(watched(up));
    } finally {
      await fleet.setReachable('its1', true);
      live.stop();
    }
  });

  it('says when the ITS context is missing', async () => {
    const membership = await firstMembership(source({ itsContext: 'its9' }));
    expect(membership.clusters).toEqual([]);
    expect(membership.errors[0]).toContain(
      'The ITS context its9 is not in kubeconfig',
    );
  });
});
