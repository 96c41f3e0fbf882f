import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  FLEET_SNAPSHOT_PATH,
  FleetClientMessage,
} from '@kubestellar/plugin-wecs-common';
import { waitFor } from '../__testUtils__/simulatedFleet';
import { startBackendOnOneSimulatedCluster } from '../__testUtils__/testBackends';

jest.setTimeout(120_000);

type LoggerMock = ReturnType<typeof mockServices.logger.mock>;

/** Every warning a mock logger and the children it made were given. */
function warnings(logger: LoggerMock): string[] {
  const children = logger.child.mock.results.map(
    result => result.value as LoggerMock,
  );
  return [
    ...logger.warn.mock.calls.map(call => String(call[0])),
    ...children.flatMap(warnings),
  ];
}

/**
 * Objects no API server would send (the simulator's inject fault puts them in a cluster's lists
 * and watches): each is left out and logged once, and everything else keeps answering and
 * flowing.
 */
describe('malformed objects from a cluster', () => {
  let backend: Awaited<ReturnType<typeof startBackendOnOneSimulatedCluster>>;
  const logger = mockServices.logger.mock();
  const user = mockCredentials.user.header();
  const get = (path: string) =>
    fetch(`${backend.baseUrl}${path}`, { headers: { Authorization: user } });
  const post = (path: string, body?: unknown) =>
    fetch(`${backend.baseUrl}${path}`, {
      method: 'POST',
      headers: { Authorization: user, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const configMapNames = async () => {
    const res = await get('/cluster1/resources?kind=ConfigMap&namespace=shop');
    expect(res.status).toBe(200);
    return ((await res.json()).items as Array<{ name: unknown }>).map(
      item => item.name,
    );
  };
  const malformedWarnings = () =>
    warnings(logger).filter(line => line.includes('left out a malformed'));

  beforeAll(async () => {
    backend = await startBackendOnOneSimulatedCluster([logger.factory]);
    await waitFor('the shop ConfigMaps', async () =>
      (await configMapNames()).includes('storefront-config'),
    );
    // Into the open watch: a name that is a number, owner references that are text.
    for (const metadata of [
      { name: 404, namespace: 'shop' },
      {
        name: 'owned-by-text',
        namespace: 'shop',
        ownerReferences: 'deployment/storefront',
      },
    ])
      backend.fleet.injectMalformed('cluster1', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: metadata as any,
        data: { a: '1' },
      });
  });

  afterAll(async () => {
    await backend?.stop();
  });

  it('keeps watching the type: a change after them arrives, and they are logged once each', async () => {
    backend.fleet.member('cluster1').runtime.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'after-the-odd-ones', namespace: 'shop' },
      data: { b: '2' },
    });
    await waitFor('the ConfigMap made after them', async () =>
      (await configMapNames()).includes('after-the-odd-ones'),
    );
    const names = await configMapNames();
    expect(names.every(name => typeof name === 'string')).toBe(true);
    expect(names).not.toContain('owned-by-text');
    expect(malformedWarnings()).toEqual([
      expect.stringContaining(
        'shop/<a number 404> (uid ' /* the uid the simulator gave it */,
      ),
      expect.stringContaining('shop/owned-by-text (uid'),
    ]);
    expect(malformedWarnings()[0]).toContain(
      'metadata.name: expected a string, got a number',
    );
    expect(malformedWarnings()[1]).toContain(
      'metadata.ownerReferences: expected an array, got a string',
    );

    // A relist brings them again, in a list this time: not logged again.
    const refreshed = await post('/clusters/cluster1/refresh');
    expect(refreshed.status).toBe(200);
    expect((await refreshed.json()).items[0].error).toBeUndefined();
    const listed = await get('/cluster1/objects?kind=ConfigMap&namespace=shop');
    expect(listed.status).toBe(200);
    const listedNames = (await listed.json()).items.map((i: any) => i.name);
    expect(listedNames).toContain('after-the-odd-ones');
    expect(listedNames).not.toContain('owned-by-text');
    expect(malformedWarnings()).toHaveLength(2);
  });

  it('answers listings, searches, snapshots and views with the rest', async () => {
    for (const path of [
      '/resources?kind=ConfigMap',
      '/resources',
      '/search?name=o',
      '/search?name=4',
      '/search?selector=app',
      '/cluster1/resources',
    ]) {
      const res = await get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
    }
    const subscribe: FleetClientMessage = {
      type: 'subscribe',
      filters: { kinds: ['ConfigMap'] },
    };
    const snapshot = await post(FLEET_SNAPSHOT_PATH, subscribe);
    expect(snapshot.status).toBe(200);
    const views: FleetClientMessage = {
      type: 'views',
      filters: {},
      views: [
        { id: 'clusters', query: { level: 'clusters' } },
        {
          id: 'configmaps',
          query: {
            level: 'instances',
            cluster: 'cluster1',
            namespace: 'shop',
            kind: 'ConfigMap',
          },
        },
      ],
    };
    const viewed = await post(FLEET_SNAPSHOT_PATH, views);
    expect(viewed.status).toBe(200);
    const window = (await viewed.json()).find(
      (m: any) => m.type === 'window' && m.view === 'configmaps',
    );
    expect(
      window.rows.map((r: any) => r.resource?.name).filter(Boolean),
    ).toContain('after-the-odd-ones');
  });
});
