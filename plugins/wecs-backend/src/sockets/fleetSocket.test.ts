import {
  FleetServerMessage,
  FleetWindowMessage,
  SlimResource,
  WECS_SOCKET_PROTOCOL,
} from '@kubestellar/plugin-wecs-common';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { WebSocket } from 'ws';
import { FleetStore } from '../store/FleetStore';
import { waitFor } from '../__testUtils__/simulatedFleet';
import {
  rolloutRestart,
  startTestFleetWithPool,
  TestFleet,
  testFleetKinds,
} from '../__testUtils__/testFleets';
import { WatchPool } from '../watch/WatchPool';
import { DEFAULT_FAN_OUT_OPTIONS, FleetFanOut } from './FleetFanOut';
import { serveFleetSocket } from './fleetSocket';
import { createSocketServer, upgrade } from './socketServer';

jest.setTimeout(180_000);

/** A test client that keeps the state a browser would build from the messages. */
class FleetClient {
  readonly messages: FleetServerMessage[] = [];
  readonly resources = new Map<string, SlimResource>();
  epoch = '';
  seq = 0;
  private constructor(readonly ws: WebSocket) {
    ws.on('message', data => this.apply(JSON.parse(data.toString())));
  }

  static async connect(url: string) {
    const ws = new WebSocket(url, [
      WECS_SOCKET_PROTOCOL,
      'backstage-token-would-go-here',
    ]);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    if (ws.protocol !== WECS_SOCKET_PROTOCOL) {
      throw new Error(`the server chose protocol "${ws.protocol}"`);
    }
    return new FleetClient(ws);
  }

  send(message: unknown) {
    this.ws.send(JSON.stringify(message));
  }

  private apply(message: FleetServerMessage) {
    this.messages.push(message);
    if (message.type === 'snapshot') {
      this.resources.clear();
      for (const r of message.resources)
        this.resources.set(`${r.cluster}/${r.uid}`, r);
    }
    if (message.type === 'deltas') {
      for (const change of message.changes) {
        if (change.op === 'upsert')
          this.resources.set(
            `${change.resource.cluster}/${change.resource.uid}`,
            change.resource,
          );
        else this.resources.delete(`${change.cluster}/${change.uid}`);
      }
    }
    if (
      message.type === 'snapshot' ||
      message.type === 'deltas' ||
      message.type === 'heartbeat'
    ) {
      this.epoch = message.epoch;
      this.seq = message.seq;
    }
  }

  view() {
    return [...this.resources.values()]
      .map(r => `${r.kind} ${r.namespace}/${r.name}@${r.resourceVersion}`)
      .sort();
  }
}

