import { Fleet } from '@kubestellar/fleet-sim';
import { startFleet } from '../__testUtils__/simulatedFleet';
import { ItsClusterSource } from './ItsClusterSource';

jest.setTimeout(30_000);

describe('ItsClusterSource', () => {
  let fleet: Fleet;
  let kubeconfig: string;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({
      fleet,
      kubeconfigPath: kubeconfig,
      stop,
    } = await startFleet({ clusters: 2, dynamics: false }));
  });

  afterAll(() => stop());

  it('finds the joined ManagedClusters and explains the pending one', async () => {
    const { clusters, errors } = await new ItsClusterSource(
      kubeconfig,
      'its1',
    ).discover();
    expect(
      clusters.map(c => [
        c.identity.name,
        c.identity.role ?? 'wec',
        c.identity.source,
        c.identity.context,
      ]),
    ).toEqual([
      // The ITS itself, as a control plane, then its joined clusters.
      ['its1', 'its', 'its', 'its1'],
      ['cluster1', 'wec', 'its', 'cluster1'],
      ['cluster2', 'wec', 'its', 'cluster2'],
    ]);
    expect(clusters[1].identity.labels).toMatchObject({
      'location-group': 'edge',
      name: 'cluster1',
    });
    expect(clusters[2].client.server).toBe(fleet.member('cluster2').server.url);
    expect(errors).toEqual([
      'ManagedCluster cluster3 is pending (Not accepted); it is shown once the hub accepts it and it joins',
    ]);
  });

  it('maps clusters to other contexts and reports missing ones', async () => {
    const { clusters, errors } = await new ItsClusterSource(
      kubeconfig,
      'its1',
      { cluster1: 'wds1', cluster2: 'nowhere' },
    ).discover();
    expect(
      clusters.map(c => `${c.identity.name}->${c.identity.context}`),
    ).toEqual(['its1->its1', 'cluster1->wds1']);
    expect(errors).toContain(
      'ManagedCluster cluster2 has no kubeconfig context nowhere; name one under wecs.its.clusterContexts',
    );
  });

  it('reports an ITS it cannot reach', async () => {
    await fleet.setReachable('its1', false);
    const { clusters, errors } = await new ItsClusterSource(
      kubeconfig,
      'its1',
    ).discover();
    await fleet.setReachable('its1', true);
    // The ITS stays a cluster, shown disconnected; its WECs cannot be known.
    expect(clusters.map(c => c.identity.name)).toEqual(['its1']);
    expect(errors[0]).toMatch(
      /Cannot list ManagedClusters in the ITS \(its1\): .*ECONNREFUSED/,
    );
    expect(
      (await new ItsClusterSource(kubeconfig, 'its9').discover()).errors[0],
    ).toContain('The ITS context its9 is not in kubeconfig');
  });
});
