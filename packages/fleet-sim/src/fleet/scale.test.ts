import { Fleet } from './Fleet';

jest.setTimeout(60_000);

describe('scale mode', () => {
  it('seeds every WEC with the objects asked for and changes them at a steady rate', async () => {
    const fleet = await Fleet.start({
      clusters: 2,
      scale: { objectsPerCluster: 2000, changesPerSecond: 400, namespaces: 10 },
    });
    try {
      const cluster = fleet.member('cluster1').cluster;
      const kinds = ['/configmaps', '/pods', 'apps/deployments', '/services'];
      const total = kinds.reduce(
        (sum, key) => sum + cluster.store.count(key),
        0,
      );
      expect(total).toBe(2000);
      const start = [fleet.member('cluster1'), fleet.member('cluster2')].map(
        m => m.cluster.store.currentRevision,
      );
      await new Promise(resolve => setTimeout(resolve, 1000));
      const changes = [fleet.member('cluster1'), fleet.member('cluster2')]
        .map((m, i) => m.cluster.store.currentRevision - start[i])
        .reduce((a, b) => a + b, 0);
      // Timers are not exact (and CI machines are busy): only check that changes flow.
      expect(changes).toBeGreaterThan(50);
      expect(fleet.member('its1').cluster.store.count('/configmaps')).toBe(0);
    } finally {
      await fleet.stop();
    }
  });
});
