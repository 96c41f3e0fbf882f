import {
  FleetServerMessage,
  FleetViewRow,
  ManagedWorkload,
} from '@kubestellar/plugin-wecs-common';
import { ClusterClient } from '@kubestellar/plugin-wecs-node';
import { KubeConfig } from '@kubernetes/client-node';
import {
  startHubFleetWithPool,
  waitFor,
} from '../__testUtils__/simulatedFleet';
import { WatchPool } from '../watch/WatchPool';
import { ViewFanOut } from './ViewFanOut';

jest.setTimeout(60_000);

/**
 * The workloads level against the simulated KubeStellar hub: the WDS's Bindings, its staged
 * objects and their copies in the WECs, which KubeStellar's transport (the simulator's) keeps
 * in step with the WDS.
 */
describe('the workloads view of a WDS', () => {
  let stop: () => Promise<void>;
  let pool: WatchPool;
  let fanOut: ViewFanOut;
  let wds: ClusterClient;
  let kubeConfig: KubeConfig;

  beforeAll(async () => {
    let store;
    let kubeconfigPath;
    ({ pool, store, stop, kubeconfigPath } = await startHubFleetWithPool());
    kubeConfig = new KubeConfig();
    kubeConfig.loadFromFile(kubeconfigPath);
    wds = new ClusterClient(kubeConfig, 'wds1');
    fanOut = new ViewFanOut(store, pool, 'test-epoch', {
      batchMs: 20,
      countsIntervalMs: 100,
      slowClientBytes: 4 * 1024 * 1024,
      heartbeatMs: 15_000,
    });
  });

  afterAll(async () => {
    fanOut?.close();
    await stop?.();
  });

  /** A client of the workloads view: the rows it holds, as windows and row updates leave them. */
  const subscribe = () => {
    const rows = new Map<string, FleetViewRow>();
    let order: string[] = [];
    let total = -1;
    const remove = fanOut.update(
      {
        bufferedAmount: 0,
        send: (message: FleetServerMessage) => {
          if (message.type === 'window') {
            total = message.total;
            for (const row of message.rows) rows.set(row.key, row);
            order = message.keys ?? message.rows.map(row => row.key);
          } else if (message.type === 'rows') {
            for (const row of message.rows) rows.set(row.key, row);
          }
        },
      },
      {
        type: 'views',
        filters: { roles: ['wds'] },
        views: [
          {
            id: 'workloads',
            query: { level: 'workloads', cluster: 'wds1' },
            limit: 50,
          },
        ],
      },
    );
    const workloads = () =>
      order.flatMap(key => {
        const row = rows.get(key);
        return row?.type === 'workload' ? [row.workload] : [];
      });
    return { workloads, total: () => total, remove };
  };

  const delivered = (workload: ManagedWorkload) =>
    workload.placements.filter(p => p.delivered).length;

  it("lists the Bindings' workloads with their copies, and follows changes to the WDS copy and to a delivered one", async () => {
    const client = subscribe();
    await waitFor('every copy delivered', () => {
      const all = client.workloads();
      return (
        all.length > 0 && all.every(w => delivered(w) === w.placements.length)
      );
    });
    expect(client.total()).toBe(client.workloads().length);
    const deployment = client
      .workloads()
      .find(w => w.kind === 'Deployment' && w.staged)!;
    expect(deployment).toBeDefined();
    for (const placement of deployment.placements) {
      expect(placement.delivered).toMatchObject({
        cluster: placement.cluster,
        kind: 'Deployment',
        namespace: deployment.object.namespace,
        name: deployment.object.name,
      });
    }
    const path = `/apis/apps/v1/namespaces/${deployment.object.namespace}/deployments/${deployment.object.name}`;
    const annotate = (cluster: ClusterClient, value: string) =>
      cluster.sendJson(
        'PATCH',
        path,
        { metadata: { annotations: { 'example.com/note': value } } },
        'application/merge-patch+json',
      );
    const rowNow = () => client.workloads().find(w => w.key === deployment.key);

    // The WDS copy changes: the row shows its new version.
    await annotate(wds, 'staged');
    await waitFor(
      'the new WDS copy in the row',
      () =>
        rowNow()?.staged?.resourceVersion !==
        deployment.staged!.resourceVersion,
    );

    // A delivered copy changes in its cluster (drift): the row shows its new version too.
    const placement = deployment.placements[0];
    await annotate(new ClusterClient(kubeConfig, placement.cluster), 'drifted');
    await waitFor('the changed copy in the row', () => {
      const copy = rowNow()?.placements.find(
        p => p.cluster === placement.cluster,
      )?.delivered;
      return (
        copy !== undefined &&
        copy.resourceVersion !== placement.delivered!.resourceVersion
      );
    });
    // A placement carries the copy without its labels.
    expect(rowNow()!.placements[0].delivered!.labels).toBeUndefined();
    client.remove();
  });
});
