import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { denyingPermissionsFactory } from '../__testUtils__/testBackends';
import {
  startTestFleet,
  TestFleet,
  testFleetKinds,
} from '../__testUtils__/testFleets';
import request from 'supertest';
import { wecsPlugin } from '../plugin';

jest.setTimeout(180_000);

/**
 * The REST routes through a real Backstage test backend, against the simulated fleet and
 * against real API servers (when built).
 */
describe.each(testFleetKinds())('WECS REST routes against the %s', kind => {
  let fleet: TestFleet;
  let server: any;
  const settleMs = kind === 'kwok' ? 90_000 : 30_000;
  let denied: Set<string>;
  const user = () => mockCredentials.user.header();

  beforeAll(async () => {
    fleet = await startTestFleet(kind);
    denied = new Set();
    ({ server } = await startTestBackend({
      features: [
        wecsPlugin,
        // Denies whichever permissions a test puts in `denied`.
        denyingPermissionsFactory(denied),
        mockServices.rootConfig.factory({
          data: {
            wecs: {
              kubeconfig: {
                path: fleet.kubeconfigPath,
                contexts: ['cluster1', 'cluster2'],
              },
            },
          },
        }),
      ],
    }));
    const deadline = Date.now() + settleMs;
    for (;;) {
      const clusters = await request(server)
        .get('/api/wecs/clusters')
        .set('Authorization', user());
      if (
        clusters.body.items?.every(
          (c: any) => c.state === 'connected' && c.counts.total > 20,
        )
      )
        break;
      if (Date.now() > deadline)
        throw new Error(
          `clusters did not connect: ${JSON.stringify(clusters.body)}`,
        );
      await new Promise(resolve => setTimeout(resolve, 200));
    }
  });

  afterEach(() => denied.clear());

  afterAll(() => fleet?.stop());

  /** The API server's own answer for a path, or its HTTP status when it refuses. */
  const fromCluster = (cluster: string, path: string) =>
    fleet
      .client(cluster)
      .getJson(path)
      .catch(error => error.statusCode as number);

  it('lists resources of a cluster with filters', async () => {
    const res = await request(server)
      .get('/api/wecs/cluster1/resources?kind=Deployment&namespace=shop')
      .set('Authorization', user());
    expect(res.status).toBe(200);
    expect(res.body.items.map((r: any) => r.name)).toEqual(['storefront']);
    const fleetWide = await request(server)
      .get(
        '/api/wecs/resources?label=backstage.io/kubernetes-id=storefront&kind=Deployment',
      )
      .set('Authorization', user());
    expect(fleetWide.body.items.map((r: any) => r.cluster)).toEqual([
      'cluster1',
      'cluster2',
    ]);
    // What KubeStellar delivered: the objects the OCM work agent owns, and nothing else.
    const all = await request(server)
      .get('/api/wecs/cluster1/resources?kind=Deployment,ConfigMap')
      .set('Authorization', user());
    const delivered = await request(server)
      .get(
        '/api/wecs/cluster1/resources?kind=Deployment,ConfigMap&delivered=true',
      )
      .set('Authorization', user());
    expect(delivered.status).toBe(200);
    const byWorkAgent = (r: any) =>
      r.owners?.some((o: any) => o.kind === 'AppliedManifestWork');
    expect(delivered.body.items.length).toBeGreaterThan(0);
    expect(delivered.body.items.every(byWorkAgent)).toBe(true);
    expect(delivered.body.items).toEqual(all.body.items.filter(byWorkAgent));
    for (const [query, message] of [
      ['delivered=maybe', 'The delivered filter must be true or false'],
      ['policy=Not%20A%20Name', 'Invalid binding policy "Not A Name"'],
    ]) {
      const bad = await request(server)
        .get(`/api/wecs/resources?${query}`)
        .set('Authorization', user());
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toBe(message);
    }
  });

  it('pages resources as the Kubernetes API does, with limit and continue', async () => {
    const get = (query: string) =>
      request(server)
        .get(`/api/wecs/resources?${query}`)
        .set('Authorization', user());
    const all = await get('kind=Pod,ConfigMap&limit=500');
    expect(all.status).toBe(200);
    const everything = all.body.items.map((r: any) => `${r.cluster}/${r.uid}`);
    const seen: string[] = [];
    let token: string | undefined;
    for (let page = 0; page < 100; page++) {
      const res = await get(
        `kind=Pod,ConfigMap&limit=7${token ? `&continue=${token}` : ''}`,
      );
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(7);
      seen.push(...res.body.items.map((r: any) => `${r.cluster}/${r.uid}`));
      token = res.body.metadata.continue;
      if (!token) break;
      expect(res.body.metadata.remainingItemCount).toBeGreaterThan(0);
    }
    // The fleet changes meanwhile (pods come and go): what was listed is in order, once.
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter(id => everything.includes(id)).length).toBeGreaterThan(
      everything.length / 2,
    );
    const bad = await get('continue=not-a-token');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/Invalid continue token/);
    const tooMany = await get('limit=100000');
    expect(tooMany.status).toBe(400);
  });

  it('searches names and label selectors, answering with the paths of the tree', async () => {
    const search = (query: string) =>
      request(server)
        .get(`/api/wecs/search?${query}`)
        .set('Authorization', user());
    const byName = await search('name=STOREFRONT&cluster=cluster1&limit=3');
    expect(byName.status).toBe(200);
    expect(byName.body.total).toBeGreaterThan(3);
    expect(byName.body.matches).toHaveLength(3);
    // The Deployment comes first; its ReplicaSets and pods nest under it.
    expect(byName.body.matches[0]).toMatchObject({
      cluster: 'cluster1',
      namespace: 'shop',
      kind: 'Deployment',
      name: 'storefront',
      positions: [expect.any(Number)],
    });
    expect(byName.body.matches[1].uids[0]).toBe(byName.body.matches[0].uids[0]);
    const bySelector = await search(
      `selector=${encodeURIComponent(
        'backstage.io/kubernetes-id in (storefront),app notin (nothing)',
      )}&kind=Deployment`,
    );
    expect(
      bySelector.body.matches.map(
        (m: any) => `${m.cluster}:${m.objectKind}:${m.name}`,
      ),
    ).toEqual([
      'cluster1:Deployment:storefront',
      'cluster2:Deployment:storefront',
    ]);
    const located = await search(
      `object=cluster1/${byName.body.matches[1].uids[1]}`,
    );
    expect(located.body.matches[0].uids).toEqual(byName.body.matches[1].uids);
    for (const [query, message] of [
      ['selector=app%20in%20web', 'expected "(" after in'],
      ['', 'Search for something'],
      ['object=cluster1', 'object must be <cluster>/<uid>'],
      ['name=x&limit=501', 'limit must be a whole number from 0 to 500'],
    ]) {
      const res = await search(query);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
    }
  });

  it('reads one object fresh from the cluster, without managedFields', async () => {
    const res = await request(server)
      .get('/api/wecs/cluster1/shop/Deployment/storefront')
      .set('Authorization', user());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      kind: 'Deployment',
      metadata: { name: 'storefront', namespace: 'shop' },
    });
    expect(res.body.metadata.managedFields).toBeUndefined();
    const scoped = await request(server)
      .get('/api/wecs/cluster1/-/StorageClass/standard')
      .set('Authorization', user());
    expect(scoped.body.provisioner).toBe('rancher.io/local-path');
  });

  it('lists the types a cluster serves, and lists an unwatched kind when asked', async () => {
    const types = await request(server)
      .get('/api/wecs/cluster1/types')
      .set('Authorization', user());
    expect(types.status).toBe(200);
    const typeOf = (wanted: string) =>
      types.body.items.find(
        (t: any) => t.kind === wanted && !t.apiVersion.startsWith('events'),
      );
    expect(typeOf('Deployment')).toMatchObject({ watched: true });
    expect(typeOf('Node')).toMatchObject({
      apiVersion: 'v1',
      resource: 'nodes',
      namespaced: false,
      watched: false,
    });
    // No list verb, so not offered: a review is created, never listed.
    expect(typeOf('SubjectAccessReview')).toBeUndefined();

    const nodes = await request(server)
      .get('/api/wecs/cluster1/objects?kind=Node')
      .set('Authorization', user());
    expect(nodes.status).toBe(200);
    const ownList = await fromCluster('cluster1', '/api/v1/nodes');
    expect(nodes.body.truncated).toBe(false);
    expect(Date.parse(nodes.body.listedAt)).not.toBeNaN();
    expect(nodes.body.items.map((n: any) => n.name).sort()).toEqual(
      ownList.items.map((n: any) => n.metadata.name).sort(),
    );
    expect(nodes.body.items[0]).toMatchObject({
      cluster: 'cluster1',
      apiVersion: 'v1',
      kind: 'Node',
      resource: 'nodes',
    });

    const inShop = await request(server)
      .get('/api/wecs/cluster1/objects?kind=ConfigMap&namespace=shop')
      .set('Authorization', user());
    expect(inShop.body.items.length).toBeGreaterThan(0);
    expect(inShop.body.items.every((c: any) => c.namespace === 'shop')).toBe(
      true,
    );
    // The configured exclusions hold here too: kube-system's pods stay out.
    const systemPods = await fromCluster(
      'cluster1',
      '/api/v1/namespaces/kube-system/pods',
    );
    expect(systemPods.items.length).toBeGreaterThan(0);
    const pods = await request(server)
      .get('/api/wecs/cluster1/objects?kind=Pod')
      .set('Authorization', user());
    expect(pods.body.items.length).toBeGreaterThan(0);
    expect(
      pods.body.items.some((p: any) => p.namespace === 'kube-system'),
    ).toBe(false);
  });

  it('redacts Secret values without the Secret permission', async () => {
    const path = '/api/wecs/cluster1/shop/Secret/payments-credentials';
    const full = await request(server).get(path).set('Authorization', user());
    expect(Buffer.from(full.body.data.password, 'base64').toString()).toBe(
      's3cr3t-demo-password',
    );
    denied.add('wecs.secrets.read');
    const redacted = await request(server)
      .get(path)
      .set('Authorization', user());
    expect(redacted.body.data).toEqual({
      username: '<redacted>',
      password: '<redacted>',
    });
    // Sent back, the marker would replace the values: refused before anything else.
    const edit = await request(server)
      .put(path)
      .set('Authorization', user())
      .send(redacted.body);
    expect(edit.status).toBe(400);
    expect(edit.body.error.message).toMatch(
      /^The body holds "<redacted>" at data\.(username|password):/,
    );
    const withValues = await request(server)
      .put(path)
      .set('Authorization', user())
      .send(full.body);
    expect(withValues.status).toBe(403);
  });

  it('replaces an object and refuses a stale resourceVersion with 409', async () => {
    const path = '/api/wecs/cluster2/shop/ConfigMap/storefront-config';
    const current = (
      await request(server).get(path).set('Authorization', user())
    ).body;
    const updated = await request(server)
      .put(path)
      .set('Authorization', user())
      .send({ ...current, data: { ...current.data, LOG_FORMAT: 'text' } });
    expect(updated.status).toBe(200);
    expect(updated.body.data.LOG_FORMAT).toBe('text');
    const stale = await request(server)
      .put(path)
      .set('Authorization', user())
      .send(current);
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toContain('the object has been modified');
  });

  it('patches, creates and deletes, and each needs its permission', async () => {
    const patched = await request(server)
      .patch('/api/wecs/cluster2/shop/Deployment/storefront?type=merge')
      .set('Authorization', user())
      .set('Content-Type', 'application/merge-patch+json')
      .send({ metadata: { labels: { patched: 'yes' } } });
    expect(patched.status).toBe(200);
    expect(patched.body.metadata.labels.patched).toBe('yes');

    const object = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'from-wecs', namespace: 'shop' },
      data: { a: '1' },
    };
    denied.add('wecs.resources.create');
    expect(
      (
        await request(server)
          .post('/api/wecs/cluster2/objects')
          .set('Authorization', user())
          .send(object)
      ).status,
    ).toBe(403);
    denied.clear();
    const created = await request(server)
      .post('/api/wecs/cluster2/objects')
      .set('Authorization', user())
      .send(object);
    expect(created.status).toBe(201);
    const again = await request(server)
      .post('/api/wecs/cluster2/objects')
      .set('Authorization', user())
      .send(object);
    expect(again.status).toBe(409);

    denied.add('wecs.resources.delete');
    expect(
      (
        await request(server)
          .delete('/api/wecs/cluster2/shop/ConfigMap/from-wecs')
          .set('Authorization', user())
      ).status,
    ).toBe(403);
    denied.clear();
    const deleted = await request(server)
      .delete(
        '/api/wecs/cluster2/shop/ConfigMap/from-wecs?propagationPolicy=Background',
      )
      .set('Authorization', user());
    expect(deleted.status).toBe(200);
    expect(
      await fromCluster(
        'cluster2',
        '/api/v1/namespaces/shop/configmaps/from-wecs',
      ),
    ).toBe(404);

    denied.add('wecs.resources.update');
    expect(
      (
        await request(server)
          .patch('/api/wecs/cluster2/shop/Deployment/storefront')
          .set('Authorization', user())
          .send({})
      ).status,
    ).toBe(403);
  });

  it('returns events of one object, newest first', async () => {
    const deployment = (
      await request(server)
        .get('/api/wecs/cluster1/shop/Deployment/storefront')
        .set('Authorization', user())
    ).body;
    const res = await request(server)
      .get(
        `/api/wecs/cluster1/events?namespace=shop&kind=Deployment&name=storefront&uid=${deployment.metadata.uid}`,
      )
      .set('Authorization', user());
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(
      res.body.items.every((e: any) => e.involvedObject.name === 'storefront'),
    ).toBe(true);
    expect(res.body.items[0]).toMatchObject({
      type: 'Normal',
      reason: 'ScalingReplicaSet',
    });
  });

  it('streams logs over HTTP and needs the log permission', async () => {
    const pod = 'payments-0';
    const deadline = Date.now() + settleMs;
    let res: request.Response;
    // A pod has logs once it runs and its container has written a line.
    for (;;) {
      res = await request(server)
        .get(
          `/api/wecs/cluster1/logs?namespace=shop&pod=${pod}&container=web&tailLines=1`,
        )
        .set('Authorization', user());
      if (res.status === 200 && res.text.trim()) break;
      if (Date.now() > deadline)
        throw new Error(`${pod} never logged: ${res.status} ${res.text}`);
      await new Promise(resolve => setTimeout(resolve, 500));
    }
    expect(res.status).toBe(200);
    expect(res.text.trim().split('\n')).toHaveLength(1);
    expect(res.text).toContain('[payments/web]');
    const missing = await request(server)
      .get(`/api/wecs/cluster1/logs?namespace=shop&pod=${pod}&container=nope`)
      .set('Authorization', user());
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('container nope is not valid');
    denied.add('wecs.logs.read');
    expect(
      (
        await request(server)
          .get(`/api/wecs/cluster1/logs?namespace=shop&pod=${pod}`)
          .set('Authorization', user())
      ).status,
    ).toBe(403);
  });

  it.each([
    ['/api/wecs/cluster1/resources?status=sleeping', 400, 'Invalid status'],
    ['/api/wecs/cluster1/resources?namespace=Bad_NS', 400, 'Invalid namespace'],
    ['/api/wecs/cluster9/resources', 404, 'No cluster named cluster9'],
    ['/api/wecs/Cluster_X/resources', 400, 'Invalid cluster name'],
    ['/api/wecs/cluster1/shop/Nonsense/x', 404, 'serves no kind Nonsense'],
    [
      '/api/wecs/cluster1/-/Deployment/storefront',
      400,
      'Deployment is namespaced',
    ],
    ['/api/wecs/cluster1/shop/Deployment/no-such-thing', 404, 'not found'],
    ['/api/wecs/cluster1/logs?pod=x', 400, 'namespace is required'],
    ['/api/wecs/cluster1/objects', 400, 'Name the kind to list'],
    ['/api/wecs/cluster1/objects?kind=No-Kind', 400, 'Invalid kind'],
    [
      '/api/wecs/cluster1/objects?kind=Node&apiVersion=apps%2Fv9',
      404,
      'serves no kind Node that can be listed in apps/v9',
    ],
    ['/api/wecs/cluster1/events?uid=not_a_uid', 400, 'Invalid uid'],
    [
      '/api/wecs/cluster1/logs?namespace=shop&pod=x&tailLines=-1',
      400,
      'tailLines must be',
    ],
    // Numbers are plain decimal digits, flags true or false, labels label syntax.
    [
      '/api/wecs/cluster1/logs?namespace=shop&pod=x&tailLines=0x10',
      400,
      'tailLines must be a whole number from 0 to 1000000, in decimal digits; "0x10" is not',
    ],
    [
      '/api/wecs/cluster1/logs?namespace=shop&pod=x&tailLines=1e3',
      400,
      '"1e3" is not',
    ],
    [
      '/api/wecs/cluster1/logs?namespace=shop&pod=x&sinceSeconds=%2B5',
      400,
      'sinceSeconds must be a whole number',
    ],
    [
      '/api/wecs/cluster1/logs?namespace=shop&pod=x&follow=yes',
      400,
      'follow must be true or false',
    ],
    ['/api/wecs/search?name=x&limit=1e2', 400, 'limit must be a whole number'],
    ['/api/wecs/resources?limit=0x10', 400, 'limit must be a whole number'],
    ['/api/wecs/resources?continue=a&continue=b', 400, 'Give continue once'],
    [
      '/api/wecs/resources?label=__proto__=x',
      400,
      'Invalid label key "__proto__" in the label filter',
    ],
    [
      '/api/wecs/resources?label=app=not%20a%20value',
      400,
      'Invalid label value "not a value" for app',
    ],
    [
      '/api/wecs/cluster1/shop/Deployment/storefront?apiVersion=..%2Fv1',
      400,
      'Invalid apiVersion "../v1"',
    ],
  ])('answers %s clearly', async (path, status, message) => {
    const res = await request(server).get(path).set('Authorization', user());
    expect(res.status).toBe(status);
    expect(res.body.error.message).toContain(message);
  });

  it('refuses a patch of an unknown type, or not sent as JSON, with a 4xx that says so and changes nothing', async () => {
    const deployment = '/api/wecs/cluster1/shop/Deployment/storefront';
    const patch = (query: string) =>
      request(server)
        .patch(`${deployment}${query}`)
        .set('Authorization', user());
    for (const type of [
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
    ]) {
      const res = await patch(`?type=${type}`).send({
        metadata: { labels: { patched: 'yes' } },
      });
      expect({ type, status: res.status }).toEqual({ type, status: 400 });
      expect(res.body.error.message).toBe(
        `Invalid patch type "${type}"; expected one of merge, json or strategic, given once`,
      );
    }
    const twice = await patch('?type=merge&type=json').send({});
    expect(twice.status).toBe(400);
    const text = await patch('')
      .set('Content-Type', 'text/plain')
      .send('{"metadata": {"labels": {"patched": "yes"}}}');
    expect(text.status).toBe(415);
    expect(text.body.error.message).toBe(
      'Send the request body as JSON: Content-Type application/json, application/merge-patch+json, application/json-patch+json, application/strategic-merge-patch+json; got "text/plain"',
    );
    const numericNamespace = await request(server)
      .post('/api/wecs/cluster1/objects')
      .set('Authorization', user())
      .send({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'x', namespace: 5 },
      });
    expect(numericNamespace.status).toBe(400);
    expect(numericNamespace.body.error.message).toBe(
      'Invalid metadata.namespace 5',
    );
    const empty = await patch('');
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toBe('The body must be a JSON patch');
    const jsonAsObject = await patch('?type=json').send({ op: 'add' });
    expect(jsonAsObject.status).toBe(400);
    expect(jsonAsObject.body.error.message).toContain('JSON array');
    const grace = await request(server)
      .delete(`${deployment}?gracePeriodSeconds=1e3`)
      .set('Authorization', user());
    expect(grace.status).toBe(400);
    expect(grace.body.error.message).toContain('gracePeriodSeconds must be');
    const stored = await fromCluster(
      'cluster1',
      '/apis/apps/v1/namespaces/shop/deployments/storefront',
    );
    expect(stored.metadata.labels?.patched).toBeUndefined();
    expect(stored.metadata.deletionTimestamp).toBeUndefined();
  });

  it('answers every error with a message and a request id: no stack, no path, no echo of the body', async () => {
    const anonymous = await request(server)
      .get('/api/wecs/clusters')
      .set('Authorization', mockCredentials.none.header());
    expect(anonymous.status).toBe(401);
    const badJson = await request(server)
      .post('/api/wecs/cluster1/objects')
      .set('Authorization', user())
      .set('Content-Type', 'application/json')
      .send('{"kind": "ConfigMap", "data": {"password": "hunter2"');
    expect(badJson.status).toBe(400);
    expect(badJson.body.error.message).toBe(
      'The request body is not valid JSON',
    );
    const missing = await request(server)
      .get('/api/wecs/cluster9/resources')
      .set('Authorization', user());
    for (const res of [anonymous, badJson, missing]) {
      expect(Object.keys(res.body.error).sort()).toEqual(['message', 'name']);
      expect(res.body.request.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.headers['x-request-id']).toBe(res.body.request.id);
      expect(res.text).not.toMatch(/stack|\/work\/|node_modules|hunter2/);
    }
  });

  it('reconnects a cluster only for those who may manage clusters', async () => {
    denied.add('wecs.clusters.manage');
    const refused = await request(server)
      .post('/api/wecs/clusters/cluster1/reconnect')
      .set('Authorization', user());
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe(
      'Permission wecs.clusters.manage is required',
    );
    denied.clear();
    const allowed = await request(server)
      .post('/api/wecs/clusters/cluster1/reconnect')
      .set('Authorization', user());
    expect(allowed.status).toBe(202);
  });

  it('refuses an unknown propagation policy before deleting anything', async () => {
    const res = await request(server)
      .delete(
        '/api/wecs/cluster1/shop/Deployment/storefront?propagationPolicy=Never',
      )
      .set('Authorization', user());
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('Invalid propagationPolicy');
    expect(
      await fromCluster(
        'cluster1',
        '/apis/apps/v1/namespaces/shop/deployments/storefront',
      ),
    ).toMatchObject({ metadata: { name: 'storefront' } });
  });

  it('refreshes one cluster or the fleet from the API servers, behind the read permission', async () => {
    const one = await request(server)
      .post('/api/wecs/clusters/cluster1/refresh')
      .set('Authorization', user());
    expect(one.status).toBe(200);
    expect(one.body.items).toEqual([
      expect.objectContaining({ cluster: 'cluster1', at: expect.any(String) }),
    ]);
    expect(one.body.items[0].lists).toBeGreaterThanOrEqual(
      one.body.items[0].types,
    );
    expect(one.body.items[0].error).toBeUndefined();

    const fleetWide = await request(server)
      .post('/api/wecs/refresh?role=wec')
      .set('Authorization', user());
    expect(fleetWide.status).toBe(200);
    expect(fleetWide.body.items.map((r: any) => r.cluster).sort()).toEqual([
      'cluster1',
      'cluster2',
    ]);
    const ofOtherRoles = await request(server)
      .post('/api/wecs/refresh?role=wds')
      .set('Authorization', user());
    expect(ofOtherRoles.body.items).toEqual([]);

    for (const [path, status] of [
      ['/api/wecs/refresh?role=hub', 400],
      ['/api/wecs/clusters/Not_A_Name/refresh', 400],
      ['/api/wecs/clusters/cluster9/refresh', 404],
    ] as const) {
      const refused = await request(server)
        .post(path)
        .set('Authorization', user());
      expect({ path, status: refused.status }).toEqual({ path, status });
      expect(refused.body.error.message).toBeTruthy();
    }

    denied.add('wecs.resources.read');
    const forbidden = await request(server)
      .post('/api/wecs/clusters/cluster1/refresh')
      .set('Authorization', user());
    expect(forbidden.status).toBe(403);
  });

  it('reports a cluster that goes down, and reconnects on request', async () => {
    await fleet.setReachable('cluster2', false);
    const deadline = Date.now() + 20_000;
    let cluster2: any;
    do {
      await new Promise(resolve => setTimeout(resolve, 200));
      cluster2 = (
        await request(server)
          .get('/api/wecs/clusters')
          .set('Authorization', user())
      ).body.items.find((c: any) => c.name === 'cluster2');
      // Connections cut mid-handshake fail their own ways first; the retries meet a closed port.
    } while (
      !(
        cluster2.state === 'disconnected' &&
        /ECONNREFUSED/.test(cluster2.lastError ?? '')
      ) &&
      Date.now() < deadline
    );
    expect(cluster2.state).toBe('disconnected');
    expect(cluster2.lastError).toMatch(/ECONNREFUSED/);
    const down = await request(server)
      .get('/api/wecs/cluster2/shop/Deployment/storefront')
      .set('Authorization', user());
    expect(down.status).toBe(503);
    expect(down.body.error.message).toMatch(
      /^cluster2 could not be reached: .*ECONNREFUSED/,
    );
    await fleet.setReachable('cluster2', true);
    const reconnect = await request(server)
      .post('/api/wecs/clusters/cluster2/reconnect')
      .set('Authorization', user());
    expect(reconnect.status).toBe(202);
    do {
      await new Promise(resolve => setTimeout(resolve, 200));
      cluster2 = (
        await request(server)
          .get('/api/wecs/clusters')
          .set('Authorization', user())
      ).body.items.find((c: any) => c.name === 'cluster2');
    } while (cluster2.state !== 'connected' && Date.now() < deadline + 20_000);
    expect(cluster2.state).toBe('connected');
  });
});
