import { mockServices } from '@backstage/backend-test-utils';
import { FleetServerMessage } from '@kubestellar/plugin-wecs-common';
import { ItsClusterSource } from '../cluster/ItsClusterSource';
import { KubeconfigClusterSource } from '../cluster/KubeconfigClusterSource';
import { FleetStore } from '../store/FleetStore';
import {
  startFleet,
  testWatchOptions,
  waitFor,
} from '../__testUtils__/simulatedFleet';
import { WatchPool } from '../watch/WatchPool';
import { FleetHub } from './FleetHub';

jest.setTimeout(60_000);

/** The ITS and the WDS are watched beside the WECs, and subscribers ask for them by role. */
describe('cluster roles', () => {
  let stop: () => Promise<void>;
  let pool: WatchPool;
  let hub: FleetHub;

  beforeAll(async () => {
    const fleet = await startFleet({ clusters: 2, dynamics: false });
    stop = fleet.stop;
    pool = new WatchPool(
      [
        new ItsClusterSource(fleet.kubeconfigPath, 'its1'),
        new KubeconfigClusterSource(fleet.kubeconfigPath, ['wds1'], 'wds'),
      ],
      new FleetStore(),
      testWatchOptions(),
      mockServices.logger.mock(),
    );
    await pool.start();
    await waitFor(
      'every cluster connected',
      () => pool.clusters().every(c => c.state === 'connected'),
      30_000,
    );
    hub = new FleetHub(pool.store, pool);
  });

  afterAll(async () => {
    pool?.stop();
    await stop?.();
  });

  const snapshotFor = (roles?: Array<'wec' | 'its' | 'wds'>) => {
    const sent: FleetServerMessage[] = [];
    const unsubscribe = hub.subscribe(
      { bufferedAmount: 0, send: message => sent.push(message) },
      roles ? { roles } : {},
    );
    unsubscribe();
    const snapshot = sent.find(m => m.type === 'snapshot');
    if (snapshot?.type !== 'snapshot') throw new Error('no snapshot');
    return snapshot;
  };

  it('sends the workload execution clusters only, unless asked for more', () => {
    const snapshot = snapshotFor();
    expect(snapshot.clusters.map(c => `${c.name}:${c.role}`)).toEqual([
      'cluster1:wec',
      'cluster2:wec',
    ]);
    expect(new Set(snapshot.resources.map(r => r.cluster))).toEqual(
      new Set(['cluster1', 'cluster2']),
    );
  });

  it("sends the ITS's ManagedClusters to those who ask for the ITS", () => {
    const snapshot = snapshotFor(['its']);
    expect(snapshot.clusters.map(c => `${c.name}:${c.role}`)).toEqual([
      'its1:its',
    ]);
    expect(
      snapshot.resources
        .filter(r => r.kind === 'ManagedCluster')
        .map(r => r.name)
        .sort(),
    ).toEqual(['cluster1', 'cluster2', 'cluster3']);
  });

  it("sends the WDS's binding policies to those who ask for the WDS", () => {
    const snapshot = snapshotFor(['wds']);
    expect(snapshot.clusters.map(c => c.name)).toEqual(['wds1']);
    expect(
      snapshot.resources.filter(r => r.kind === 'BindingPolicy').length,
    ).toBeGreaterThan(0);
  });
});
