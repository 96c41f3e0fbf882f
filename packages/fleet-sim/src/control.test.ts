import { AddressInfo } from 'node:net';
import { Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { startControlServer } from './control';
import { Fleet } from './fleet/Fleet';

jest.setTimeout(30_000);

/** The loopback control API, as `./wecs` and benchmarks drive it from another process. */
describe('control API', () => {
  let fleet: Fleet;
  let control: Server;
  let base: string;
  let dir: string;
  let kubeconfigPath: string;

  const call = async (method: string, path: string, body?: string) => {
    const res = await fetch(`${base}${path}`, {
      method,
      ...(body !== undefined
        ? { body, headers: { 'Content-Type': 'application/json' } }
        : {}),
    });
    return { status: res.status, body: await res.json() };
  };
  const contexts = () =>
    (parse(readFileSync(kubeconfigPath, 'utf8')).contexts as any[]).map(
      c => c.name,
    );

  beforeAll(async () => {
    fleet = await Fleet.start({ clusters: 1, dynamics: false });
    dir = mkdtempSync(join(tmpdir(), 'fleet-sim-control-'));
    kubeconfigPath = join(dir, 'kubeconfig');
    fleet.writeKubeconfig(kubeconfigPath);
    control = await startControlServer(fleet, 0);
    base = `http://127.0.0.1:${(control.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    control.close();
    await fleet.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts a joining WEC and adds its context to the kubeconfig written', async () => {
    const reply = await call(
      'POST',
      '/clusters',
      JSON.stringify({ name: 'edge-1', labels: { 'location-group': 'edge' } }),
    );
    expect(reply).toEqual({
      status: 201,
      body: {
        name: 'edge-1',
        server: expect.stringMatching(/^https:\/\/127\.0\.0\.1:\d+$/),
        context: 'edge-1',
      },
    });
    expect(contexts()).toEqual([
      'kind-kubeflex',
      'its1',
      'wds1',
      'cluster1',
      'edge-1',
    ]);
    const listed = (await call('GET', '/clusters')).body as any[];
    expect(listed.map(c => [c.name, c.role, c.member])).toEqual([
      ['kind-kubeflex', 'host', undefined],
      ['its1', 'its', undefined],
      ['wds1', 'wds', undefined],
      ['cluster1', 'wec', true],
      ['cluster2', 'wec', false],
      ['edge-1', 'wec', false],
    ]);
    expect(listed[5].url).toBe(reply.body.server);
    const its = fleet.member('its1').runtime;
    const cluster = its.find(
      'cluster.open-cluster-management.io/v1',
      'ManagedCluster',
      undefined,
      'edge-1',
    )!;
    expect(cluster.metadata.labels).toMatchObject({ 'location-group': 'edge' });
    expect((cluster.spec as any).hubAcceptsClient).toBe(false);
    expect((cluster.status as any).conditions).toEqual([]);
    const [csr] = its.list(
      'certificates.k8s.io/v1',
      'CertificateSigningRequest',
      undefined,
      'open-cluster-management.io/cluster-name=edge-1',
    );
    expect(csr.metadata.name).toMatch(/^edge-1-[a-z0-9]{5}$/);
    expect((csr.spec as any).signerName).toBe(
      'kubernetes.io/kube-apiserver-client',
    );
    expect(fleet.pendingClusters).toEqual(['cluster2', 'edge-1']);
    expect(fleet.memberWecNames).toEqual(['cluster1']);
  });

  it('refuses a name in use with 409', async () => {
    expect(
      await call('POST', '/clusters', JSON.stringify({ name: 'cluster1' })),
    ).toEqual({
      status: 409,
      body: { error: 'a cluster named cluster1 already exists' },
    });
    await fleet.member('its1').runtime.create({
      apiVersion: 'cluster.open-cluster-management.io/v1',
      kind: 'ManagedCluster',
      metadata: { name: 'ghost' },
      spec: { hubAcceptsClient: false },
    });
    expect(
      await call('POST', '/clusters', JSON.stringify({ name: 'ghost' })),
    ).toEqual({
      status: 409,
      body: { error: 'the ITS already has a ManagedCluster named ghost' },
    });
  });

  it('refuses a bad name, bad labels and a body that is not JSON with 400', async () => {
    const refused = async (body: string, error: RegExp) => {
      const reply = await call('POST', '/clusters', body);
      expect(reply.status).toBe(400);
      expect(reply.body.error).toMatch(error);
    };
    await refused('{"name": "Edge_2"}', /"Edge_2" is not an RFC 1123 label/);
    await refused(`{"name": "${'a'.repeat(64)}"}`, /longer than 63/);
    await refused('{}', /name must be a string/);
    await refused('{"name": ', /the body is not JSON/);
    await refused('[1]', /must be a JSON object/);
    await refused(
      '{"name": "edge-2", "labels": {"region": 1}}',
      /label "region": the value must be a string/,
    );
    await refused(
      '{"name": "edge-2", "labels": {"a b": "c"}}',
      /label key "a b"/,
    );
    await refused(
      '{"name": "edge-2", "labels": "edge"}',
      /labels must be an object/,
    );
    expect(contexts()).not.toContain('edge-2');
  });

  it("injects an object no API server would accept into a cluster's lists and watches", async () => {
    const client = fleet.member('cluster1');
    const before = client.cluster.store.currentRevision;
    const reply = await call(
      'POST',
      '/clusters/cluster1/inject',
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 404, namespace: 'default', ownerReferences: 'me' },
      }),
    );
    expect(reply.status).toBe(200);
    expect(reply.body.metadata).toMatchObject({
      name: 404,
      ownerReferences: 'me',
      uid: expect.any(String),
      resourceVersion: String(before + 1),
    });
    const listed = client.cluster.list(
      client.cluster.typeOf('v1', 'ConfigMap'),
      'default',
    );
    expect(listed.some(o => (o.metadata.name as unknown) === 404)).toBe(true);
    for (const [body, error] of [
      ['{', 'the body is not JSON'],
      [
        '{"kind": "ConfigMap", "metadata": {}}',
        'the body must be an object with an apiVersion, a kind and a metadata object',
      ],
      [
        '{"apiVersion": "v1", "kind": "Nothing", "metadata": {}}',
        'no matches for kind "Nothing" in version "v1"',
      ],
    ]) {
      const refused = await call('POST', '/clusters/cluster1/inject', body);
      expect(refused.status).toBe(400);
      expect(refused.body.error).toContain(error);
    }
  });
});

describe('control API of a hub-only fleet', () => {
  it('adds a cluster without adding a context', async () => {
    const fleet = await Fleet.start({
      clusters: 1,
      dynamics: false,
      hubOnly: true,
    });
    const dir = mkdtempSync(join(tmpdir(), 'fleet-sim-control-'));
    const path = join(dir, 'kubeconfig');
    try {
      fleet.writeKubeconfig(path);
      expect(await fleet.addCluster('edge-3')).toMatchObject({
        name: 'edge-3',
        context: null,
      });
      expect(
        (parse(readFileSync(path, 'utf8')).contexts as any[]).map(c => c.name),
      ).toEqual(['kind-kubeflex', 'its1', 'wds1']);
      expect(fleet.wecNames).toEqual(['cluster1', 'cluster2', 'edge-3']);
    } finally {
      await fleet.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
