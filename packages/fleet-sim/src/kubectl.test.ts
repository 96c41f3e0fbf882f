import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Fleet } from './fleet/Fleet';
import { renderKubeconfig } from './kubeconfig';

jest.setTimeout(60_000);

const run = promisify(execFile);
const KUBECTL = process.env.KUBECTL ?? 'kubectl';

/** kubectl with a kubeconfig, and long-lived kubectl runs (watch, follow). */
function kubectlWith(env: () => NodeJS.ProcessEnv) {
  const kubectl = async (...args: string[]) =>
    (await run(KUBECTL, args, { env: env(), timeout: 30_000 })).stdout;

  /** Runs a long-lived kubectl (watch, follow) until `done` sees what it waits for. */
  const stream = (
    args: string[],
    done: (output: string) => boolean,
    timeoutMs = 20_000,
  ) =>
    new Promise<string>((resolve, reject) => {
      const child = spawn(KUBECTL, args, { env: env() });
      let output = '';
      const timer = setTimeout(() => {
        child.kill();
        reject(
          new Error(
            `kubectl ${args.join(
              ' ',
            )} never produced what was expected:\n${output}`,
          ),
        );
      }, timeoutMs);
      const onData = (chunk: Buffer) => {
        output += chunk;
        if (done(output)) {
          clearTimeout(timer);
          child.kill();
          resolve(output);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
    });

  /** What a failing kubectl printed: its error, for assertions on refusals. */
  const failure = async (...args: string[]) => {
    try {
      await kubectl(...args);
    } catch (error) {
      return String((error as { stderr?: string }).stderr ?? error);
    }
    throw new Error(`kubectl ${args.join(' ')} succeeded`);
  };
  return { kubectl, stream, failure };
}

/** Polls `check` until it holds, failing with `what` at the deadline. */
async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 20_000,
) {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (error) {
      last = error;
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last}` : ''}`);
}

