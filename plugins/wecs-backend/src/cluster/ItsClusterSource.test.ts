import { Fleet } from '@kubestellar/fleet-sim';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ItsClusterSource } from './ItsClusterSource';

jest.setTimeout(30_000);

describe('ItsClusterSource', () => {
  let fleet: Fleet;
  let dir: string;
  let kubeconfig: string;

  beforeAll(async () => {
    fleet = await Fleet.start({ clusters: 2, dynamics: false });
    dir = mkdtempSync(join(tmpdir(), 'wecs-its-'));
    kubeconfig = join(dir, 'kubeconfig');
    fleet.writeKubeconfig(kubeconfig);
  });

  afterAll(async () => {
    await fleet.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds the joined ManagedClusters and explains the pending one', async () => {
    const { clusters, errors } = await new ItsClusterSource(
      kubeconfig,
      'its1',
    ).discover();
    expect(
      clusters.map(c => [
        c.identity.name,
        c.identity.source,
        c.identity.context,
      ]),
    ).toEqual([
      ['cluster1', 'its', 'cluster1'],
      ['cluster2', 'its', 'cluster2'],
    ]);
    expect(clusters[0].identity.labels).toMatchObject({
      'location-group': 'edge',
      name: 'cluster1',
    });
    expect(clusters[1].client.server).toBe(fleet.member('cluster2').server.url);
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
    ).toEqual(['cluster1->wds1']);
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
    expect(clusters).toEqual([]);
    expect(errors[0]).toMatch(
      /Cannot list ManagedClusters in the ITS \(its1\): .*ECONNREFUSED/,
    );
    expect(
      (await new ItsClusterSource(kubeconfig, 'its9').discover()).errors[0],
    ).toContain('The ITS context its9 is not in kubeconfig');
  });
});
