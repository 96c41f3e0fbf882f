import { mockCredentials } from '@backstage/backend-test-utils';
import {
  FLEET_SNAPSHOT_PATH,
  FLEET_SOCKET_PATH,
  FLEET_STREAM_PATH,
  FleetClientMessage,
  FleetViewQuery,
  LOGS_SOCKET_PATH,
  LOGS_STREAM_PATH,
  WECS_SOCKET_PROTOCOL,
} from '@kubestellar/plugin-wecs-common';
import { Fleet } from '@kubestellar/fleet-sim';
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { WebSocket } from 'ws';
import { startFleet, waitFor } from './__testUtils__/simulatedFleet';
import { startWecsBackend } from './__testUtils__/testBackends';
import { createRouter } from './service/router';
import { createStreamRouter } from './sockets/streamRoutes';

jest.setTimeout(180_000);

/**
 * The sweep of #18: a Secret value planted where KubeStellar carries it (the WDS Secret, the
 * ManifestWork that delivers it and its status feedback, the WEC's copy, a WorkStatus, a
 * CombinedStatus, last-applied annotations, Helm's release records) never shows, plain or in
 * base64, in any answer of any route or any message of any socket to a user without
 * `wecs.secrets.read`; with it, the Secret reads in full.
 */

const VALUE = `sweep-${randomUUID()}`;
const base64 = (text: string) => Buffer.from(text).toString('base64');
/** A Helm release as Helm stores it: gzipped JSON, base64, with the chart's Secret inside. */
const HELM_RELEASE = base64(
  gzipSync(
    JSON.stringify({
      name: 'sweep',
      manifest: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: chart-db\ndata:\n  password: ${base64(
        VALUE,
      )}\n`,
    }),
  ).toString('base64'),
);
/** Every form in which the planted value could leak. */
const NEEDLES = [VALUE, base64(VALUE), HELM_RELEASE, base64(HELM_RELEASE)];
const leaked = (text: string) => NEEDLES.filter(n => text.includes(n));

const NS = 'vault';
const SECRET = 'sweep-credentials';
const WORK = 'sweep-wds1-0';
const APPLIED_WORK = 'sweep-applied';
const HELM_SECRET = 'sh.helm.release.v1.sweep.v1';
const HELM_CONFIGMAP = 'sh.helm.release.v1.sweep.v2';
const COMBINED = 'sweep-status';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const SWEEP_LABELS = { 'app.kubernetes.io/part-of': 'sweep' };
const ALL_ROLES = ['wec', 'its', 'wds'];

const secretManifest = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: SECRET, namespace: NS, labels: SWEEP_LABELS },
  type: 'Opaque',
  data: { password: base64(VALUE), username: base64('sweeper') },
};

/** What kubectl apply leaves on an object: itself, values included, as JSON. */
const applied = (object: object) => ({
  [LAST_APPLIED]: JSON.stringify({ ...object, stringData: { token: VALUE } }),
});

/**
 * Plants the value: a WDS Secret a BindingPolicy selects (the simulated KubeStellar makes the
 * ManifestWork on the ITS and delivers the Secret to cluster1), then what the status return,
 * kubectl and Helm add beside it.
 */
function plant(fleet: Fleet) {
  const wds = fleet.member('wds1').runtime;
  const its = fleet.member('its1').runtime;
  const wec = fleet.member('cluster1').runtime;
  wds.create({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: NS, labels: SWEEP_LABELS },
  } as any);
  wds.create({
    ...secretManifest,
    metadata: {
      ...secretManifest.metadata,
      annotations: applied(secretManifest),
    },
  } as any);
  wds.create({
    apiVersion: 'control.kubestellar.io/v1alpha1',
    kind: 'BindingPolicy',
    metadata: { name: 'sweep' },
    spec: {
      clusterSelectors: [{ matchLabels: { name: 'cluster1' } }],
      downsync: [
        {
          apiGroup: '',
          resources: ['namespaces', 'secrets'],
          objectSelectors: [{ matchLabels: SWEEP_LABELS }],
        },
      ],
    },
  } as any);
  fleet.tick();
  const work = its.find(
    'work.open-cluster-management.io/v1',
    'ManifestWork',
    'cluster1',
    WORK,
  );
  if (!work) throw new Error('KubeStellar made no ManifestWork for the sweep');
  // The work agent's status feedback of the Secret: a field, and the whole object as JSON.
  its.replace({
    ...work,
    status: {
      ...(work as any).status,
      resourceStatus: {
        manifests: [
          {
            resourceMeta: {
              ordinal: 1,
              group: '',
              version: 'v1',
              kind: 'Secret',
              resource: 'secrets',
              name: SECRET,
              namespace: NS,
            },
            statusFeedbacks: {
              values: [
                {
                  name: 'password',
                  fieldValue: { type: 'String', string: VALUE },
                },
                {
                  name: 'whole',
                  fieldValue: {
                    type: 'JsonRaw',
                    jsonRaw: JSON.stringify(secretManifest),
                  },
                },
              ],
            },
            conditions: [],
          },
        ],
      },
    },
  } as any);
  // A ManifestWork someone applied with kubectl: its last-applied copy embeds the Secret too.
  const appliedWork = {
    apiVersion: 'work.open-cluster-management.io/v1',
    kind: 'ManifestWork',
    metadata: { name: APPLIED_WORK, namespace: 'cluster1' },
    spec: { workload: { manifests: [secretManifest] } },
  };
  its.create({
    ...appliedWork,
    metadata: {
      ...appliedWork.metadata,
      annotations: {
        [LAST_APPLIED]: JSON.stringify(appliedWork),
      },
    },
  } as any);
  its.create({
    apiVersion: 'control.kubestellar.io/v1alpha1',
    kind: 'WorkStatus',
    metadata: { name: SECRET, namespace: 'cluster1' },
    spec: {
      sourceRef: {
        group: '',
        version: 'v1',
        resource: 'secrets',
        kind: 'Secret',
        name: SECRET,
        namespace: NS,
      },
    },
    status: { data: { password: base64(VALUE) }, note: VALUE },
  } as any);
  wds.create({
    apiVersion: 'control.kubestellar.io/v1alpha1',
    kind: 'CombinedStatus',
    metadata: {
      name: COMBINED,
      namespace: NS,
      labels: {
        'status.kubestellar.io/api-group': '',
        'status.kubestellar.io/resource': 'secrets',
        'status.kubestellar.io/namespace': NS,
        'status.kubestellar.io/name': SECRET,
        'status.kubestellar.io/binding-policy': 'sweep',
      },
    },
    results: [
      {
        name: 'passwords',
        columnNames: ['cluster', 'password'],
        rows: [
          {
            columns: [
              { type: 'String', string: 'cluster1' },
              { type: 'String', string: VALUE },
            ],
          },
        ],
      },
    ],
  } as any);
  wec.create({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: HELM_SECRET,
      namespace: NS,
      labels: { owner: 'helm', name: 'sweep', status: 'deployed' },
    },
    type: 'helm.sh/release.v1',
    data: { release: base64(HELM_RELEASE) },
  } as any);
  wec.create({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: HELM_CONFIGMAP,
      namespace: NS,
      labels: { owner: 'helm', name: 'sweep', status: 'deployed' },
    },
    data: { release: HELM_RELEASE },
  } as any);
  const delivered = wec.find('v1', 'Secret', NS, SECRET);
  if (!delivered) throw new Error('KubeStellar did not deliver the Secret');
  return { deliveredOwner: delivered.metadata.ownerReferences![0].uid! };
}

/** One request of the sweep. */
interface Call {
  method: string;
  path: string;
  body?: unknown;
  contentType?: string;
  /** What the answer must be; by default any status below 500. */
  status?: number;
}

/** A JSON patch that copies the delivered password into an annotation of its ManifestWork. */
const COPY_OUT: Call = {
  method: 'PATCH',
  path: `/its1/cluster1/ManifestWork/${WORK}?type=json`,
  contentType: 'application/json-patch+json',
  body: [
    {
      op: 'copy',
      from: '/spec/workload/manifests/1/data/password',
      path: '/metadata/annotations/copied',
    },
  ],
};

/** Each object that carries the value, as `cluster/namespace/kind/name`. */
const CARRIERS = [
  `wds1/${NS}/Secret/${SECRET}`,
  `wds1/${NS}/CombinedStatus/${COMBINED}`,
  `its1/cluster1/ManifestWork/${WORK}`,
  `its1/cluster1/ManifestWork/${APPLIED_WORK}`,
  `its1/cluster1/WorkStatus/${SECRET}`,
  `cluster1/${NS}/Secret/${SECRET}`,
  `cluster1/${NS}/Secret/${HELM_SECRET}`,
  `cluster1/${NS}/ConfigMap/${HELM_CONFIGMAP}`,
];

const kindOf = (carrier: string) => carrier.split('/')[2];
const clusterOf = (carrier: string) => carrier.split('/')[0];

/** Every view the fleet socket serves, by level: a new level fails to compile until listed. */
function viewQueries(owner: string): {
  [L in FleetViewQuery['level']]: Array<Extract<FleetViewQuery, { level: L }>>;
} {
  return {
    clusters: [{ level: 'clusters' }],
    namespaces: ['cluster1', 'its1', 'wds1'].map(cluster => ({
      level: 'namespaces' as const,
      cluster,
    })),
    kinds: [
      { level: 'kinds', cluster: 'cluster1', namespace: NS },
      { level: 'kinds', cluster: 'its1', namespace: 'cluster1' },
    ],
    instances: CARRIERS.map(carrier => {
      const [cluster, namespace, kind] = carrier.split('/');
      return { level: 'instances' as const, cluster, namespace, kind };
    }),
    owned: [{ level: 'owned', cluster: 'cluster1', uid: owner }],
    objects: [{ level: 'objects' }],
    policies: [{ level: 'policies' }],
    stagedNamespaces: [{ level: 'stagedNamespaces', cluster: 'wds1' }],
    staged: [{ level: 'staged', cluster: 'wds1', namespace: NS }],
    workloads: [{ level: 'workloads', cluster: 'wds1', policy: 'sweep' }],
  };
}

let ownerUid = '';

/** One message of each type a fleet client sends, covering the planted objects. */
function fleetMessages(): {
  [T in FleetClientMessage['type']]: Extract<FleetClientMessage, { type: T }>;
}[FleetClientMessage['type']][] {
  const byType: {
    [T in FleetClientMessage['type']]: Extract<FleetClientMessage, { type: T }>;
  } = {
    subscribe: { type: 'subscribe', filters: { roles: ALL_ROLES as any } },
    views: {
      type: 'views',
      filters: { roles: ALL_ROLES as any },
      views: Object.values(viewQueries(ownerUid))
        .flat()
        .map((query, index) => ({ id: `v${index}`, query })),
    },
    search: {
      type: 'search',
      id: 'sweep',
      name: 'sweep',
      filters: { roles: ALL_ROLES as any },
    },
    ping: { type: 'ping' },
  };
  return Object.values(byType);
}

/** The messages a streamed fleet response or a snapshot takes: those that open views. */
const streamedMessages = () =>
  fleetMessages().filter(m => m.type === 'subscribe' || m.type === 'views');

/** Whether the messages answer `message` whole: its snapshot, its search, every view's window. */
function answered(message: FleetClientMessage, answers: any[]): boolean {
  if (message.type === 'subscribe')
    return answers.some(a => a.type === 'snapshot');
  if (message.type === 'search') return answers.some(a => a.type === 'found');
  if (message.type === 'views') {
    const windows = new Set(
      answers.filter(a => a.type === 'window').map(a => a.view),
    );
    return message.views.every(view => windows.has(view.id));
  }
  return true;
}

/**
 * How the sweep calls each route the plugin registers, by `METHOD path`. A route missing here
 * fails the test: add it, with calls that reach what it can send.
 */
const ROUTE_CALLS: Record<string, (pod: string) => Call[]> = {
  'GET /health': () => [{ method: 'GET', path: '/health', status: 200 }],
  'GET /clusters': () => [{ method: 'GET', path: '/clusters', status: 200 }],
  'POST /clusters/:cluster/reconnect': () => [
    { method: 'POST', path: '/clusters/cluster2/reconnect' },
  ],
  'GET /resources': () => [
    { method: 'GET', path: `/resources?role=${ALL_ROLES}`, status: 200 },
    {
      method: 'GET',
      path: `/resources?role=${ALL_ROLES}&namespace=${NS},cluster1&kind=Secret,ConfigMap,ManifestWork,WorkStatus,CombinedStatus`,
      status: 200,
    },
  ],
  'GET /:cluster/resources': () =>
    ['cluster1', 'its1', 'wds1'].map(cluster => ({
      method: 'GET',
      path: `/${cluster}/resources?role=${ALL_ROLES}`,
      status: 200,
    })),
  'GET /search': () => [
    {
      method: 'GET',
      path: `/search?name=sweep&role=${ALL_ROLES}`,
      status: 200,
    },
    { method: 'GET', path: `/search?name=sh.helm&role=${ALL_ROLES}` },
  ],
  'GET /:cluster/events': () =>
    ['cluster1', 'its1', 'wds1'].map(cluster => ({
      method: 'GET',
      path: `/${cluster}/events`,
      status: 200,
    })),
  'GET /:cluster/types': () => [
    { method: 'GET', path: '/cluster1/types', status: 200 },
  ],
  'GET /:cluster/objects': () =>
    CARRIERS.map(carrier => ({
      method: 'GET',
      path: `/${clusterOf(carrier)}/objects?kind=${kindOf(carrier)}`,
      status: 200,
    })),
  'GET /:cluster/logs': pod => [
    {
      method: 'GET',
      path: `/cluster1/logs?namespace=shop&pod=${pod}&container=web&tailLines=20`,
      status: 200,
    },
  ],
  'GET /clusters/:cluster/object': () => [
    { method: 'GET', path: '/clusters/cluster1/object', status: 200 },
  ],
  // Its own ManagedCluster sent back by the sweep itself, in `run`.
  'PUT /clusters/:cluster/object': () => [],
  'GET /:cluster/:namespace/:kind/:name': () =>
    CARRIERS.map(carrier => ({
      method: 'GET',
      path: `/${carrier}`,
      status: 200,
    })),
  // The objects read without the permission, sent back: refused, in `run`.
  'PUT /:cluster/:namespace/:kind/:name': () => [],
  'PATCH /:cluster/:namespace/:kind/:name': () => [
    // What carries a value may not be changed: a patch could copy the value out, or make the
    // carrier stop being one.
    ...CARRIERS.map(carrier => ({
      method: 'PATCH',
      path: `/${carrier}?type=merge`,
      contentType: 'application/merge-patch+json',
      body: { metadata: { labels: { owner: null, swept: 'yes' } } },
      status: 403,
    })),
    { ...COPY_OUT, status: 403 },
    {
      method: 'PATCH',
      path: '/cluster1/shop/ConfigMap/storefront-config?type=merge',
      contentType: 'application/merge-patch+json',
      body: { metadata: { labels: { swept: 'yes' } } },
      status: 200,
    },
  ],
  'POST /:cluster/objects': () => [
    {
      method: 'POST',
      path: '/cluster1/objects',
      body: {
        ...secretManifest,
        metadata: { name: 'sweep-created', namespace: NS },
      },
      status: 201,
    },
  ],
  'DELETE /:cluster/:namespace/:kind/:name': () => [
    {
      method: 'DELETE',
      path: `/cluster1/${NS}/Secret/sweep-created`,
      status: 200,
    },
  ],
  'POST /clusters/:cluster/accept': () => [
    { method: 'POST', path: '/clusters/cluster1/accept', status: 409 },
  ],
  'POST /clusters/:cluster/detach': () => [
    { method: 'POST', path: '/clusters/cluster3/detach', status: 409 },
  ],
  'POST /refresh': () => [{ method: 'POST', path: '/refresh', status: 200 }],
  'POST /clusters/:cluster/refresh': () => [
    { method: 'POST', path: '/clusters/its1/refresh', status: 200 },
  ],
  [`POST ${FLEET_SNAPSHOT_PATH}`]: () =>
    streamedMessages().map(message => ({
      method: 'POST',
      path: FLEET_SNAPSHOT_PATH,
      body: message,
      status: 200,
    })),
  // Streamed: read in `run` until their first messages came.
  [`POST ${FLEET_STREAM_PATH}`]: () => [],
  [`GET ${LOGS_STREAM_PATH}`]: () => [],
};

/** The routes the plugin's routers register, as `METHOD path`. */
async function registeredRoutes(): Promise<string[]> {
  const stub = { transports: [] } as any;
  const routers = [await createRouter(stub), createStreamRouter(stub)];
  return routers.flatMap(router =>
    (router as any).stack
      .filter((layer: any) => layer.route)
      .flatMap((layer: any) =>
        Object.keys(layer.route.methods).map(
          method => `${method.toUpperCase()} ${layer.route.path}`,
        ),
      ),
  );
}

describe('Secret values, swept from every route and socket', () => {
  let stopFleet: () => Promise<void>;
  let backend: Awaited<ReturnType<typeof startWecsBackend>>;
  const denied = new Set<string>(['wecs.secrets.read']);
  const user = mockCredentials.user.header();
  let pod = '';

  const call = async ({ method, path, body, contentType }: Call) => {
    const response = await fetch(`${backend.baseUrl}${path}`, {
      method,
      headers: {
        Authorization: user,
        ...(body !== undefined
          ? { 'Content-Type': contentType ?? 'application/json' }
          : {}),
      },
      ...(body !== undefined
        ? { body: typeof body === 'string' ? body : JSON.stringify(body) }
        : {}),
    });
    return { status: response.status, text: await response.text() };
  };

  beforeAll(async () => {
    const simulated = await startFleet({ clusters: 2, dynamics: false });
    stopFleet = simulated.stop;
    ({ deliveredOwner: ownerUid } = plant(simulated.fleet));
    backend = await startWecsBackend({
      webSockets: true,
      denied,
      wecs: {
        its: { context: 'its1', kubeconfigPath: simulated.kubeconfigPath },
        wds: { contexts: ['wds1'], kubeconfigPath: simulated.kubeconfigPath },
      },
    });
    await waitFor(
      'the planted objects in the store',
      async () => {
        const found = await call({
          method: 'GET',
          path: `/search?name=${SECRET}&role=${ALL_ROLES}`,
        });
        return found.status === 200 && (JSON.parse(found.text).total ?? 0) >= 2;
      },
      60_000,
    );
    // Without the simulator's timers, its kubelet starts the pods as the fleet is ticked.
    await waitFor(
      'a running storefront pod',
      async () => {
        simulated.fleet.tick();
        const found = await call({
          method: 'GET',
          path: '/cluster1/resources?kind=Pod&namespace=shop&name=storefront-&status=running',
        });
        pod = JSON.parse(found.text).items?.[0]?.name ?? '';
        return pod !== '';
      },
      60_000,
    );
  });

  afterAll(async () => {
    await backend?.stop();
    await stopFleet?.();
  });

  it('sweeps every route the routers register, and the sweep lists no other', async () => {
    const routes = await registeredRoutes();
    expect(routes.filter(route => !(route in ROUTE_CALLS))).toEqual([]);
    expect(Object.keys(ROUTE_CALLS).filter(r => !routes.includes(r))).toEqual(
      [],
    );
  });

  it('shows the value in no answer of any route to a user without the Secret permission', async () => {
    const leaks: string[] = [];
    const unexpected: string[] = [];
    const check = (what: string, text: string) => {
      const found = leaked(text);
      if (found.length) leaks.push(`${what}: ${found.length} form(s) of it`);
    };
    for (const [route, calls] of Object.entries(ROUTE_CALLS)) {
      for (const request of calls(pod)) {
        const { status, text } = await call(request);
        const what = `${route} as ${request.method} ${request.path}`;
        const expected =
          request.status === undefined
            ? status < 500
            : status === request.status;
        if (!expected) unexpected.push(`${what}: ${status} ${text}`);
        check(what, text);
      }
    }

    expect(leaks).toEqual([]);
    expect(unexpected).toEqual([]);

    // Each carrier read without the permission and sent back whole: refused, naming where.
    for (const carrier of CARRIERS) {
      const read = await call({ method: 'GET', path: `/${carrier}` });
      const put = await call({
        method: 'PUT',
        path: `/${carrier}`,
        body: JSON.parse(read.text),
      });
      expect([carrier, put.status]).toEqual([carrier, 400]);
      expect(JSON.parse(put.text).error.message).toContain(
        'The body holds "<redacted>" at ',
      );
      check(`PUT /${carrier}`, put.text);
    }
    const managed = await call({
      method: 'GET',
      path: '/clusters/cluster1/object',
    });
    const putManaged = await call({
      method: 'PUT',
      path: '/clusters/cluster1/object',
      body: JSON.parse(managed.text),
    });
    expect(putManaged.status).toBe(200);
    check('PUT /clusters/cluster1/object', putManaged.text);

    // The streamed routes, read until they answered whole (or ended).
    const streamed = async (
      path: string,
      init: RequestInit,
      whole: (messages: any[]) => boolean,
    ) => {
      const abort = new AbortController();
      const response = await fetch(`${backend.baseUrl}${path}`, {
        ...init,
        signal: abort.signal,
      });
      expect([path, response.status]).toEqual([path, 200]);
      let text = '';
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      const messages = () =>
        text
          .split('\n\n')
          .slice(0, -1)
          .flatMap(event =>
            event
              .split('\n')
              .filter(line => line.startsWith('data:'))
              .map(line => JSON.parse(line.slice('data:'.length))),
          );
      for (;;) {
        const { value, done } = await reader.read();
        if (value) text += decoder.decode(value, { stream: true });
        if (done || whole(messages())) break;
      }
      abort.abort();
      return text;
    };
    for (const message of streamedMessages()) {
      check(
        `POST ${FLEET_STREAM_PATH} ${message.type}`,
        await streamed(
          FLEET_STREAM_PATH,
          {
            method: 'POST',
            headers: {
              Authorization: user,
              'Content-Type': 'application/json',
            },
            body: JSON.stringify(message),
          },
          messages => answered(message, messages),
        ),
      );
    }
    check(
      `GET ${LOGS_STREAM_PATH}`,
      await streamed(
        `${LOGS_STREAM_PATH}?cluster=cluster1&namespace=shop&pod=${pod}&container=web&tailLines=20`,
        { headers: { Authorization: user } },
        messages => messages.some(m => m.type === 'lines'),
      ),
    );
    expect(leaks).toEqual([]);
  });

  it('sends the value in no message of either socket to a user without the Secret permission', async () => {
    const base = backend.baseUrl.replace(/^http/, 'ws');
    const open = async (path: string) => {
      const ws = new WebSocket(`${base}${path}`, [WECS_SOCKET_PROTOCOL], {
        headers: { Authorization: user },
      });
      const texts: string[] = [];
      ws.on('message', data => texts.push(data.toString()));
      await new Promise((resolve, reject) => {
        ws.once('open', resolve);
        ws.once('error', reject);
      });
      return { ws, texts };
    };

    const fleet = await open(FLEET_SOCKET_PATH);
    for (const message of fleetMessages()) {
      const before = fleet.texts.length;
      fleet.ws.send(JSON.stringify(message));
      if (message.type === 'ping') continue;
      await waitFor(`answers to ${message.type}`, () =>
        answered(
          message,
          fleet.texts.slice(before).map(t => JSON.parse(t)),
        ),
      );
    }
    const all = fleet.texts.join('\n');
    // The planted objects were sent (their names), never their values.
    for (const name of [SECRET, WORK, APPLIED_WORK, HELM_SECRET, COMBINED])
      expect([name, all.includes(name)]).toEqual([name, true]);
    expect(fleet.texts.filter(t => JSON.parse(t).type === 'error')).toEqual([]);
    fleet.ws.close();

    const logs = await open(
      `${LOGS_SOCKET_PATH}?cluster=cluster1&namespace=shop&pod=${pod}&container=web&tailLines=20`,
    );
    await waitFor('log lines', () =>
      logs.texts.some(t => JSON.parse(t).type === 'lines'),
    );
    logs.ws.close();

    expect(leaked(all)).toEqual([]);
    expect(leaked(logs.texts.join('\n'))).toEqual([]);
  });

  it('reads the Secret, and what carries it, in full with the Secret permission', async () => {
    denied.delete('wecs.secrets.read');
    try {
      const secret = await call({
        method: 'GET',
        path: `/cluster1/${NS}/Secret/${SECRET}`,
      });
      expect(JSON.parse(secret.text).data.password).toBe(base64(VALUE));
      // The copy refused above is what a patch could do: with the permission, it is done.
      const copied = await call(COPY_OUT);
      expect(copied.status).toBe(200);
      expect(JSON.parse(copied.text).metadata.annotations.copied).toBe(
        base64(VALUE),
      );
      // Every carrier holds the value: what the sweep found missing was hidden, not absent.
      for (const carrier of CARRIERS) {
        const { text } = await call({ method: 'GET', path: `/${carrier}` });
        expect([carrier, leaked(text).length > 0]).toEqual([carrier, true]);
      }
    } finally {
      denied.add('wecs.secrets.read');
    }
  });
});
