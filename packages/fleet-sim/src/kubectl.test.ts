import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Fleet } from './fleet/Fleet';

jest.setTimeout(60_000);

const run = promisify(execFile);
const KUBECTL = process.env.KUBECTL ?? 'kubectl';

/** kubectl, the reference Kubernetes client, against the simulated fleet. */
describe('kubectl against the simulator', () => {
  let fleet: Fleet;
  let dir: string;
  let env: NodeJS.ProcessEnv;

  const kubectl = async (...args: string[]) =>
    (await run(KUBECTL, args, { env, timeout: 30_000 })).stdout;

  /** Runs a long-lived kubectl (watch, follow) until `done` sees what it waits for. */
  const stream = (
    args: string[],
    done: (output: string) => boolean,
    timeoutMs = 20_000,
  ) =>
    new Promise<string>((resolve, reject) => {
      const child = spawn(KUBECTL, args, { env });
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
