/**
 * @jest-environment node
 */
import { IdentityApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { FakeLiveBackend } from '../__testUtils__/FakeLiveBackend';
import { WecsClient } from './WecsClient';

// Each test has a fake backend of its own, and a client of it with no credentials.
let backend: FakeLiveBackend;
let client: WecsClient;

beforeEach(async () => {
  backend = new FakeLiveBackend();
  const baseUrl = await backend.start();
  client = new WecsClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: { fetch: (input, init) => fetch(input, init) },
    identityApi: {
      getCredentials: async () => ({}),
    } as Partial<IdentityApi> as IdentityApi,
  });
});

afterEach(() => backend.stop());

describe('WecsClient refresh', () => {
  it('asks the backend to list one cluster, the clusters of some roles or all of them again', async () => {
    await expect(
      client.refreshClusters({ cluster: 'cluster1' }),
    ).resolves.toEqual({
      items: [expect.objectContaining({ cluster: 'cluster1', lists: 2 })],
    });
    await client.refreshClusters({ roles: ['wds', 'wec'] });
    await client.refreshClusters();
    expect(backend.requests).toEqual([
      'POST /api/wecs/clusters/cluster1/refresh',
      'POST /api/wecs/refresh?role=wds%2Cwec',
      'POST /api/wecs/refresh',
    ]);
  });
});

describe('WecsClient cluster membership', () => {
  /** The status and the backend's message a rejected call carries. */
  const refusal = (call: Promise<unknown>) =>
    call.then(
      () => {
        throw new Error('expected a refusal');
      },
      (error: ResponseError) => ({
        status: error.statusCode,
        message: error.body.error.message,
      }),
    );

  it('accepts a pending cluster and detaches it again, with what the hub did', async () => {
    await expect(client.acceptCluster('cluster3')).resolves.toEqual({
      cluster: 'cluster3',
      action: 'accept',
      message: 'Accepted cluster3 and approved 1 certificate signing request',
    });
    await expect(client.detachCluster('cluster3')).resolves.toMatchObject({
      cluster: 'cluster3',
      action: 'detach',
    });
    expect(backend.requests).toEqual([
      'POST /api/wecs/clusters/cluster3/accept',
      'POST /api/wecs/clusters/cluster3/detach',
    ]);
  });

  it("rejects with the backend's status and message", async () => {
    expect(await refusal(client.acceptCluster('cluster1'))).toEqual({
      status: 409,
      message: 'cluster1 is joined: accept does not apply',
    });
    expect(await refusal(client.detachCluster('cluster9'))).toEqual({
      status: 404,
      message: 'The ITS has no cluster cluster9',
    });
    backend.mayManageClusters = false;
    expect(await refusal(client.detachCluster('cluster1'))).toEqual({
      status: 403,
      message: 'Permission wecs.clusters.manage is required',
    });
  });
});

describe('WecsClient search', () => {
  it('asks with the name, the selector and the filters, and gets the paths', async () => {
    const answer = await client.searchFleet({
      name: 'WE',
      selector: 'app=web',
      filters: { clusters: ['cluster1'], kinds: ['Deployment', 'Pod'] },
      offset: 0,
      limit: 50,
    });
    expect(backend.requests).toEqual([
      'GET /api/wecs/search?name=WE&selector=app%3Dweb&cluster=cluster1&kind=Deployment&kind=Pod&limit=50',
    ]);
    expect(answer).toEqual({
      total: 1,
      offset: 0,
      matches: [
        {
          cluster: 'cluster1',
          namespace: 'shop',
          kind: 'Deployment',
          uids: ['uid-web'],
          positions: [0],
          name: 'web',
          objectKind: 'Deployment',
          resource: expect.objectContaining({ uid: 'uid-web' }),
        },
      ],
    });
    expect(
      (await client.searchFleet({ object: 'cluster1/uid-web' })).total,
    ).toBe(1);
  });

  it('sends every filter of the page, so that its matches are rows of the tree it shows', async () => {
    await client.searchFleet({
      name: 'web',
      filters: {
        phases: ['running'],
        policies: ['web-everywhere'],
        delivered: true,
        labels: { app: 'web' },
        labelSelector: 'tier in (front)',
      },
    });
    expect(backend.requests.at(-1)).toBe(
      'GET /api/wecs/search?name=web&labelSelector=tier+in+%28front%29&status=running&policy=web-everywhere&label=app%3Dweb&delivered=true',
    );
  });

  it("rejects a selector the backend cannot parse, with the backend's message", async () => {
    const error = await client.searchFleet({ selector: 'a in (' }).then(
      () => undefined,
      (e: ResponseError) => e,
    );
    expect(error?.statusCode).toBe(400);
    expect(error?.body.error.message).toBe(
      'unable to parse requirement: "a in ("',
    );
  });
});

describe('WecsClient events', () => {
  it("asks for the events of what an object owns by the object's uid, and only when told", async () => {
    const ref = {
      cluster: 'cluster2',
      namespace: 'staging',
      kind: 'Deployment',
      name: 'image-pull-check',
      uid: 'uid-d',
    };
    // The fake backend serves no events: what matters here is what was asked.
    const ask = (call: Promise<unknown>) => call.catch(() => undefined);
    await ask(client.getEvents(ref, { includeOwned: true }));
    await ask(client.getEvents(ref));
    await ask(
      client.getEvents({ ...ref, uid: undefined }, { includeOwned: true }),
    );
    expect(backend.requests).toEqual([
      'GET /api/wecs/cluster2/events?kind=Deployment&name=image-pull-check&namespace=staging&uid=uid-d&include=owned',
      'GET /api/wecs/cluster2/events?kind=Deployment&name=image-pull-check&namespace=staging&uid=uid-d',
      'GET /api/wecs/cluster2/events?kind=Deployment&name=image-pull-check&namespace=staging',
    ]);
  });
});