/** A workspace with a kubeconfig for a fleet, removed afterwards. */
function workspace() {
  const dir = mkdtempSync(join(tmpdir(), 'fleet-sim-kubectl-'));
  return {
    dir,
    env: { ...process.env, KUBECONFIG: join(dir, 'kubeconfig'), HOME: dir },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** kubectl, the reference Kubernetes client, against the simulated fleet. */
describe('kubectl against the simulator', () => {
  let fleet: Fleet;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const { kubectl, stream } = kubectlWith(() => env);

  beforeAll(async () => {
    fleet = await Fleet.start({
      clusters: 2,
      tickMs: 200,
      rolloutEveryMs: 0,
      availabilityFlipMs: 0,
    });
    dir = mkdtempSync(join(tmpdir(), 'fleet-sim-kubectl-'));
    const kubeconfig = join(dir, 'kubeconfig');
    fleet.writeKubeconfig(kubeconfig);
    env = { ...process.env, KUBECONFIG: kubeconfig, HOME: dir };
  });

  afterAll(async () => {
    await fleet.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists pods across namespaces with the server-side table', async () => {
    const out = await kubectl('--context', 'cluster1', 'get', 'pods', '-A');
    expect(out.split('\n')[0]).toMatch(
      /^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE/,
    );
    expect(out).toMatch(/shop\s+payments-0/);
  });

  it('gets by label and as JSON', async () => {
    const out = JSON.parse(
      await kubectl(
        '--context',
        'cluster1',
        'get',
        'deploy',
        '-A',
        '-l',
        'app.kubernetes.io/part-of=shop',
        '-o',
        'json',
      ),
    );
    expect(out.items.map((d: any) => d.metadata.name)).toEqual(['storefront']);
  });

  it('discovers the KubeStellar custom resources', async () => {
    const its = await kubectl(
      '--context',
      'its1',
      'api-resources',
      '--api-group',
      'cluster.open-cluster-management.io',
    );
    expect(its).toMatch(
      /managedclusters\s+mcl,mcls\s+cluster.open-cluster-management.io\/v1\s+false\s+ManagedCluster/,
    );
    const clusters = await kubectl(
      '--context',
      'its1',
      'get',
      'managedclusters',
    );
    expect(clusters).toMatch(/cluster1\s+true\s+\S+\s+True\s+True/);
    expect(clusters).toMatch(/cluster3\s+false/);
    const policies = await kubectl('--context', 'wds1', 'get', 'bp');
    expect(policies).toMatch(/shop-everywhere\s+True\s+True/);
  });

  it('watches changes as they happen', async () => {
    const watching = stream(
      [
        '--context',
        'cluster1',
        '-n',
        'default',
        'get',
        'configmaps',
        '-w',
        '--output-watch-events',
      ],
      o => /ADDED\s+watched/.test(o) && /DELETED\s+watched/.test(o),
    );
    await new Promise(resolve => setTimeout(resolve, 1000));
    // `kubectl create -f` sends JSON; the typed `kubectl create configmap` sends protobuf,
    // which the simulator does not speak (it answers 415).
    const manifest = join(dir, 'watched.json');
    writeFileSync(
      manifest,
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'watched' },
        data: { a: '1' },
      }),
    );
    await kubectl(
      '--context',
      'cluster1',
      '-n',
      'default',
      'create',
      '-f',
      manifest,
    );
    await kubectl(
      '--context',
      'cluster1',
      '-n',
      'default',
      'delete',
      'configmap',
      'watched',
    );
    expect(await watching).toMatch(/DELETED\s+watched/);
  });

  it('follows logs and shows previous container logs', async () => {
    await kubectl(
      '--context',
      'cluster1',
      '-n',
      'shop',
      'wait',
      '--for=condition=Ready',
      'pod',
      '-l',
      'app=storefront',
      '--timeout=30s',
    );
    const pods = await kubectl(
      '--context',
      'cluster1',
      '-n',
      'shop',
      'get',
      'pods',
      '-l',
      'app=storefront',
      '-o',
      'name',
    );
    const pod = pods.split('\n')[0];
    const followed = await stream(
      [
        '--context',
        'cluster1',
        '-n',
        'shop',
        'logs',
        '-f',
        pod,
        '-c',
        'web',
        '--tail=1',
        '--timestamps',
      ],
      o => o.trim().split('\n').length >= 3,
    );
    expect(followed).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z /);
    const crashed = async () =>
      (
        await kubectl(
          '--context',
          'cluster2',
          '-n',
          'shop',
          'get',
          'pods',
          '-l',
          'app=recommendations',
          '-o',
          'jsonpath={.items[0].metadata.name} {.items[0].status.containerStatuses[0].restartCount}',
        )
      ).split(' ');
    let [canary, restarts] = await crashed();
    for (let i = 0; i < 100 && !(Number(restarts) > 0); i++) {
      await new Promise(resolve => setTimeout(resolve, 200));
      [canary, restarts] = await crashed();
    }
    const previous = await kubectl(
      '--context',
      'cluster2',
      '-n',
      'shop',
      'logs',
      canary,
      '--previous',
    );
    expect(previous).toMatch(/ERROR .*exiting with code 1/);
  });

  it('scales, applies, edits and deletes', async () => {
    await kubectl(
      '--context',
      'cluster2',
      '-n',
      'shop',
      'scale',
      'deploy/storefront',
      '--replicas=1',
    );
    const scaled = await kubectl(
      '--context',
      'cluster2',
      '-n',
      'shop',
      'get',
      'deploy',
      'storefront',
      '-o',
      'jsonpath={.spec.replicas}',
    );
    expect(scaled).toBe('1');

    const manifest = join(dir, 'hello.yaml');
    const write = (image: string) =>
      writeFileSync(
        manifest,
        `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: hello\n  namespace: default\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: hello}\n  template:\n    metadata:\n      labels: {app: hello}\n    spec:\n      containers:\n      - name: hello\n        image: ${image}\n`,
      );
    write('nginx:1.27');
    expect(
      await kubectl('--context', 'cluster2', 'apply', '-f', manifest),
    ).toMatch(/deployment.apps\/hello created/);
    write('nginx:1.28');
    expect(
      await kubectl('--context', 'cluster2', 'apply', '-f', manifest),
    ).toMatch(/deployment.apps\/hello configured/);

    const editEnv = {
      ...env,
      KUBE_EDITOR: `sed -i -e s/replicas:\\ 1/replicas:\\ 2/`,
    };
    const edited = await run(
      KUBECTL,
      ['--context', 'cluster2', '-n', 'default', 'edit', 'deploy', 'hello'],
      { env: editEnv },
    );
    expect(edited.stdout).toMatch(/edited/);
    const replicas = await kubectl(
      '--context',
      'cluster2',
      '-n',
      'default',
      'get',
      'deploy',
      'hello',
      '-o',
      'jsonpath={.spec.replicas}{" "}{.spec.template.spec.containers[0].image}',
    );
    expect(replicas).toBe('2 nginx:1.28');

    expect(
      await kubectl(
        '--context',
        'cluster2',
        '-n',
        'default',
        'delete',
        'deploy',
        'hello',
      ),
    ).toMatch(/deleted/);
    await expect(
      kubectl(
        '--context',
        'cluster2',
        '-n',
        'default',
        'get',
        'deploy',
        'hello',
      ),
    ).rejects.toThrow(/NotFound|not found/);
  });

  it('shows RBAC refusals for the restricted token', async () => {
    const token = fleet.users.restricted.token;
    await expect(
      kubectl(
        '--context',
        'cluster1',
        '--token',
        token,
        '-n',
        'restricted',
        'get',
        'pods',
      ),
    ).rejects.toThrow(
      /User "wecs-restricted" cannot list resource "pods" in API group "" in the namespace "restricted"/,
    );
  });
});

