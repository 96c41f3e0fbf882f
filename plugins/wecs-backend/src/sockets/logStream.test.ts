import { LoggerService } from '@backstage/backend-plugin-api';
import { Fleet } from '@kubestellar/fleet-sim';
import { LogServerMessage } from '@kubestellar/plugin-wecs-common';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { WebSocket } from 'ws';
import {
  runningStorefrontPods,
  startQuietFleetWithPool,
  waitFor,
} from '../__testUtils__/simulatedFleet';
import {
  startTestFleetWithPool,
  testFleetKinds,
} from '../__testUtils__/testFleets';
import { FleetStore } from '../store/FleetStore';
import { WatchPool } from '../watch/WatchPool';
import { webSocketChannel } from './channel';
import { parseLogSocketRequest, serveLogStream } from './logStream';
import { createSocketServer, upgrade } from './socketServer';

jest.setTimeout(180_000);

/**
 * Serves the log socket over a started pool on a loopback port, as the plugin mounts it, once
 * cluster1's storefront pods run; `stop` ends both.
 */
async function serveLogSockets(
  started: {
    pool: WatchPool;
    store: FleetStore;
    logger: LoggerService;
    stop(): Promise<void>;
  },
  settleMs = 20_000,
) {
  const sockets = createSocketServer();
  const http = createServer();
  http.on('upgrade', async (request, socket, head) => {
    const parsed = parseLogSocketRequest(request.url ?? '');
    await serveLogStream(
      webSocketChannel(await upgrade(sockets, request, socket, head)),
      parsed,
      started.pool,
      started.store,
      started.logger,
      { attempts: 20, initialMs: 100, maxMs: 500 },
    );
  });
  await new Promise<void>(resolve => http.listen(0, '127.0.0.1', resolve));
  await waitFor(
    'running storefront pods',
    () => runningStorefrontPods(started.store).length === 3,
    settleMs,
  );
  return {
    base: `ws://127.0.0.1:${
      (http.address() as AddressInfo).port
    }/api/wecs/logs`,
    async stop() {
      http.close();
      await started.stop();
    },
  };
}

/** A log socket client on cluster1's namespace shop, collecting what it is sent. */
function openLogStream(base: string, query: string) {
  const messages: LogServerMessage[] = [];
  const ws = new WebSocket(`${base}?cluster=cluster1&namespace=shop&${query}`);
  ws.on('message', data => messages.push(JSON.parse(data.toString())));
  const closed = new Promise<void>(resolve => ws.on('close', () => resolve()));
  const lines = () =>
    messages.flatMap(m => (m.type === 'lines' ? m.lines : []));
  return { ws, messages, lines, closed };
}

/** Log streams through a real API server's pods/log (kwok serving the kubelet's part) too. */
describe.each(testFleetKinds())('log socket on the %s', kind => {
  let store: FleetStore;
  let base: string;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const started = await startTestFleetWithPool(kind);
    store = started.store;
    ({ base, stop } = await serveLogSockets(
      started,
      kind === 'kwok' ? 90_000 : 20_000,
    ));
  });

  afterAll(() => stop?.());

  it('follows one container', async () => {
    const pod = runningStorefrontPods(store)[0].name;
    const stream = openLogStream(
      base,
      `pod=${pod}&container=web&follow=true&tailLines=1`,
    );
    await waitFor('followed lines', () => stream.lines().length >= 3);
    expect(stream.messages[0]).toEqual({
      type: 'sources',
      sources: [{ pod, container: 'web' }],
    });
    expect(
      stream.lines().every(l => l.pod === pod && l.container === 'web'),
    ).toBe(true);
    expect(stream.lines()[1].text).toContain('[storefront/web]');
    stream.ws.close();
  });

  it('merges the pods of a workload, each line tagged', async () => {
    const stream = openLogStream(
      base,
      'workloadKind=Deployment&workloadName=storefront&container=web&tailLines=5',
    );
    await stream.closed;
    const pods = new Set(stream.lines().map(l => l.pod));
    expect(pods.size).toBe(3);
    expect(stream.messages[stream.messages.length - 1]).toEqual({
      type: 'end',
    });
  });
});

