import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Fleet } from '@kubestellar/fleet-sim';
import {
  FLEET_SNAPSHOT_PATH,
  FLEET_STREAM_PATH,
  FleetClientMessage,
  FleetServerMessage,
  LOGS_STREAM_PATH,
  LogServerMessage,
} from '@kubestellar/plugin-wecs-common';
import express from 'express';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import {
  expectEventStreamHeaders,
  readEventStream,
} from '../__testUtils__/eventStreamClient';
import {
  runningStorefrontPods,
  startQuietFleetWithPool,
  waitFor,
} from '../__testUtils__/simulatedFleet';
import { denyingPermissions } from '../__testUtils__/testBackends';
import {
  rolloutRestart,
  startTestFleetWithPool,
  TestFleet,
  testFleetKinds,
} from '../__testUtils__/testFleets';
import { FleetStore } from '../store/FleetStore';
import { WatchPool } from '../watch/WatchPool';
import { DEFAULT_FAN_OUT_OPTIONS, FleetFanOut } from './FleetFanOut';
import { PerUserLimit } from './PerUserLimit';
import { createStreamRouter } from './streamRoutes';

jest.setTimeout(180_000);

/**
 * Mounts the stream routes over a started pool on a loopback port, behind Backstage's error
 * handler and its test auth (a request with no token is the default user), with a limit of two
 * log streams per user; resolves once cluster1's storefront pods run.
 */