/** A cluster joins the hub, is denied, relabelled and leaves, all with kubectl on the ITS. */
describe('kubectl joining and removing clusters', () => {
  let fleet: Fleet;
  let space: ReturnType<typeof workspace>;
  const { kubectl, failure } = kubectlWith(() => space.env);
  const its = (...args: string[]) => kubectl('--context', 'its1', ...args);
  const conditions = async (cluster: string) =>
    Object.fromEntries(
      (
        await its(
          'get',
          'managedcluster',
          cluster,
          '-o',
          'jsonpath={range .status.conditions[*]}{.type}={.status}/{.reason}{"\\n"}{end}',
        )
      )
        .trim()
        .split('\n')
        .filter(Boolean)
        .map(line => line.split('=')),
    );
  const csrOf = async (cluster: string) =>
    (
      await its(
        'get',
        'csr',
        '-l',
        `open-cluster-management.io/cluster-name=${cluster}`,
        '-o',
        'jsonpath={.items[0].metadata.name}',
      )
    ).trim();
  const deployments = (cluster: string) =>
    kubectl('--context', cluster, 'get', 'deploy', '-A', '-o', 'name');
  const accept = (cluster: string, accepted: boolean) =>
    its(
      'patch',
      'managedcluster',
      cluster,
      '--type',
      'merge',
      '-p',
      JSON.stringify({ spec: { hubAcceptsClient: accepted } }),
    );

  beforeAll(async () => {
    fleet = await Fleet.start({
      clusters: 2,
      tickMs: 100,
      rolloutEveryMs: 0,
      availabilityFlipMs: 0,
    });
    space = workspace();
    fleet.writeKubeconfig(space.env.KUBECONFIG!);
  });

  afterAll(async () => {
    await fleet.stop();
    space.remove();
  });

  it('runs the pending cluster as a fresh kind cluster with the klusterlet, and nothing delivered', async () => {
    // Its context is written once it joins; until then its API server is reached by address.
    const pods = await kubectl(
      '--context',
      'cluster1',
      '--server',
      fleet.member('cluster3').server.url,
      'get',
      'pods',
      '-A',
    );
    expect(pods).toMatch(
      /open-cluster-management-agent\s+klusterlet-registration-agent-/,
    );
    expect(pods).toMatch(/kube-system\s+coredns-/);
    expect(pods).not.toMatch(/shop/);
    expect(await its('get', 'managedcluster', 'cluster3')).toMatch(
      /cluster3\s+false/,
    );
    expect(await its('get', 'csr')).toMatch(
      /cluster3-\w{5}\s+\S+\s+kubernetes.io\/kube-apiserver-client\s+system:serviceaccount:open-cluster-management:cluster-bootstrap\s+\S+\s+Pending/,
    );
    expect(fleet.pendingClusters).toEqual(['cluster3']);
  });

  it('accepts a cluster, joins it once its CSR is approved, and delivers to it', async () => {
    await accept('cluster3', true);
    await waitFor('cluster3 to be accepted', async () =>
      (
        await conditions('cluster3')
      ).HubAcceptedManagedCluster?.startsWith('True'),
    );
    // Accepted in the same pass that would have joined it: without a certificate it cannot.
    expect((await conditions('cluster3')).ManagedClusterJoined).toBeUndefined();

    const csr = await csrOf('cluster3');
    expect(await its('certificate', 'approve', csr)).toMatch(/approved/);
    await waitFor(
      'cluster3 to be available',
      async () =>
        (await conditions('cluster3')).ManagedClusterConditionAvailable ===
        'True/ManagedClusterAvailable',
    );
    expect(await conditions('cluster3')).toMatchObject({
      HubAcceptedManagedCluster: 'True/HubClusterAdminAccepted',
      ManagedClusterJoined: 'True/ManagedClusterJoined',
    });
    const cluster = JSON.parse(
      await its('get', 'managedcluster', 'cluster3', '-o', 'json'),
    );
    expect(cluster.status).toMatchObject({
      version: { kubernetes: 'v1.32.4' },
      capacity: { cpu: '16', pods: '220' },
      clusterClaims: expect.arrayContaining([
        { name: 'id.k8s.io', value: 'cluster3' },
      ]),
    });
    const certificate = await its(
      'get',
      'csr',
      csr,
      '-o',
      'jsonpath={.status.certificate}',
    );
    expect(Buffer.from(certificate, 'base64').toString()).toMatch(
      /^-----BEGIN CERTIFICATE-----/,
    );
    expect(await its('get', 'ns', 'cluster3')).toMatch(/cluster3\s+Active/);
    await waitFor('the shop on cluster3', async () =>
      (await deployments('cluster3')).includes('deployment.apps/storefront'),
    );
    expect(await its('get', 'manifestwork', '-n', 'cluster3')).toMatch(
      /shop-everywhere-wds1-0/,
    );
    expect(fleet.memberWecNames).toEqual(['cluster1', 'cluster2', 'cluster3']);
  });

  it('withdraws deliveries from a cluster the hub denies, and brings them back when accepted again', async () => {
    await accept('cluster3', false);
    await waitFor(
      'cluster3 to be denied',
      async () =>
        (await conditions('cluster3')).HubAcceptedManagedCluster ===
        'False/HubClusterAdminDenied',
    );
    expect(
      (await conditions('cluster3')).ManagedClusterConditionAvailable,
    ).toBe('Unknown/ManagedClusterLeaseUpdateStopped');
    await waitFor(
      'the shop to leave cluster3',
      async () =>
        !(await deployments('cluster3')).includes('deployment.apps/storefront'),
    );
    expect(await its('get', 'manifestwork', '-n', 'cluster3')).toBe('');
    expect(fleet.isMember('cluster3')).toBe(false);

    await accept('cluster3', true);
    await waitFor(
      'cluster3 to be available again',
      async () =>
        (await conditions('cluster3')).ManagedClusterConditionAvailable ===
        'True/ManagedClusterAvailable',
    );
    await waitFor('the shop back on cluster3', async () =>
      (await deployments('cluster3')).includes('deployment.apps/storefront'),
    );
  });

  it('places workloads by the labels a cluster has now', async () => {
    await its('label', 'managedcluster', 'cluster1', 'location-group-');
    await waitFor(
      'the shop to leave cluster1',
      async () =>
        !(await deployments('cluster1')).includes('deployment.apps/storefront'),
    );
    expect(
      await its(
        'get',
        'binding',
        'shop-everywhere',
        '-o',
        'jsonpath={.spec.destinations[*].clusterId}',
        '--context',
        'wds1',
      ),
    ).toBe('cluster2 cluster3');
    await its('label', 'managedcluster', 'cluster1', 'location-group=edge');
    await waitFor('the shop back on cluster1', async () =>
      (await deployments('cluster1')).includes('deployment.apps/storefront'),
    );
  });

  it('lets a cluster whose CSR is denied never join', async () => {
    await fleet.addCluster('edge-5', { 'location-group': 'edge' });
    expect(await its('certificate', 'deny', await csrOf('edge-5'))).toMatch(
      /denied/,
    );
    await accept('edge-5', true);
    await waitFor('edge-5 to be accepted', async () =>
      (
        await conditions('edge-5')
      ).HubAcceptedManagedCluster?.startsWith('True'),
    );
    expect((await conditions('edge-5')).ManagedClusterJoined).toBeUndefined();
    expect(await its('get', 'csr', await csrOf('edge-5'))).toMatch(/Denied/);
  });

  it('lets a deleted cluster leave the hub, its API server still up', async () => {
    await its('delete', 'managedcluster', 'cluster3');
    expect(
      await failure('--context', 'its1', 'get', 'managedcluster', 'cluster3'),
    ).toMatch(/NotFound/);
    await waitFor(
      'the namespace of cluster3 to leave the ITS',
      async () =>
        !(await its('get', 'ns', '-o', 'name')).includes('namespace/cluster3'),
    );
    expect(fleet.isMember('cluster3')).toBe(false);
    expect(fleet.memberWecNames).toEqual(['cluster1', 'cluster2']);
    expect(
      await kubectl('--context', 'cluster3', 'get', 'ns', 'kube-system'),
    ).toMatch(/Active/);
  });
});