/** The fleet socket over a watch pool on the simulator and on real API servers (when built). */
describe.each(testFleetKinds())('fleet socket on the %s', kind => {
  let fleet: TestFleet;
  let pool: WatchPool;
  let store: FleetStore;
  let fanOut: FleetFanOut;
  let http: Server;
  let url: string;
  let stop: () => Promise<void>;
  // Real clusters run kwok's pod lifecycle (seconds per stage): allow for it.
  const settleMs = kind === 'kwok' ? 90_000 : 20_000;

  beforeAll(async () => {
    let logger;
    ({ fleet, pool, store, logger, stop } = await startTestFleetWithPool(kind));
    fanOut = new FleetFanOut(store, pool, {
      ...DEFAULT_FAN_OUT_OPTIONS,
      heartbeatMs: 1000,
    });
    // Liveness pings every second (the default is 30 s), so that the tests see connections
    // survive several of them. Client and server share this process: a shorter interval lets
    // a busy event loop (a KWOK relist beside it) make a live client miss its pong.
    const sockets = createSocketServer(1000);
    http = createServer();
    http.on('upgrade', async (request, socket, head) =>
      serveFleetSocket(
        await upgrade(sockets, request, socket, head),
        fanOut,
        logger,
      ),
    );
    await new Promise<void>(resolve => http.listen(0, '127.0.0.1', resolve));
    url = `ws://127.0.0.1:${
      (http.address() as AddressInfo).port
    }/api/wecs/fleet`;
    await waitFor(
      'the clusters to connect',
      () =>
        pool.clusters().every(c => c.state === 'connected') && store.size > 50,
      settleMs,
    );
  });

  afterAll(async () => {
    fanOut?.close();
    http?.close();
    await stop?.();
  });

  const rollout = () => rolloutRestart(fleet, 'cluster1', 'shop', 'storefront');

  const expected = (filter: (r: SlimResource) => boolean) =>
    store
      .query()
      .filter(filter)
      .map(r => `${r.kind} ${r.namespace}/${r.name}@${r.resourceVersion}`)
      .sort();

  /** Waits until the client holds what the store holds of `filter`; fails the test if never. */
  const levelWithStore = (
    client: FleetClient,
    filter: (r: SlimResource) => boolean,
    what = 'the snapshot and its deltas to match the store',
  ) =>
    waitFor(
      what,
      () => JSON.stringify(client.view()) === JSON.stringify(expected(filter)),
      settleMs,
    );

  it('sends a filtered snapshot, then deltas that keep the client equal to the store', async () => {
    const client = await FleetClient.connect(url);
    client.send({
      type: 'subscribe',
      filters: { clusters: ['cluster1'], kinds: ['Pod', 'Deployment'] },
    });
    await waitFor('a snapshot', () =>
      client.messages.some(m => m.type === 'snapshot'),
    );
    const snapshot = client.messages.find(m => m.type === 'snapshot')!;
    expect(
      snapshot.type === 'snapshot' && snapshot.clusters.map(c => c.name),
    ).toEqual(['cluster1']);
    const inFilter = (r: SlimResource) =>
      r.cluster === 'cluster1' && ['Pod', 'Deployment'].includes(r.kind);
    // The fleet keeps changing: the deltas that follow the snapshot bring the client level.
    await levelWithStore(client, inFilter);

    await rollout();
    await waitFor('deltas', () =>
      client.messages.some(m => m.type === 'deltas' && m.changes.length > 0),
    );
    await levelWithStore(client, inFilter, 'the client to equal the store');
    expect(client.view().some(line => line.startsWith('ConfigMap'))).toBe(
      false,
    );

    // New pods change cluster1's counts: its status comes along, with the store's counts.
    await waitFor('a cluster status with counts', () =>
      client.messages.some(
        m =>
          m.type === 'deltas' &&
          m.clusters.some(c => c.name === 'cluster1' && c.counts.total > 0),
      ),
    );
    const statuses = client.messages.flatMap(m =>
      m.type === 'deltas' ? m.clusters : [],
    );
    expect(
      statuses.some(c => c.name === 'cluster1' && c.counts.total > 0),
    ).toBe(true);
    expect(statuses.every(c => c.name === 'cluster1')).toBe(true);

    // Faults under the subscription: a cut watch, then 410 Gone; the client still ends equal.
    fleet.cutWatches('cluster1');
    await rollout();
    await levelWithStore(client, inFilter, 'equality after a cut watch');
    await fleet.expireHistory('cluster1');
    fleet.cutWatches('cluster1');
    await rollout();
    await levelWithStore(client, inFilter, 'equality after 410 Gone');
    client.ws.close();
  });

  it("keeps the objects of no namespace when the namespaces filter names ''", async () => {
    const client = await FleetClient.connect(url);
    client.send({
      type: 'subscribe',
      filters: { clusters: ['cluster1'], namespaces: ['', 'shop'] },
    });
    const inFilter = (r: SlimResource) =>
      r.cluster === 'cluster1' && (!r.namespace || r.namespace === 'shop');
    await levelWithStore(client, inFilter);
    const kept = client.view();
    expect(kept.some(line => line.startsWith('Namespace '))).toBe(true);
    expect(kept.some(line => line.includes(' shop/'))).toBe(true);
    client.ws.close();
  });

  it('resumes after a reconnect with the changes it missed, without a snapshot', async () => {
    const first = await FleetClient.connect(url);
    first.send({ type: 'subscribe', filters: { clusters: ['cluster2'] } });
    await waitFor('a snapshot', () => first.messages.length > 0);
    first.ws.close();
    const { epoch, seq } = first;
    const missedBefore = store.revision;
    await fleet
      .client('cluster2')
      .sendJson('POST', '/api/v1/namespaces/shop/configmaps', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'made-while-away', namespace: 'shop' },
        data: { a: '1' },
      });
    await waitFor(
      'the store to see the change',
      () => store.revision > missedBefore,
    );

    const second = await FleetClient.connect(url);
    // The client rebuilds its state from what it had, then applies what it missed.
    for (const [key, value] of first.resources)
      second.resources.set(key, value);
    second.send({
      type: 'subscribe',
      filters: { clusters: ['cluster2'] },
      resume: { epoch, seq },
    });
    await waitFor('the missed change', () =>
      second.view().some(line => line.includes('shop/made-while-away')),
    );
    expect(second.messages.some(m => m.type === 'snapshot')).toBe(false);
    await levelWithStore(second, r => r.cluster === 'cluster2', 'equality');
    second.ws.close();
  });

  it('answers a resume from another backend instance with a snapshot', async () => {
    const client = await FleetClient.connect(url);
    client.send({
      type: 'subscribe',
      resume: { epoch: 'another-backend', seq: 1 },
    });
    await expect(
      waitFor('a snapshot', () =>
        client.messages.some(m => m.type === 'snapshot'),
      ),
    ).resolves.toBe(true);
    client.ws.close();
  });

  it('sends heartbeats on a quiet subscription', async () => {
    const client = await FleetClient.connect(url);
    client.send({
      type: 'subscribe',
      filters: { namespaces: ['nothing-here'] },
    });
    await expect(
      waitFor(
        'a heartbeat',
        () => client.messages.some(m => m.type === 'heartbeat'),
        5000,
      ),
    ).resolves.toBe(true);
    client.ws.close();
  });

  it('keeps a live client connected through the liveness pings', async () => {
    const client = await FleetClient.connect(url);
    client.send({
      type: 'subscribe',
      filters: { namespaces: ['nothing-here'] },
    });
    await new Promise(resolve => setTimeout(resolve, 3500));
    expect(client.ws.readyState).toBe(WebSocket.OPEN);
    client.ws.close();
  });

  it('explains bad messages and keeps the socket open', async () => {
    const client = await FleetClient.connect(url);
    client.send({ type: 'subscribe', filters: { phases: ['sleeping'] } });
    client.send({ type: 'subscribe', filters: { policies: ['Not A Name'] } });
    client.send({ type: 'subscribe', filters: { delivered: 'yes' } });
    client.ws.send('not json');
    await waitFor(
      'four errors',
      () => client.messages.filter(m => m.type === 'error').length === 4,
    );
    const errors = client.messages
      .filter(m => m.type === 'error')
      .map(m => (m as any).message);
    expect(errors).toEqual([
      'Invalid status "sleeping"; expected one of running, pending, failed, succeeded, unknown',
      'Invalid binding policy "Not A Name"',
      'The delivered filter must be true or false',
      'Messages must be JSON',
    ]);
    expect(client.ws.readyState).toBe(WebSocket.OPEN);
    client.ws.close();
  });

  it('answers a message whose handling fails inside the backend with an error, and keeps answering', async () => {
    const client = await FleetClient.connect(url);
    const search = jest
      .spyOn(fanOut.views, 'search')
      .mockImplementationOnce(() => {
        throw new TypeError('a.localeCompare is not a function');
      });
    const ask = (id: string) =>
      client.send({ type: 'search', id, name: 'storefront', filters: {} });
    ask('fails');
    await waitFor('an error', () =>
      client.messages.some(m => m.type === 'error'),
    );
    const error = client.messages.find(m => m.type === 'error') as {
      message: string;
    };
    expect(error.message).toMatch(
      /^The backend could not answer this message \(reference [0-9a-f-]{36}\); the socket stays open/,
    );
    expect(error.message).not.toContain('localeCompare');
    ask('answered');
    await waitFor('the next answer', () =>
      client.messages.some(m => m.type === 'found' && m.search === 'answered'),
    );
    expect(client.ws.readyState).toBe(WebSocket.OPEN);
    search.mockRestore();
    client.ws.close();
  });

  it('answers searches under their ids, as the search route would, and refuses bad ones alone', async () => {
    const client = await FleetClient.connect(url);
    const storefront = store
      .query({
        cluster: 'cluster1',
        kinds: ['Deployment'],
        namespaces: ['shop'],
      })
      .find(r => r.name === 'storefront')!;
    client.send({
      type: 'search',
      id: 'by-name',
      name: 'STOREfront',
      filters: { clusters: ['cluster1'], kinds: ['Deployment'] },
    });
    client.send({
      type: 'search',
      id: 'by-object',
      object: `cluster1/${storefront.uid}`,
    });
    client.send({ type: 'search', id: 'bad-selector', selector: 'tier in (' });
    client.send({ type: 'search', id: 'nothing' });
    client.send({ type: 'search', id: 'huge', name: 'a', limit: 100_000 });
    client.send({ type: 'search', name: 'storefront' });
    await waitFor(
      'two answers and four refusals',
      () =>
        client.messages.filter(m => m.type === 'found').length === 2 &&
        client.messages.filter(m => m.type === 'error').length === 4,
    );
    const found = new Map(
      client.messages.flatMap(m => (m.type === 'found' ? [[m.search, m]] : [])),
    );
    expect(found.get('by-name')).toMatchObject({
      total: 1,
      offset: 0,
      matches: [
        {
          cluster: 'cluster1',
          namespace: 'shop',
          kind: 'Deployment',
          uids: [storefront.uid],
          name: 'storefront',
        },
      ],
    });
    expect(found.get('by-object')!.matches.map(m => m.uids)).toEqual([
      [storefront.uid],
    ]);
    expect(
      client.messages.flatMap(m =>
        m.type === 'error' ? [[m.search, m.message]] : [],
      ),
    ).toEqual([
      ['bad-selector', expect.stringContaining('tier in (')],
      [
        'nothing',
        'Search for something: name=, selector= (a label selector) or object=<cluster>/<uid>',
      ],
      ['huge', 'limit must be a whole number from 1 to 500'],
      [undefined, 'A search needs an id of 1 to 64 characters'],
    ]);
    expect(client.ws.readyState).toBe(WebSocket.OPEN);
    client.ws.close();
  });

  /** The latest window of each view a client was sent. */
  const latestWindows = (client: FleetClient) => {
    const latest = new Map<string, FleetWindowMessage>();
    for (const m of client.messages)
      if (m.type === 'window') latest.set(m.view, m);
    return latest;
  };

  it('serves the views a client shows, follows them live, and gives fresh windows after a reconnect', async () => {
    const deployment = store
      .query({
        cluster: 'cluster1',
        kinds: ['Deployment'],
        namespaces: ['shop'],
      })
      .find(r => r.name === 'storefront')!;
    const views = [
      { id: 'clusters', query: { level: 'clusters' } },
      { id: 'ns', query: { level: 'namespaces', cluster: 'cluster1' } },
      {
        id: 'kinds',
        query: { level: 'kinds', cluster: 'cluster1', namespace: 'shop' },
      },
      {
        id: 'deployments',
        query: {
          level: 'instances',
          cluster: 'cluster1',
          namespace: 'shop',
          kind: 'Deployment',
        },
        limit: 20,
      },
      {
        id: 'owned',
        query: { level: 'owned', cluster: 'cluster1', uid: deployment.uid },
      },
    ];
    const client = await FleetClient.connect(url);
    client.send({ type: 'views', views });
    await waitFor(
      'a window per view',
      () => latestWindows(client).size === views.length,
    );
    // Only what was asked for: no snapshot of the fleet.
    expect(client.messages.some(m => m.type === 'snapshot')).toBe(false);
    const first = latestWindows(client);
    const clusterRow = first
      .get('clusters')!
      .rows.find(r => r.key === 'cluster1');
    expect(clusterRow?.counts.total).toBeGreaterThan(0);
    expect(first.get('deployments')!.rows.map(r => r.key)).toContain(
      deployment.uid,
    );
    const replicaSetsBefore = first.get('owned')!.total;
    expect(replicaSetsBefore).toBeGreaterThan(0);

    // A rollout makes a new ReplicaSet under the Deployment: its owned view is sent again.
    await rollout();
    await waitFor(
      'a new ReplicaSet in the owned view',
      () => latestWindows(client).get('owned')!.total > replicaSetsBefore,
      settleMs,
    );

    // Scrolling moves one window; the others are not sent again.
    const before = client.messages.length;
    client.send({
      type: 'views',
      views: views.map(v => (v.id === 'deployments' ? { ...v, offset: 1 } : v)),
    });
    await waitFor('the moved window', () =>
      client.messages
        .slice(before)
        .some(
          m =>
            m.type === 'window' && m.view === 'deployments' && m.offset === 1,
        ),
    );
    expect(
      client.messages
        .slice(before)
        .filter(m => m.type === 'window' && m.view === 'clusters'),
    ).toHaveLength(0);

    // The moved views stay subscribed: a later rollout still reaches the owned view, and
    // the socket is not greeted again as a new client.
    const ownedAfterScroll = latestWindows(client).get('owned')!.total;
    const fleetNotices = client.messages.filter(m => m.type === 'fleet').length;
    await rollout();
    await waitFor(
      'another new ReplicaSet in the owned view after the scroll',
      () => latestWindows(client).get('owned')!.total > ownedAfterScroll,
      settleMs,
    );
    expect(client.messages.filter(m => m.type === 'fleet')).toHaveLength(
      fleetNotices,
    );

    // A reconnect: the same views on a new socket come back whole at once.
    client.ws.close();
    const again = await FleetClient.connect(url);
    again.send({ type: 'views', views });
    await waitFor(
      'fresh windows',
      () => latestWindows(again).size === views.length,
    );
    expect(latestWindows(again).get('owned')!.total).toBeGreaterThan(
      replicaSetsBefore,
    );
    again.ws.close();
  });

  it('refuses views it cannot serve with a message, at a bounded cost', async () => {
    const client = await FleetClient.connect(url);
    client.send({
      type: 'views',
      views: [{ id: 'x', query: { level: 'pods' } }],
    });
    client.send({
      type: 'views',
      views: [{ id: 'big', query: { level: 'clusters' }, limit: 1_000_000 }],
    });
    client.send({
      type: 'views',
      views: Array.from({ length: 300 }, (_, i) => ({
        id: `v${i}`,
        query: { level: 'clusters' },
      })),
    });
    client.send({
      type: 'views',
      views: [
        {
          id: 'bad',
          query: {
            level: 'instances',
            cluster: 'cluster1',
            namespace: '../x',
            kind: 'Pod',
          },
        },
      ],
    });
    client.send({
      type: 'views',
      views: [
        {
          id: 'policy',
          query: { level: 'workloads', cluster: 'wds1', policy: 'A Policy' },
        },
      ],
    });
    client.send({
      type: 'views',
      views: [
        {
          id: 'search',
          query: { level: 'workloads', cluster: 'wds1', search: ['web'] },
        },
      ],
    });
    await waitFor(
      'six errors',
      () => client.messages.filter(m => m.type === 'error').length === 6,
    );
    expect(
      client.messages
        .filter(m => m.type === 'error')
        .map(m => (m as any).message),
    ).toEqual([
      'View "x": unknown level "pods"; expected clusters, namespaces, kinds, instances, owned, objects, policies, workloads, stagedNamespaces or staged',
      'View "big": limit must be a whole number from 1 to 500',
      'At most 200 views may be open on one socket; this message asks for 300',
      'View "bad": invalid namespace "../x"',
      'View "policy": invalid policy "A Policy"',
      'View "search": search must be text of at most 253 characters',
    ]);
    expect(client.messages.some(m => m.type === 'window')).toBe(false);
    // A flood of messages is cut off with a message, and the socket stays usable.
    for (let i = 0; i < 400; i++) client.send({ type: 'ping' });
    await waitFor('the flood refused', () =>
      client.messages.some(
        m => m.type === 'error' && m.message.startsWith('Too many messages'),
      ),
    );
    expect(client.ws.readyState).toBe(WebSocket.OPEN);
    // A message larger than any real page sends closes the socket with 1009, Message Too Big.
    const closed = new Promise<number>(resolve =>
      client.ws.once('close', code => resolve(code)),
    );
    client.send({ type: 'views', views: [], padding: 'x'.repeat(100_000) });
    expect(await closed).toBe(1009);
  });
});