/** What only the simulator shows: its upstream follows, init container ends, no previous run. */
describe('log socket on the simulator, looking inside it', () => {
  let fleet: Fleet;
  let pool: WatchPool;
  let store: FleetStore;
  let base: string;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const started = await startQuietFleetWithPool();
    ({ fleet, store, pool } = started);
    ({ base, stop } = await serveLogSockets(started));
  });

  afterAll(() => stop?.());

  const open = (query: string) => openLogStream(base, query);

  it('stops the upstream follow when the client leaves', async () => {
    const pod = runningStorefrontPods(store)[0].name;
    const logs = fleet.member('cluster1').runtime.logs;
    const before = logs.followerCount;
    const stream = open(`pod=${pod}&container=web&follow=true&tailLines=1`);
    await waitFor('followed lines', () => stream.lines().length >= 2);
    expect(logs.followerCount).toBe(before + 1);
    stream.ws.close();
    await expect(
      waitFor(
        'the upstream follow to end',
        () => logs.followerCount === before,
      ),
    ).resolves.toBe(true);
  });

  it('streams every container of a pod, init and sidecar included, ending the finished init container', async () => {
    const pod = store.query({
      cluster: 'cluster1',
      kinds: ['Pod'],
      name: 'storefront-',
    })[0].name;
    const stream = open(`pod=${pod}&allContainers=true&follow=true`);
    await waitFor('the init container to end', () =>
      stream.messages.some(
        m => m.type === 'source-ended' && m.source.container === 'migrate',
      ),
    );
    const sources =
      stream.messages[0].type === 'sources'
        ? stream.messages[0].sources.map(s => s.container)
        : [];
    expect(sources).toEqual(['migrate', 'web', 'log-shipper-sidecar']);
    await waitFor('sidecar lines', () =>
      stream.lines().some(l => l.container === 'log-shipper-sidecar'),
    );
    expect(
      stream
        .lines()
        .filter(l => l.container === 'migrate')
        .map(l => l.text),
    ).toEqual([
      expect.stringContaining('init: waiting for dependencies'),
      expect.stringContaining('init: migrations applied'),
    ]);
    stream.ws.close();
  });

  it('reopens a dropped upstream follow where it left off, repeating and losing no line', async () => {
    const pod = runningStorefrontPods(store)[0].name;
    const stream = open(`pod=${pod}&container=web&follow=true&tailLines=1`);
    await waitFor('followed lines', () => stream.lines().length >= 3);
    await fleet.restartApiServer('cluster1');
    const dropped = stream.lines().length;
    await waitFor(
      'lines after the API server came back',
      () => stream.lines().length >= dropped + 5,
      20_000,
    );
    stream.ws.close();
    const followed = stream.lines();
    expect(followed.every(l => l.time)).toBe(true);
    expect(stream.messages.some(m => m.type === 'source-ended')).toBe(false);
    // What the log holds over the same span, read in one piece.
    const whole = open(
      `pod=${pod}&container=web&sinceTime=${followed[0].time}`,
    );
    await whole.closed;
    const span = whole
      .lines()
      .filter(l => l.time! >= followed[0].time!)
      .slice(0, followed.length);
    expect(followed.map(l => `${l.time} ${l.text}`)).toEqual(
      span.map(l => `${l.time} ${l.text}`),
    );
  });

  it("follows a workload's pods through a rollout, announcing the new pods", async () => {
    const stream = open(
      'workloadKind=Deployment&workloadName=storefront&container=web&follow=true&tailLines=1',
    );
    await waitFor('lines', () => stream.lines().length >= 3);
    const before = new Set(runningStorefrontPods(store).map(p => p.name));
    // As `kubectl rollout restart` does it: a new annotation on the pod template.
    await pool.cluster('cluster1')!.client.sendJson(
      'PATCH',
      '/apis/apps/v1/namespaces/shop/deployments/storefront',
      {
        spec: {
          template: {
            metadata: {
              annotations: {
                'kubectl.kubernetes.io/restartedAt': new Date().toISOString(),
              },
            },
          },
        },
      },
      'application/merge-patch+json',
    );
    const newPodLines = () => stream.lines().filter(l => !before.has(l.pod));
    await waitFor(
      "the new pods' lines",
      () => new Set(newPodLines().map(l => l.pod)).size >= 1,
      30_000,
    );
    const announced = stream.messages.flatMap(m =>
      m.type === 'sources' ? [m.sources.map(s => s.pod)] : [],
    );
    expect(announced.length).toBeGreaterThan(1);
    expect(announced[announced.length - 1]).toEqual(
      expect.arrayContaining([...before, newPodLines()[0].pod]),
    );
    // The old pods' streams end as they go; the workload's stream stays open for the next ones.
    await waitFor('an old pod to end', () =>
      stream.messages.some(
        m => m.type === 'source-ended' && before.has(m.source.pod),
      ),
    );
    expect(stream.messages.some(m => m.type === 'end')).toBe(false);
    stream.ws.close();
  });

  it('reports a container that has no previous run', async () => {
    const pod = store.query({
      cluster: 'cluster1',
      kinds: ['Pod'],
      name: 'payments-0',
    })[0].name;
    const stream = open(`pod=${pod}&container=web&previous=true`);
    await stream.closed;
    const ended = stream.messages.find(m => m.type === 'source-ended');
    expect(ended).toMatchObject({
      error: expect.stringContaining('previous terminated container "web"'),
    });
  });
});

describe('log socket requests', () => {
  it('validates the request', () => {
    expect(() => parseLogSocketRequest('/logs?namespace=shop&pod=x')).toThrow(
      'cluster is required',
    );
    expect(() =>
      parseLogSocketRequest(
        '/logs?cluster=c&namespace=shop&pod=x&workloadKind=Deployment&workloadName=y',
      ),
    ).toThrow('not both');
    expect(() =>
      parseLogSocketRequest(
        '/logs?cluster=c&namespace=shop&pod=x&tailLines=lots',
      ),
    ).toThrow('tailLines');
    for (const [query, message] of [
      ['tailLines=0x10', 'tailLines must be a whole number from 0 to 1000000'],
      ['limitBytes=1e3', 'limitBytes must be a whole number'],
      ['follow=yes', 'follow must be true or false'],
      ['allContainers=all', 'allContainers must be true or false'],
    ])
      expect(() =>
        parseLogSocketRequest(`/logs?cluster=c&namespace=shop&pod=x&${query}`),
      ).toThrow(message);
    expect(() =>
      parseLogSocketRequest(
        '/logs?cluster=c&namespace=shop&pod=x&sinceTime=yesterday',
      ),
    ).toThrow('sinceTime must be an RFC 3339 time');
    expect(() =>
      parseLogSocketRequest(
        '/logs?cluster=c&namespace=shop&pod=x&sinceTime=2026-12-07T18:00:00Z&sinceSeconds=5',
      ),
    ).toThrow('at most one');
    expect(
      parseLogSocketRequest(
        '/logs?cluster=c&namespace=shop&workloadKind=Deployment&workloadName=web&follow=1',
      ),
    ).toMatchObject({
      cluster: 'c',
      namespace: 'shop',
      workload: { kind: 'Deployment', name: 'web' },
      follow: true,
      allContainers: false,
    });
  });
});