/** kubectl through OCM cluster-proxy's service proxy, with hub tokens. */
describe('kubectl through the cluster-proxy', () => {
  let fleet: Fleet;
  let space: ReturnType<typeof workspace>;
  const { kubectl, stream, failure } = kubectlWith(() => space.env);
  const via = (context: string, ...args: string[]) =>
    kubectl('--context', context, ...args);

  beforeAll(async () => {
    fleet = await Fleet.start({
      clusters: 2,
      tickMs: 200,
      rolloutEveryMs: 0,
      availabilityFlipMs: 0,
      hubOnly: true,
    });
    space = workspace();
    const { url } = await fleet.startClusterProxy();
    const { admin, hubRestricted } = fleet.users;
    const entry = (context: string, cluster: string, token: string) => ({
      context,
      server: `${url}/${cluster}`,
      token,
      user: context,
    });
    writeFileSync(
      space.env.KUBECONFIG!,
      renderKubeconfig(
        [
          entry('proxy', 'cluster1', admin.token),
          entry('hub-restricted', 'cluster1', hubRestricted.token),
          entry('bad-token', 'cluster1', 'not-a-token'),
          entry('pending', 'cluster3', admin.token),
          entry('unknown', 'cluster9', admin.token),
          entry('unreachable', 'cluster2', admin.token),
        ],
        fleet.tls.caCert,
        'proxy',
      ),
    );
  });

  afterAll(async () => {
    await fleet.stop();
    space.remove();
  });

  it('lists pods across namespaces', async () => {
    const out = await via('proxy', 'get', 'pods', '-A');
    expect(out.split('\n')[0]).toMatch(/^NAMESPACE\s+NAME\s+READY\s+STATUS/);
    expect(out).toMatch(/shop\s+payments-0/);
  });

  it('watches a change as it happens', async () => {
    const watching = stream(
      [
        '--context',
        'proxy',
        '-n',
        'default',
        'get',
        'configmaps',
        '-w',
        '--output-watch-events',
      ],
      o => /ADDED\s+through-proxy/.test(o),
    );
    // The watch is open once its initial list (none here) has been answered.
    await waitFor(
      'the watch to open',
      async () => fleet.member('cluster1').server.openWatchCount > 0,
    );
    const manifest = join(space.dir, 'cm.json');
    writeFileSync(
      manifest,
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'through-proxy', namespace: 'default' },
      }),
    );
    await via('proxy', 'create', '-f', manifest);
    expect(await watching).toMatch(/ADDED\s+through-proxy/);
  });

  it('follows logs and patches', async () => {
    await via(
      'proxy',
      '-n',
      'shop',
      'wait',
      '--for=condition=Ready',
      'pod',
      '-l',
      'app=storefront',
      '--timeout=30s',
    );
    const pod = (
      await via(
        'proxy',
        '-n',
        'shop',
        'get',
        'pods',
        '-l',
        'app=storefront',
        '-o',
        'name',
      )
    ).split('\n')[0];
    const followed = await stream(
      [
        '--context',
        'proxy',
        '-n',
        'shop',
        'logs',
        '-f',
        pod,
        '-c',
        'web',
        '--tail=1',
      ],
      o => o.trim().split('\n').length >= 3,
    );
    expect(followed).toMatch(/\[storefront\/web\]/);
    await via(
      'proxy',
      '-n',
      'shop',
      'patch',
      'deploy',
      'storefront',
      '-p',
      '{"spec":{"replicas":1}}',
    );
    const replicas = fleet
      .member('cluster1')
      .runtime.find('apps/v1', 'Deployment', 'shop', 'storefront')!.spec as any;
    expect(replicas.replicas).toBe(1);
  });

  it('impersonates a token only the hub knows, keeping its restrictions', async () => {
    expect(await via('hub-restricted', '-n', 'shop', 'get', 'pods')).toMatch(
      /payments-0/,
    );
    expect(
      await failure(
        '--context',
        'hub-restricted',
        '-n',
        'restricted',
        'get',
        'pods',
      ),
    ).toMatch(
      /User "wecs-restricted" cannot list resource "pods" in API group "" in the namespace "restricted"/,
    );
    expect(
      await failure(
        '--context',
        'hub-restricted',
        '-n',
        'shop',
        'delete',
        'configmap',
        'storefront-config',
      ),
    ).toMatch(/User "wecs-restricted" cannot delete resource "configmaps"/);
  });

  it('refuses a token neither the cluster nor the hub knows', async () => {
    expect(await failure('--context', 'bad-token', 'get', 'pods')).toMatch(
      /You must be logged in to the server/,
    );
  });

  it('answers 502 for an unknown cluster, a pending one and an unreachable one', async () => {
    expect(await failure('--context', 'unknown', 'get', 'pods')).toMatch(
      /proxy to anp-proxy-server failed because No agent available: cluster \\"cluster9\\" is not a managed cluster of the hub/,
    );
    expect(await failure('--context', 'pending', 'get', 'pods')).toMatch(
      /No agent available: the cluster-proxy agent of cluster \\"cluster3\\" is not connected/,
    );
    await fleet.setReachable('cluster2', false);
    try {
      expect(await failure('--context', 'unreachable', 'get', 'pods')).toMatch(
        /proxy to anp-proxy-server failed because dial tcp 127.0.0.1:\d+: connect: connection refused/,
      );
    } finally {
      await fleet.setReachable('cluster2', true);
    }
    expect(await via('unreachable', 'get', 'ns', 'shop')).toMatch(
      /shop\s+Active/,
    );
  });
});
