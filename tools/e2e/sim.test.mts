// The `./wecs sim` contract: it writes a kubeconfig with the KubeStellar contexts, and any
// Kubernetes client (here kubectl) can use it.
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { repoRoot } from './demo.mts';

const run = promisify(execFile);

describe('./wecs sim', () => {
  let sim: ChildProcess;
  let dir: string;
  let kubeconfig: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wecs-sim-'));
    kubeconfig = join(dir, 'kubeconfig');
    sim = spawn(
      join(repoRoot, 'wecs'),
      ['sim', '--kubeconfig', kubeconfig, '--clusters', '4'],
      {
        cwd: repoRoot,
        stdio: 'ignore',
        detached: true,
      },
    );
    const deadline = Date.now() + 120_000;
    while (!existsSync(kubeconfig)) {
      assert.ok(
        Date.now() < deadline,
        'the simulator wrote no kubeconfig within 120s',
      );
      assert.equal(
        sim.exitCode,
        null,
        `./wecs sim exited with ${sim.exitCode}`,
      );
      await new Promise(resolve => setTimeout(resolve, 250));
    }
  });

  after(() => {
    if (sim.pid) process.kill(-sim.pid, 'SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  const kubectl = async (...args: string[]) =>
    (await run('kubectl', ['--kubeconfig', kubeconfig, ...args])).stdout;

  it('writes the KubeStellar contexts, one per cluster', async () => {
    const contexts = (await kubectl('config', 'get-contexts', '-o', 'name'))
      .trim()
      .split('\n')
      .sort();
    assert.deepEqual(contexts, [
      'cluster1',
      'cluster2',
      'cluster3',
      'cluster4',
      // cluster5 asked to join and is not accepted: its context comes once it joins.
      'its1',
      'kind-kubeflex',
      'wds1',
    ]);
  });

  it('serves each context to kubectl over TLS with the written CA', async () => {
    assert.match(
      await kubectl('--context', 'cluster4', 'get', 'namespaces'),
      /^shop\s+Active/m,
    );
    assert.match(
      await kubectl('--context', 'its1', 'get', 'managedclusters'),
      /^cluster5\s+false/m,
    );
    assert.match(
      await kubectl('--context', 'kind-kubeflex', 'get', 'controlplanes'),
      /^its1\s+True\s+True\s+vcluster/m,
    );
  });
});
