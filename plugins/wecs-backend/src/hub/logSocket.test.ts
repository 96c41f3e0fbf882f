import { Fleet } from '@kubestellar/fleet-sim';
import { LogServerMessage } from '@kubestellar/plugin-wecs-common';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { WebSocket } from 'ws';
import {
  startFleetWithPool,
  testWatchOptions,
  waitFor,
} from '../__testUtils__/simulatedFleet';
import { WatchPool } from '../watch/WatchPool';
import { createSocketServer, upgrade } from './fleetSocket';
import { parseLogSocketRequest, serveLogSocket } from './logSocket';

jest.setTimeout(60_000);

describe('log socket', () => {
  let fleet: Fleet;
  let pool: WatchPool;
  let http: Server;
  let base: string;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    let logger;
    ({ fleet, pool, logger, stop } = await startFleetWithPool(
      { clusters: 1, tickMs: 100, rolloutEveryMs: 0, availabilityFlipMs: 0 },
      ['cluster1'],
      testWatchOptions({
        discovery: {
          builtinResources: testWatchOptions().discovery.builtinResources,
          extraResources: [],
          customResources: false,
        },
      }),
    ));
    const sockets = createSocketServer();
    http = createServer();
    http.on('upgrade', async (request, socket, head) => {
      const parsed = parseLogSocketRequest(request.url ?? '');
      await serveLogSocket(
        await upgrade(sockets, request, socket, head),
        parsed,
        pool,
        logger!,
      );
    });
    await new Promise<void>(resolve => http.listen(0, '127.0.0.1', resolve));
    base = `ws://127.0.0.1:${
      (http.address() as AddressInfo).port
    }/api/wecs/logs`;
    await waitFor(
      'running storefront pods',
      () =>
        pool.store.query({
          cluster: 'cluster1',
          kinds: ['Pod'],
          name: 'storefront-',
          phases: ['running'],
        }).length === 3,
    );
  });

  afterAll(async () => {
    http.close();
    await stop();
  });

  const open = (query: string) => {
    const messages: LogServerMessage[] = [];
    const ws = new WebSocket(
      `${base}?cluster=cluster1&namespace=shop&${query}`,
    );
    ws.on('message', data => messages.push(JSON.parse(data.toString())));
    const closed = new Promise<void>(resolve =>
      ws.on('close', () => resolve()),
    );
    const lines = () =>
      messages.flatMap(m => (m.type === 'lines' ? m.lines : []));
    return { ws, messages, lines, closed };
  };

  it('follows one container and stops the upstream stream when the client leaves', async () => {
    const pod = pool.store.query({
      cluster: 'cluster1',
      kinds: ['Pod'],
      name: 'storefront-',
    })[0].name;
    const logs = fleet.member('cluster1').runtime.logs;
    const before = logs.followerCount;
    const stream = open(`pod=${pod}&container=web&follow=true&tailLines=1`);
    await waitFor('followed lines', () => stream.lines().length >= 3);
    expect(stream.messages[0]).toEqual({
      type: 'sources',
      sources: [{ pod, container: 'web' }],
    });
    expect(
      stream.lines().every(l => l.pod === pod && l.container === 'web'),
    ).toBe(true);
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
    const pod = pool.store.query({
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

  it('merges the pods of a workload, each line tagged', async () => {
    const stream = open(
      'workloadKind=Deployment&workloadName=storefront&container=web&tailLines=5',
    );
    await stream.closed;
    const pods = new Set(stream.lines().map(l => l.pod));
    expect(pods.size).toBe(3);
    expect(stream.messages[stream.messages.length - 1]).toEqual({
      type: 'end',
    });
  });

  it('reports a container that has no previous run', async () => {
    const pod = pool.store.query({
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
