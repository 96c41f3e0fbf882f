import { InputError } from '@backstage/errors';
import {
  FleetServerMessage,
  MAX_SNAPSHOT_OBJECTS,
  SlimResource,
} from '@kubestellar/plugin-wecs-common';
import { FleetStore } from '../store/FleetStore';
import { startHubFleetWithPool } from '../__testUtils__/simulatedFleet';
import { WatchPool } from '../watch/WatchPool';
import { WatchListener } from '../watch/events';
import { DEFAULT_FAN_OUT_OPTIONS, FleetFanOut } from './FleetFanOut';

jest.setTimeout(60_000);

/** A watch pool with no clusters and no events: the store alone feeds the fan-out. */
const quietPool = () => ({
  cluster: () => undefined,
  clusters: () => [],
  errors: [],
  subscribe: () => () => {},
});

/** The ITS and the WDS are watched beside the WECs, and subscribers ask for them by role. */
describe('cluster roles', () => {
  let stop: () => Promise<void>;
  let pool: WatchPool;
  let fanOut: FleetFanOut;

  beforeAll(async () => {
    let store: FleetStore;
    ({ pool, store, stop } = await startHubFleetWithPool());
    fanOut = new FleetFanOut(store, pool);
  });

  afterAll(async () => {
    fanOut?.close();
    await stop?.();
  });

  const snapshotFor = (roles?: Array<'wec' | 'its' | 'wds'>) => {
    const sent: FleetServerMessage[] = [];
    const unsubscribe = fanOut.subscribe(
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
    // The pending cluster is one of them too, with its state and no objects.
    expect(
      snapshot.clusters.map(c => `${c.name}:${c.role}:${c.state}`),
    ).toEqual([
      'cluster1:wec:connected',
      'cluster2:wec:connected',
      'cluster3:wec:pending',
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

describe('FleetFanOut with a slow subscriber', () => {
  it('coalesces changes while the client is slow, then resyncs with a snapshot past the bound', async () => {
    const store = new FleetStore();
    const pool = quietPool();
    const fanOut = new FleetFanOut(store, pool, {
      ...DEFAULT_FAN_OUT_OPTIONS,
      batchMs: 5,
      slowClientBytes: 1000,
      maxPendingChanges: 50,
    });
    const sent: FleetServerMessage[] = [];
    const channel = {
      bufferedAmount: 0,
      send: (m: FleetServerMessage) => sent.push(m),
    };
    fanOut.subscribe(channel);
    const pod = (i: number, rv: string): SlimResource => ({
      cluster: 'c',
      apiVersion: 'v1',
      kind: 'Pod',
      resource: 'pods',
      namespace: 'ns',
      name: `p${i}`,
      uid: `u${i}`,
      resourceVersion: rv,
      status: { phase: 'running' },
    });

    channel.bufferedAmount = 10_000;
    for (let rv = 1; rv <= 20; rv++) store.upsert(pod(1, String(rv)));
    await new Promise(resolve => setTimeout(resolve, 30));
    expect(sent.map(m => m.type)).toEqual(['snapshot']);
    channel.bufferedAmount = 0;
    await new Promise(resolve => setTimeout(resolve, 30));
    const coalesced = sent[1];
    expect(coalesced.type === 'deltas' && coalesced.changes).toEqual([
      { op: 'upsert', resource: pod(1, '20') },
    ]);

    channel.bufferedAmount = 10_000;
    for (let i = 0; i < 100; i++) store.upsert(pod(100 + i, '1'));
    channel.bufferedAmount = 0;
    await new Promise(resolve => setTimeout(resolve, 30));
    const last = sent[sent.length - 1];
    expect(last.type).toBe('snapshot');
    expect(last.type === 'snapshot' && last.resources).toHaveLength(101);
    fanOut.close();
  });
});

describe('FleetFanOut with a subscription too large for one snapshot', () => {
  it('refuses it with a message, and serves the same selection in windows', () => {
    const store = new FleetStore();
    const pool = quietPool();
    const fanOut = new FleetFanOut(store, pool);
    for (let i = 0; i <= MAX_SNAPSHOT_OBJECTS; i++) {
      store.upsert({
        cluster: 'c',
        apiVersion: 'v1',
        kind: 'ConfigMap',
        resource: 'configmaps',
        namespace: `ns-${i % 10}`,
        name: `config-${i}`,
        uid: `u${i}`,
        resourceVersion: '1',
        status: { phase: 'running' },
      });
    }
    const sent: FleetServerMessage[] = [];
    fanOut.subscribe({ bufferedAmount: 0, send: m => sent.push(m) });
    expect(sent).toEqual([
      {
        type: 'error',
        message: `This subscription selects ${
          MAX_SNAPSHOT_OBJECTS + 1
        } objects, more than the ${MAX_SNAPSHOT_OBJECTS} one snapshot carries: narrow it by cluster, kind or namespace, or show it in windows with a views message`,
      },
    ]);
    // Refused, not kept: a change sends it nothing.
    expect(fanOut.statistics()).toEqual([]);
    expect(() => fanOut.snapshot()).toThrow(InputError);
    // Narrower, it is served.
    fanOut.subscribe(
      { bufferedAmount: 0, send: m => sent.push(m) },
      { namespaces: ['ns-1'] },
    );
    const snapshot = sent[1];
    expect(snapshot.type === 'snapshot' && snapshot.resources).toHaveLength(
      MAX_SNAPSHOT_OBJECTS / 10,
    );
    fanOut.close();
  });
});

describe('FleetFanOut as clusters leave', () => {
  it('sends the departed cluster after its objects, the sources’ problems when they change, and resyncs a client that missed a departure', async () => {
    const store = new FleetStore();
    let listener: WatchListener = () => {};
    let errors: string[] = [];
    const pool = {
      cluster: () => undefined,
      clusters: () => [],
      get errors() {
        return errors;
      },
      subscribe: (added: WatchListener) => {
        listener = added;
        return () => {};
      },
    };
    const fanOut = new FleetFanOut(store, pool, {
      ...DEFAULT_FAN_OUT_OPTIONS,
      batchMs: 5,
    });
    const sent: FleetServerMessage[] = [];
    const channel = {
      bufferedAmount: 0,
      send: (m: FleetServerMessage) => sent.push(m),
    };
    store.upsert({
      cluster: 'c2',
      apiVersion: 'v1',
      kind: 'Pod',
      resource: 'pods',
      namespace: 'ns',
      name: 'p',
      uid: 'u',
      resourceVersion: '1',
      status: { phase: 'running' },
    });
    fanOut.subscribe(channel);
    const before = { epoch: fanOut.epoch, seq: store.revision };

    store.dropCluster('c2');
    listener({ type: 'clusterRemoved', cluster: 'c2' });
    await new Promise(resolve => setTimeout(resolve, 30));
    const departed = sent[sent.length - 1];
    expect(departed).toMatchObject({
      type: 'deltas',
      changes: [{ op: 'delete', cluster: 'c2', uid: 'u' }],
      removedClusters: ['c2'],
    });
    expect(departed).not.toHaveProperty('errors');

    errors = ['Cannot follow the ManagedClusters of the ITS (its1): down'];
    listener({ type: 'sourceErrors', errors });
    await new Promise(resolve => setTimeout(resolve, 30));
    expect(sent[sent.length - 1]).toMatchObject({ type: 'deltas', errors });

    // A client that last saw c2 cannot be told by a resume what left: it gets a snapshot.
    const resumed: FleetServerMessage[] = [];
    fanOut.subscribe(
      { bufferedAmount: 0, send: m => resumed.push(m) },
      {},
      before,
    );
    expect(resumed.map(m => m.type)).toEqual(['snapshot']);
    fanOut.close();
  });
});