async function serveStreamRoutes(
  started: { pool: WatchPool; store: FleetStore },
  denied: Set<string>,
  settleMs: number,
) {
  const { pool, store } = started;
  const logger = mockServices.logger.mock();
  const fanOut = new FleetFanOut(store, pool, {
    ...DEFAULT_FAN_OUT_OPTIONS,
    heartbeatMs: 1000,
  });
  const app = express();
  app.use(
    '/api/wecs',
    createStreamRouter({
      httpAuth: mockServices.httpAuth(),
      auth: mockServices.auth(),
      permissions: denyingPermissions(denied),
      fanOut,
      pool,
      store,
      logStreams: new PerUserLimit(2, 'log streams'),
      fleetStreams: new PerUserLimit(20, 'fleet sockets'),
      messageLimits: { jsonDepth: 100, viewsPerSocket: 200 },
      logger,
    }),
  );
  app.use(
    MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger,
    }).error(),
  );
  const server: Server = await new Promise(resolve => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  await waitFor(
    'running storefront pods',
    () =>
      pool.clusters().every(c => c.state === 'connected') &&
      runningStorefrontPods(store).length === 3,
    settleMs,
  );
  return {
    fanOut,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/wecs`,
    close() {
      fanOut.close();
      server.closeAllConnections();
      server.close();
    },
  };
}

const user = mockCredentials.user.header();

/** The stream routes through real HTTP on the simulator, and on real API servers (when built). */
describe.each(testFleetKinds())('stream routes on the %s', kind => {
  let fleet: TestFleet;
  let store: FleetStore;
  let fanOut: FleetFanOut;
  let base: string;
  let stop: () => Promise<void>;
  const denied = new Set<string>();
  const settleMs = kind === 'kwok' ? 90_000 : 20_000;

  beforeAll(async () => {
    const started = await startTestFleetWithPool(kind);
    ({ fleet, store } = started);
    const served = await serveStreamRoutes(started, denied, settleMs);
    ({ fanOut, base } = served);
    stop = async () => {
      served.close();
      await started.stop();
    };
  });

  afterEach(() => denied.clear());

  afterAll(() => stop?.());

  const post = (path: string, body: string, authorization = user) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: authorization,
      },
      body,
    });

  const fleetStream = (message: FleetClientMessage) =>
    readEventStream<FleetServerMessage>(`${base}${FLEET_STREAM_PATH}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: user },
      body: JSON.stringify(message),
    });

  const logStream = (query: string, authorization = user) =>
    readEventStream<LogServerMessage>(
      `${base}${LOGS_STREAM_PATH}?cluster=cluster1&namespace=shop&${query}`,
      { headers: { Authorization: authorization } },
    );

  it('streams a snapshot of the clusters, then deltas after a change', async () => {
    const stream = await fleetStream({
      type: 'subscribe',
      filters: { clusters: ['cluster1'], kinds: ['Pod', 'Deployment'] },
    });
    expectEventStreamHeaders(stream.response);
    await waitFor('a snapshot', () => stream.messages.length > 0);
    const [snapshot] = stream.messages;
    if (snapshot.type !== 'snapshot') throw new Error(snapshot.type);
    expect(snapshot.epoch).toBe(fanOut.epoch);
    expect(snapshot.clusters.map(c => c.name)).toEqual(['cluster1']);
    expect(
      snapshot.resources.filter(r => r.kind === 'Deployment').map(r => r.name),
    ).toContain('storefront');
    expect(
      snapshot.resources.every(
        r => r.cluster === 'cluster1' && ['Pod', 'Deployment'].includes(r.kind),
      ),
    ).toBe(true);

    await rolloutRestart(fleet, 'cluster1', 'shop', 'storefront');
    await waitFor('the rollout as deltas', () =>
      stream.messages.some(
        m =>
          m.type === 'deltas' &&
          m.changes.some(
            c =>
              c.op === 'upsert' &&
              c.resource.kind === 'Deployment' &&
              c.resource.name === 'storefront',
          ),
      ),
    );
    stream.close();
  });

  it('resumes from a position with the changes it missed, without a snapshot', async () => {
    const first = await fleetStream({
      type: 'subscribe',
      filters: { clusters: ['cluster2'] },
    });
    await waitFor('a snapshot', () => first.messages.length > 0);
    first.close();
    const last = first.messages[first.messages.length - 1];
    if (last.type !== 'snapshot' && last.type !== 'deltas')
      throw new Error(`unexpected ${JSON.stringify(last)}`);
    const before = store.revision;
    await fleet
      .client('cluster2')
      .sendJson('POST', '/api/v1/namespaces/shop/configmaps', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'made-while-streaming', namespace: 'shop' },
        data: { a: '1' },
      });
    await waitFor('the store to see it', () => store.revision > before);

    const second = await fleetStream({
      type: 'subscribe',
      filters: { clusters: ['cluster2'] },
      resume: { epoch: last.epoch, seq: last.seq },
    });
    await waitFor('the missed change', () =>
      second.messages.some(
        m =>
          m.type === 'deltas' &&
          m.changes.some(
            c =>
              c.op === 'upsert' && c.resource.name === 'made-while-streaming',
          ),
      ),
    );
    expect(second.messages.some(m => m.type === 'snapshot')).toBe(false);
    second.close();
  });

  it('keeps a quiet stream alive with heartbeats, and ends its subscription when the client goes', async () => {
    await waitFor(
      'the earlier streams to end',
      () => fanOut.subscriberCount === 0,
    );
    const stream = await fleetStream({
      type: 'subscribe',
      filters: { namespaces: ['nothing-here'] },
    });
    await waitFor('a heartbeat', () =>
      stream.messages.some(m => m.type === 'heartbeat'),
    );
    expect(fanOut.subscriberCount).toBe(1);
    stream.close();
    await expect(
      waitFor('the subscription to end', () => fanOut.subscriberCount === 0),
    ).resolves.toBe(true);
  });

  it('streams the windows of a views message, and answers a poll with them as JSON', async () => {
    const views = {
      type: 'views' as const,
      filters: { kinds: ['Deployment'] },
      views: [
        { id: 'clusters', query: { level: 'clusters' as const } },
        {
          id: 'deployments',
          query: {
            level: 'instances' as const,
            cluster: 'cluster1',
            namespace: 'shop',
            kind: 'Deployment',
          },
        },
      ],
    };
    const stream = await fleetStream(views);
    await waitFor(
      'both windows',
      () => stream.messages.filter(m => m.type === 'window').length === 2,
    );
    const streamed = stream.messages.find(
      m => m.type === 'window' && m.view === 'deployments',
    );
    expect(
      streamed?.type === 'window' &&
        streamed.rows.map(r => r.type === 'instance' && r.resource.name),
    ).toContain('storefront');
    stream.close();

    const res = await post(FLEET_SNAPSHOT_PATH, JSON.stringify(views));
    expect(res.status).toBe(200);
    const messages = await res.json();
    expect(messages.map((m: any) => `${m.type}:${m.view ?? ''}`)).toEqual([
      'fleet:',
      'window:clusters',
      'window:deployments',
    ]);
    expect(messages[2].rows).toEqual(
      streamed?.type === 'window' ? streamed.rows : [],
    );
  });

  it('answers one snapshot as JSON for clients that poll', async () => {
    const before = fanOut.subscriberCount;
    const res = await post(
      FLEET_SNAPSHOT_PATH,
      JSON.stringify({
        type: 'subscribe',
        filters: {
          clusters: ['cluster1'],
          kinds: ['Deployment'],
          namespaces: ['shop'],
        },
      }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    const snapshot = await res.json();
    expect(snapshot).toMatchObject({
      type: 'snapshot',
      epoch: fanOut.epoch,
      errors: [],
    });
    expect(snapshot.clusters.map((c: any) => c.name)).toEqual(['cluster1']);
    expect(snapshot.resources.map((r: any) => r.name)).toEqual(['storefront']);
    expect(fanOut.subscriberCount).toBe(before);
  });

  it.each([FLEET_STREAM_PATH, FLEET_SNAPSHOT_PATH])(
    '%s refuses bad bodies (400), missing credentials (401), services and users without the permission (403)',
    async path => {
      const subscribe = JSON.stringify({ type: 'subscribe' });
      const refusals = [
        ['not json', 'Messages must be JSON'],
        ['', 'Messages must be JSON'],
        [JSON.stringify({ type: 'ping' }), 'Send a views or subscribe message'],
        [
          JSON.stringify({
            type: 'subscribe',
            filters: { phases: ['sleeping'] },
          }),
          'Invalid status "sleeping"',
        ],
      ];
      for (const [body, message] of refusals) {
        const res = await post(path, body);
        expect(res.status).toBe(400);
        expect(await res.json()).toMatchObject({
          error: {
            name: 'InputError',
            message: expect.stringContaining(message),
          },
        });
      }
      const anonymous = await post(
        path,
        subscribe,
        mockCredentials.none.header(),
      );
      expect(anonymous.status).toBe(401);
      const service = await post(
        path,
        subscribe,
        mockCredentials.service.header(),
      );
      expect(service.status).toBe(403);
      expect((await service.json()).error.message).toContain('Only users');
      denied.add('wecs.resources.read');
      const refused = await post(path, subscribe);
      expect(refused.status).toBe(403);
      expect((await refused.json()).error.message).toBe(
        'Permission wecs.resources.read is required',
      );
    },
  );

  it("streams a pod's log lines, then ends", async () => {
    const pod = runningStorefrontPods(store)[0].name;
    const stream = await logStream(`pod=${pod}&container=web&tailLines=3`);
    expectEventStreamHeaders(stream.response);
    await stream.ended;
    expect(stream.error()).toBeUndefined();
    const types = stream.messages.map(m => m.type);
    expect(types[0]).toBe('sources');
    expect(types.slice(-2)).toEqual(['source-ended', 'end']);
    const lines = stream.messages.flatMap(m =>
      m.type === 'lines' ? m.lines : [],
    );
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every(l => l.pod === pod && l.container === 'web')).toBe(true);

    const unknown = await logStream('pod=nothing-here');
    await unknown.ended;
    expect(unknown.messages).toEqual([
      {
        type: 'error',
        message: 'Pod nothing-here is not known in cluster1/shop',
      },
    ]);
  });

  it('refuses log streams past the per-user limit with 429, a bad query with 400, and without the permission with 403', async () => {
    const pod = runningStorefrontPods(store)[0].name;
    const follow = `pod=${pod}&container=web&follow=true&tailLines=1`;
    const open = [await logStream(follow), await logStream(follow)];
    await waitFor('both streams', () => open.every(s => s.messages.length > 0));
    const third = await logStream(follow);
    expect(third.response.status).toBe(429);
    expect(await third.response.json()).toMatchObject({
      error: {
        message: 'At most 2 log streams may be open per user; close one first',
      },
    });
    const other = await logStream(
      follow,
      mockCredentials.user.header('user:default/someone-else'),
    );
    expect(other.response.status).toBe(200);
    other.close();
    open[0].close();
    await waitFor('a slot to free up', async () => {
      const again = await logStream(follow);
      again.close();
      return again.response.status === 200;
    });
    open[1].close();

    const bad = await fetch(`${base}${LOGS_STREAM_PATH}?namespace=shop&pod=x`, {
      headers: { Authorization: user },
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toContain('cluster is required');

    denied.add('wecs.logs.read');
    const refused = await logStream(follow);
    expect(refused.response.status).toBe(403);
    expect((await refused.response.json()).error.message).toBe(
      'Permission wecs.logs.read is required',
    );
  });
});

/** What only the simulator shows: the upstream follow ends with the response. */
describe('log stream route on the simulator, looking inside it', () => {
  let fleet: Fleet;
  let store: FleetStore;
  let base: string;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const started = await startQuietFleetWithPool();
    ({ fleet, store } = started);
    const served = await serveStreamRoutes(started, new Set(), 20_000);
    base = served.base;
    stop = async () => {
      served.close();
      await started.stop();
    };
  });

  afterAll(() => stop?.());

  it('stops the upstream follow when the client leaves', async () => {
    const pod = runningStorefrontPods(store)[0].name;
    const logs = fleet.member('cluster1').runtime.logs;
    const before = logs.followerCount;
    const stream = await readEventStream<LogServerMessage>(
      `${base}${LOGS_STREAM_PATH}?cluster=cluster1&namespace=shop&pod=${pod}&container=web&follow=true&tailLines=1`,
      { headers: { Authorization: user } },
    );
    await waitFor('followed lines', () =>
      stream.messages.some(m => m.type === 'lines'),
    );
    expect(logs.followerCount).toBe(before + 1);
    stream.close();
    await expect(
      waitFor(
        'the upstream follow to end',
        () => logs.followerCount === before,
      ),
    ).resolves.toBe(true);
  });
});
