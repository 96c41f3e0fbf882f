import { request } from 'node:https';
import { Fleet } from '../fleet/Fleet';
import { SHOP_NAMESPACE } from '../fleet/workloads';

jest.setTimeout(30_000);

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
  text: string;
}

/** The API semantics clients depend on, checked on the wire against a static fleet. */
describe('ClusterServer', () => {
  let fleet: Fleet;

  beforeAll(async () => {
    fleet = await Fleet.start({
      clusters: 1,
      dynamics: false,
      bookmarkIntervalMs: 200,
    });
  });

  afterAll(() => fleet.stop());

  const call = (
    method: string,
    path: string,
    options: {
      body?: unknown;
      contentType?: string;
      token?: string;
      accept?: string;
      headers?: Record<string, string | string[]>;
      cluster?: string;
    } = {},
  ) =>
    new Promise<Reply>((resolve, reject) => {
      const url = new URL(
        fleet.member(options.cluster ?? 'cluster1').server.url + path,
      );
      const req = request(url, {
        method,
        ca: fleet.tls.caCert,
        agent: false,
        headers: {
          ...(options.token !== ''
            ? {
                Authorization: `Bearer ${
                  options.token ?? fleet.users.admin.token
                }`,
              }
            : {}),
          ...(options.body !== undefined
            ? { 'Content-Type': options.contentType ?? 'application/json' }
            : {}),
          ...(options.accept ? { Accept: options.accept } : {}),
          ...options.headers,
        },
      });
      req.on('response', res => {
        let text = '';
        res.on('data', chunk => (text += chunk));
        res.on('end', () => {
          let body: any;
          try {
            body = JSON.parse(text);
          } catch {
            body = undefined;
          }
          resolve({
            status: res.statusCode!,
            headers: res.headers,
            body,
            text,
          });
        });
      });
      req.on('error', reject);
      if (options.body !== undefined)
        req.write(
          typeof options.body === 'string'
            ? options.body
            : JSON.stringify(options.body),
        );
      req.end();
    });

  const configMap = (name: string) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name },
    data: { a: '1' },
  });

  it('answers 401 with a Status without a valid token', async () => {
    const reply = await call('GET', '/api/v1/pods', { token: 'wrong' });
    expect(reply.status).toBe(401);
    expect(reply.body).toMatchObject({
      kind: 'Status',
      reason: 'Unauthorized',
      code: 401,
    });
    expect((await call('GET', '/version', { token: '' })).status).toBe(200);
  });

  it('serves discovery for core, groups and custom resources', async () => {
    expect((await call('GET', '/api')).body).toMatchObject({
      kind: 'APIVersions',
      versions: ['v1'],
    });
    const groups = (await call('GET', '/apis')).body.groups.map(
      (g: any) => g.name,
    );
    expect(groups).toEqual(
      expect.arrayContaining([
        'apps',
        'batch',
        'events.k8s.io',
        'shop.example.com',
        'work.open-cluster-management.io',
      ]),
    );
    const apps = (await call('GET', '/apis/apps/v1')).body.resources.map(
      (r: any) => r.name,
    );
    expect(apps).toEqual(
      expect.arrayContaining([
        'deployments',
        'deployments/scale',
        'deployments/status',
      ]),
    );
    expect((await call('GET', '/apis/nothing.example/v1')).body).toMatchObject({
      reason: 'NotFound',
      code: 404,
    });
  });

  it('creates, conflicts on a stale resourceVersion, and reports what exists', async () => {
    const created = await call(
      'POST',
      '/api/v1/namespaces/default/configmaps',
      { body: configMap('cas') },
    );
    expect(created.status).toBe(201);
    const stale = created.body.metadata.resourceVersion;
    const updated = await call(
      'PUT',
      '/api/v1/namespaces/default/configmaps/cas',
      {
        body: { ...created.body, data: { a: '2' } },
      },
    );
    expect(updated.status).toBe(200);
    const conflicting = await call(
      'PUT',
      '/api/v1/namespaces/default/configmaps/cas',
      {
        body: {
          ...created.body,
          metadata: { ...created.body.metadata, resourceVersion: stale },
          data: { a: '3' },
        },
      },
    );
    expect(conflicting.status).toBe(409);
    expect(conflicting.body).toMatchObject({
      reason: 'Conflict',
      details: { name: 'cas', kind: 'configmaps' },
    });
    expect(conflicting.body.message).toContain('the object has been modified');
    expect(
      (
        await call('POST', '/api/v1/namespaces/default/configmaps', {
          body: configMap('cas'),
        })
      ).body,
    ).toMatchObject({ reason: 'AlreadyExists', code: 409 });
    expect(
      (
        await call('POST', '/api/v1/namespaces/nowhere/configmaps', {
          body: configMap('x'),
        })
      ).body,
    ).toMatchObject({
      reason: 'NotFound',
      message: 'namespaces "nowhere" not found',
    });
    expect(
      (
        await call('POST', '/api/v1/namespaces/default/configmaps', {
          body: configMap('Bad_Name'),
        })
      ).body,
    ).toMatchObject({ reason: 'Invalid', code: 422 });
  });

  it('refuses a name that is not a string or not a DNS subdomain, and metadata of the wrong types, as kube-apiserver does', async () => {
    const create = (metadata: Record<string, unknown>) =>
      call('POST', '/api/v1/namespaces/default/configmaps', {
        body: { ...configMap('x'), metadata },
      });
    const numeric = await create({ name: 123 });
    expect(numeric.status).toBe(400);
    expect(numeric.body).toMatchObject({
      kind: 'Status',
      reason: 'BadRequest',
      code: 400,
      message:
        'ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.name of type string',
    });
    const owners = await create({ name: 'owned', ownerReferences: 'me' });
    expect(owners.status).toBe(400);
    expect(owners.body.message).toBe(
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal string into Go struct field ObjectMeta.metadata.ownerReferences of type []v1.OwnerReference',
    );
    const label = await create({ name: 'labelled', labels: { a: 1 } });
    expect(label.body.message).toContain(
      'cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string',
    );
    const dotted = await create({ name: 'Not_A_Subdomain' });
    expect(dotted.status).toBe(422);
    expect(dotted.body).toMatchObject({ reason: 'Invalid', code: 422 });
    expect(dotted.body.message).toContain(
      'ConfigMap "Not_A_Subdomain" is invalid: metadata.name: Invalid value: "Not_A_Subdomain": a lowercase RFC 1123 subdomain',
    );
    // A patch cannot bring in what a create cannot.
    expect((await create({ name: 'patched' })).status).toBe(201);
    const patched = await call(
      'PATCH',
      '/api/v1/namespaces/default/configmaps/patched',
      {
        body: { metadata: { ownerReferences: 'me' } },
        headers: { 'Content-Type': 'application/merge-patch+json' },
      },
    );
    expect(patched.status).toBe(400);
  });

  it('patches with JSON patch, merge patch and strategic merge patch', async () => {
    const path = `/apis/apps/v1/namespaces/${SHOP_NAMESPACE}/deployments/storefront`;
    const json = await call('PATCH', path, {
      body: [{ op: 'replace', path: '/spec/replicas', value: 5 }],
      contentType: 'application/json-patch+json',
    });
    expect(json.body.spec.replicas).toBe(5);
    expect(json.body.metadata.generation).toBe(2);
    const merge = await call('PATCH', path, {
      body: { metadata: { labels: { patched: 'yes' } } },
      contentType: 'application/merge-patch+json',
    });
    expect(merge.body.metadata.labels.patched).toBe('yes');
    const strategic = await call('PATCH', path, {
      body: {
        spec: {
          template: {
            spec: { containers: [{ name: 'web', image: 'storefront:2' }] },
          },
        },
      },
      contentType: 'application/strategic-merge-patch+json',
    });
    expect(
      strategic.body.spec.template.spec.containers.map(
        (c: any) => `${c.name}=${c.image}`,
      ),
    ).toEqual([
      'web=storefront:2',
      'log-shipper-sidecar=fluent/fluent-bit:3.1.9',
    ]);
    const custom = await call(
      'PATCH',
      `/apis/shop.example.com/v1/namespaces/${SHOP_NAMESPACE}/databases/orders-db`,
      {
        body: { spec: { replicas: 2 } },
        contentType: 'application/strategic-merge-patch+json',
      },
    );
    expect(custom.status).toBe(415);
  });

  it('serves and updates the scale subresource', async () => {
    const path = `/apis/apps/v1/namespaces/${SHOP_NAMESPACE}/statefulsets/payments/scale`;
    const scale = await call('GET', path);
    expect(scale.body).toMatchObject({
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      spec: { replicas: 2 },
      status: { selector: 'app.kubernetes.io/name=payments' },
    });
    const patched = await call('PATCH', path, {
      body: { spec: { replicas: 3 } },
      contentType: 'application/merge-patch+json',
    });
    expect(patched.body.spec.replicas).toBe(3);
    expect(
      (
        await call(
          'GET',
          `/apis/apps/v1/namespaces/${SHOP_NAMESPACE}/statefulsets/payments`,
        )
      ).body.spec.replicas,
    ).toBe(3);
  });

  it('keeps status out of main-resource updates and spec out of status updates', async () => {
    const path = `/apis/shop.example.com/v1/namespaces/${SHOP_NAMESPACE}/databases/orders-db`;
    const current = (await call('GET', path)).body;
    const main = await call('PUT', path, {
      body: {
        ...current,
        spec: { ...current.spec, version: '17' },
        status: { phase: 'Hacked' },
      },
    });
    expect(main.body.status.phase).toBe('Ready');
    expect(main.body.spec.version).toBe('17');
    const status = await call('PUT', `${path}/status`, {
      body: {
        ...main.body,
        spec: { engine: 'mysql' },
        status: { phase: 'Degraded' },
      },
    });
    expect(status.body.status.phase).toBe('Degraded');
    expect(status.body.spec.engine).toBe('postgres');
  });

  it('filters lists by label and field selectors, and refuses unknown fields', async () => {
    const pods = await call(
      'GET',
      `/api/v1/namespaces/${SHOP_NAMESPACE}/configmaps?labelSelector=${encodeURIComponent(
        'app.kubernetes.io/part-of in (shop)',
      )}`,
    );
    expect(pods.body.items.map((i: any) => i.metadata.name)).toEqual([
      'storefront-config',
    ]);
    expect(pods.body.items[0].kind).toBeUndefined();
    const byName = await call(
      'GET',
      `/api/v1/configmaps?fieldSelector=metadata.name%3Dstorefront-config`,
    );
    expect(byName.body.items).toHaveLength(1);
    expect(
      (await call('GET', '/api/v1/configmaps?fieldSelector=data.a%3D1')).body,
    ).toMatchObject({
      code: 400,
      message: 'field label not supported: data.a',
    });
  });

  it('streams watch events filtered by selector, with bookmarks, until timeoutSeconds', async () => {
    const list = await call('GET', '/api/v1/namespaces/default/configmaps');
    const rv = list.body.metadata.resourceVersion;
    const watching = call(
      'GET',
      `/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${rv}&labelSelector=w%3D1&allowWatchBookmarks=true&timeoutSeconds=1`,
    );
    await call('POST', '/api/v1/namespaces/default/configmaps', {
      body: {
        ...configMap('w1'),
        metadata: { name: 'w1', labels: { w: '1' } },
      },
    });
    await call('POST', '/api/v1/namespaces/default/configmaps', {
      body: configMap('unlabelled'),
    });
    await call('PATCH', '/api/v1/namespaces/default/configmaps/w1', {
      body: { metadata: { labels: { w: '2' } } },
      contentType: 'application/merge-patch+json',
    });
    const events = (await watching).text
      .trim()
      .split('\n')
      .map(line => JSON.parse(line));
    const changes = events
      .filter(e => e.type !== 'BOOKMARK')
      .map(e => `${e.type} ${e.object.metadata.name}`);
    expect(changes).toEqual(['ADDED w1', 'DELETED w1']);
    expect(
      events.some(
        e =>
          e.type === 'BOOKMARK' &&
          Number(e.object.metadata.resourceVersion) > Number(rv),
      ),
    ).toBe(true);
  });

  it('sends initial events and the end-of-initial-events bookmark when asked', async () => {
    const reply = await call(
      'GET',
      `/api/v1/namespaces/${SHOP_NAMESPACE}/services?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&timeoutSeconds=1`,
    );
    const events = reply.text
      .trim()
      .split('\n')
      .map(line => JSON.parse(line));
    expect(
      events.filter(e => e.type === 'ADDED').map(e => e.object.metadata.name),
    ).toEqual(['payments', 'storefront']);
    expect(events[2]).toMatchObject({
      type: 'BOOKMARK',
      object: {
        metadata: { annotations: { 'k8s.io/initial-events-end': 'true' } },
      },
    });
  });

  it('refuses an Accept header it cannot serve, as a real API server does', async () => {
    const refused = await call('GET', '/api/v1/namespaces', {
      accept: 'text/html',
    });
    expect(refused.status).toBe(406);
    expect(refused.body).toMatchObject({
      reason: 'NotAcceptable',
      message: expect.stringContaining('application/json, application/yaml'),
    });
    const kubectlAccept =
      'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';
    expect(
      (await call('GET', '/api/v1/namespaces', { accept: kubectlAccept }))
        .status,
    ).toBe(200);
  });

  it('answers with map keys sorted, as Go encodes them', async () => {
    const created = await call(
      'POST',
      '/api/v1/namespaces/default/configmaps',
      {
        body: {
          metadata: { name: 'unsorted', labels: { zeta: '1', alpha: '2' } },
          data: { b: '1', a: '2' },
        },
      },
    );
    expect(Object.keys(created.body.data)).toEqual(['a', 'b']);
    expect(Object.keys(created.body.metadata.labels)).toEqual([
      'alpha',
      'zeta',
    ]);
  });

  it('answers an expired continue token with 410', async () => {
    const first = await call('GET', '/api/v1/namespaces?limit=2');
    expect(first.body.metadata.continue).toBeTruthy();
    expect(first.body.metadata.remainingItemCount).toBeGreaterThan(0);
    await call('POST', '/api/v1/namespaces/default/configmaps', {
      body: configMap('bump'),
    });
    fleet.expireHistory('cluster1');
    const next = await call(
      'GET',
      `/api/v1/namespaces?limit=2&continue=${first.body.metadata.continue}`,
    );
    expect(next.status).toBe(410);
    expect(next.body).toMatchObject({ reason: 'Expired' });
  });

  it('serves events as core/v1 and as events.k8s.io/v1', async () => {
    const pod =
      (await call('GET', '/api/v1/namespaces/restricted/pods')).body.items[0] ??
      (
        await call('POST', '/api/v1/namespaces/default/pods', {
          body: {
            apiVersion: 'v1',
            kind: 'Pod',
            metadata: { name: 'evented' },
            spec: { containers: [{ name: 'c', image: 'busybox:1' }] },
          },
        })
      ).body;
    const event = {
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: { name: 'evented.1', namespace: pod.metadata.namespace },
      regarding: {
        kind: 'Pod',
        name: pod.metadata.name,
        namespace: pod.metadata.namespace,
        uid: pod.metadata.uid,
      },
      reason: 'Tested',
      note: 'written through events.k8s.io',
      type: 'Normal',
      reportingController: 'fleet-sim-test',
      reportingInstance: 'test',
      action: 'Test',
      eventTime: new Date().toISOString(),
    };
    expect(
      (
        await call(
          'POST',
          `/apis/events.k8s.io/v1/namespaces/${pod.metadata.namespace}/events`,
          { body: event },
        )
      ).status,
    ).toBe(201);
    const core = await call(
      'GET',
      `/api/v1/namespaces/${pod.metadata.namespace}/events?fieldSelector=involvedObject.name%3D${pod.metadata.name}`,
    );
    expect(core.body.items.map((e: any) => e.message)).toContain(
      'written through events.k8s.io',
    );
    const v1 = await call(
      'GET',
      `/apis/events.k8s.io/v1/namespaces/${pod.metadata.namespace}/events/evented.1`,
    );
    expect(v1.body).toMatchObject({
      apiVersion: 'events.k8s.io/v1',
      note: 'written through events.k8s.io',
      regarding: { name: pod.metadata.name },
    });
  });

  it('injects 429 with Retry-After and 500 for a number of requests', async () => {
    fleet.failRequests('cluster1', 429, 1, 3);
    const limited = await call('GET', '/api/v1/namespaces');
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('3');
    fleet.failRequests('cluster1', 500, 1);
    expect((await call('GET', '/api/v1/namespaces')).status).toBe(500);
    expect((await call('GET', '/api/v1/namespaces')).status).toBe(200);
  });

  it('stalls open watch streams until released', async () => {
    const list = await call('GET', '/api/v1/namespaces/default/configmaps');
    const watching = call(
      'GET',
      `/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${list.body.metadata.resourceVersion}&timeoutSeconds=2`,
    );
    await new Promise(resolve => setTimeout(resolve, 200));
    fleet.stallWatches('cluster1', true);
    await call('POST', '/api/v1/namespaces/default/configmaps', {
      body: configMap('unseen'),
    });
    const reply = await watching;
    fleet.stallWatches('cluster1', false);
    expect(reply.text).toBe('');
  });

  it('refuses connections while unreachable and serves again on the same port', async () => {
    const port = fleet.member('cluster1').server.port;
    await fleet.setReachable('cluster1', false);
    await expect(call('GET', '/api/v1/namespaces')).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
    await fleet.setReachable('cluster1', true);
    expect(fleet.member('cluster1').server.port).toBe(port);
    expect((await call('GET', '/api/v1/namespaces')).status).toBe(200);
  });

  it('deletes with cascading and orphaning propagation', async () => {
    const rs = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'owner' },
      spec: {
        replicas: 0,
        selector: { matchLabels: { a: 'b' } },
        template: {
          metadata: { labels: { a: 'b' } },
          spec: { containers: [{ name: 'c', image: 'i:1' }] },
        },
      },
    };
    const dependent = (owner: any, name: string) => ({
      ...configMap(name),
      metadata: {
        name,
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            name: owner.metadata.name,
            uid: owner.metadata.uid,
          },
        ],
      },
    });
    const owner = (
      await call('POST', '/apis/apps/v1/namespaces/default/replicasets', {
        body: rs,
      })
    ).body;
    await call('POST', '/api/v1/namespaces/default/configmaps', {
      body: dependent(owner, 'owned'),
    });
    const deleted = await call(
      'DELETE',
      '/apis/apps/v1/namespaces/default/replicasets/owner',
    );
    expect(deleted.body).toMatchObject({ kind: 'Status', status: 'Success' });
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(
      (await call('GET', '/api/v1/namespaces/default/configmaps/owned')).status,
    ).toBe(404);

    const owner2 = (
      await call('POST', '/apis/apps/v1/namespaces/default/replicasets', {
        body: rs,
      })
    ).body;
    await call('POST', '/api/v1/namespaces/default/configmaps', {
      body: dependent(owner2, 'orphan'),
    });
    await call(
      'DELETE',
      '/apis/apps/v1/namespaces/default/replicasets/owner?propagationPolicy=Orphan',
    );
    const orphan = await call(
      'GET',
      '/api/v1/namespaces/default/configmaps/orphan',
    );
    expect(orphan.status).toBe(200);
    expect(orphan.body.metadata.ownerReferences).toBeUndefined();
  });

  it('serves pod logs with tailLines, limitBytes and clear errors', async () => {
    const pod = (
      await call('POST', '/api/v1/namespaces/default/pods', {
        body: {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'logger' },
          spec: {
            containers: [
              { name: 'a', image: 'busybox:1' },
              { name: 'b', image: 'busybox:1' },
            ],
          },
        },
      })
    ).body;
    const logs = fleet.member('cluster1').runtime.logs;
    for (let i = 1; i <= 5; i++)
      logs.append(pod.metadata.uid, 'a', `line ${i}`);
    await call('PUT', '/api/v1/namespaces/default/pods/logger/status', {
      body: {
        ...pod,
        status: {
          phase: 'Running',
          containerStatuses: ['a', 'b'].map(name => ({
            name,
            ready: true,
            restartCount: 0,
            state: { running: {} },
          })),
        },
      },
    });
    expect(
      (
        await call(
          'GET',
          '/api/v1/namespaces/default/pods/logger/log?container=a&tailLines=2',
        )
      ).text,
    ).toBe('line 4\nline 5\n');
    expect(
      (
        await call(
          'GET',
          '/api/v1/namespaces/default/pods/logger/log?container=a&limitBytes=9',
        )
      ).text,
    ).toBe('line 1\nli');
    expect(
      (
        await call(
          'GET',
          '/api/v1/namespaces/default/pods/logger/log?container=a&timestamps=true&tailLines=1',
        )
      ).text,
    ).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z line 5\n$/);
    // sinceTime reaches the kubelet to the second, as RFC 3339 without fractions: the lines of
    // that whole second come back.
    const second = Math.ceil(Date.now() / 1000) * 1000 + 60_000;
    const at = (ms: number) =>
      new Date(ms).toISOString().replace('Z', '000000Z');
    logs.append(pod.metadata.uid, 'a', 'early', second - 1);
    logs.append(pod.metadata.uid, 'a', 'same second', second + 200);
    logs.append(pod.metadata.uid, 'a', 'later', second + 700);
    expect(
      (
        await call(
          'GET',
          `/api/v1/namespaces/default/pods/logger/log?container=a&timestamps=true&sinceTime=${at(
            second + 500,
          )}`,
        )
      ).text,
    ).toBe(`${at(second + 200)} same second\n${at(second + 700)} later\n`);
    const badTime = await call(
      'GET',
      '/api/v1/namespaces/default/pods/logger/log?container=a&sinceTime=yesterday',
    );
    expect(badTime.body).toMatchObject({
      code: 400,
      message: expect.stringContaining('parsing time "yesterday"'),
    });
    const both = await call(
      'GET',
      '/api/v1/namespaces/default/pods/logger/log?container=a&sinceSeconds=5&sinceTime=2026-12-07T18:00:05Z',
    );
    expect(both.body.message).toContain('at most one of');
    // Logs are plain text, yet a real API server refuses `Accept: text/plain` for them.
    expect(
      (
        await call(
          'GET',
          '/api/v1/namespaces/default/pods/logger/log?container=a',
          {
            accept: 'text/plain',
          },
        )
      ).status,
    ).toBe(406);
    const ambiguous = await call(
      'GET',
      '/api/v1/namespaces/default/pods/logger/log',
    );
    expect(ambiguous.body).toMatchObject({
      code: 400,
      message:
        'a container name must be specified for pod logger, choose one of: [a b]',
    });
    const previous = await call(
      'GET',
      '/api/v1/namespaces/default/pods/logger/log?container=a&previous=true',
    );
    expect(previous.body.message).toBe(
      'previous terminated container "a" in pod "logger" not found',
    );
  });

  it('approves a CSR through its approval subresource, refusing what the real strategy refuses', async () => {
    const its = { cluster: 'its1' };
    const csrs = '/apis/certificates.k8s.io/v1/certificatesigningrequests';
    const [pending] = (await call('GET', csrs, its)).body.items;
    const name = pending.metadata.name;
    const withConditions = (conditions: unknown[]) => ({
      ...pending,
      apiVersion: 'certificates.k8s.io/v1',
      kind: 'CertificateSigningRequest',
      metadata: { name, resourceVersion: pending.metadata.resourceVersion },
      spec: { ...pending.spec, signerName: 'changed.example.com/not-kept' },
      status: { conditions },
    });
    const both = await call('PUT', `${csrs}/${name}/approval`, {
      ...its,
      body: withConditions([
        { type: 'Approved', status: 'True' },
        { type: 'Denied', status: 'True' },
      ]),
    });
    expect(both.status).toBe(422);
    expect(both.body.message).toContain(
      'Approved and Denied conditions are mutually exclusive',
    );
    const approved = await call('PUT', `${csrs}/${name}/approval`, {
      ...its,
      body: withConditions([
        { type: 'Approved', status: 'True', reason: 'Test', message: 'ok' },
      ]),
    });
    expect(approved.status).toBe(200);
    expect(approved.body.spec.signerName).toBe(
      'kubernetes.io/kube-apiserver-client',
    );
    expect(approved.body.status.conditions).toEqual([
      {
        type: 'Approved',
        status: 'True',
        reason: 'Test',
        message: 'ok',
        lastUpdateTime: expect.stringMatching(/Z$/),
        lastTransitionTime: expect.stringMatching(/Z$/),
      },
    ]);
    const removed = await call('PUT', `${csrs}/${name}/approval`, {
      ...its,
      body: { ...withConditions([]), metadata: { name } },
    });
    expect(removed.body.message).toContain(
      'updates may not remove a condition of type "Approved"',
    );
    const discovery = await call('GET', '/apis/certificates.k8s.io/v1', its);
    expect(
      discovery.body.resources.find(
        (r: any) => r.name === 'certificatesigningrequests/approval',
      ).verbs,
    ).toEqual(['get', 'patch', 'update']);
  });

  it('reviews tokens, as a TokenReview on a real API server does', async () => {
    const review = (token: string, as?: string) =>
      call('POST', '/apis/authentication.k8s.io/v1/tokenreviews', {
        token: as,
        body: {
          apiVersion: 'authentication.k8s.io/v1',
          kind: 'TokenReview',
          spec: { token },
        },
      });
    const known = await review(fleet.users.restricted.token);
    expect(known.status).toBe(201);
    expect(known.body.status).toEqual({
      authenticated: true,
      user: { username: 'wecs-restricted', groups: ['system:authenticated'] },
    });
    expect((await review('nobody')).body.status).toEqual({ user: {} });
    // A token only the ITS knows means nothing to a WEC.
    expect((await review(fleet.users.hubRestricted.token)).body.status).toEqual(
      { user: {} },
    );
    expect(
      (await review('x', fleet.users.restricted.token)).body.message,
    ).toMatch(/cannot create resource "tokenreviews"/);
    expect(
      (await call('GET', '/apis/authentication.k8s.io/v1/tokenreviews')).status,
    ).toBe(405);
  });

  it('applies impersonation headers for those RBAC lets impersonate', async () => {
    const asRestricted = {
      headers: { 'Impersonate-User': 'wecs-restricted' },
    };
    expect(
      (await call('GET', '/api/v1/namespaces/default/configmaps', asRestricted))
        .status,
    ).toBe(200);
    expect(
      (await call('GET', '/api/v1/namespaces/restricted/pods', asRestricted))
        .body.message,
    ).toBe(
      'pods is forbidden: User "wecs-restricted" cannot list resource "pods" in API group "" in the namespace "restricted"',
    );
    const asMaster = await call('GET', '/api/v1/namespaces/restricted/pods', {
      headers: {
        'Impersonate-User': 'someone',
        'Impersonate-Group': ['team', 'system:masters'],
      },
    });
    expect(asMaster.status).toBe(200);
    const stranger = await call('GET', '/api/v1/namespaces/default/pods', {
      headers: { 'Impersonate-User': 'someone' },
    });
    expect(stranger.body.message).toBe(
      'pods is forbidden: User "someone" cannot list resource "pods" in API group "" in the namespace "default"',
    );
    const refused = await call('GET', '/api/v1/namespaces/default/pods', {
      token: fleet.users.restricted.token,
      headers: { 'Impersonate-User': 'kubernetes-admin' },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe(
      'users "kubernetes-admin" is forbidden: User "wecs-restricted" cannot impersonate resource "users" in API group "" at the cluster scope',
    );
  });
});
