// The demo against real Kubernetes API servers: `./wecs kwok` (etcd, kube-apiserver,
// kube-controller-manager, kube-scheduler, kwok) and `./wecs start --kubeconfig` on it, as a
// user points the demo at their own clusters.
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import {
  backendUrl,
  guestToken,
  launchBrowser,
  openSignedIn,
  repoRoot,
  screenshot,
  startDemo,
  type RunningDemo,
} from './demo.mts';

const run = promisify(execFile);
const skip = process.env.WECS_SKIP_KWOK === '1' ? 'WECS_SKIP_KWOK=1' : false;

describe('the demo on a KWOK fleet of real API servers', { skip }, () => {
  let fleet: ChildProcess;
  let dir: string;
  let kubeconfig: string;
  let demo: RunningDemo | undefined;
  let browser: Browser | undefined;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wecs-kwok-e2e-'));
    kubeconfig = join(dir, 'kubeconfig');
    fleet = spawn(
      join(repoRoot, 'wecs'),
      ['kwok', '--kubeconfig', kubeconfig],
      {
        cwd: repoRoot,
        stdio: 'ignore',
        detached: true,
      },
    );
    const deadline = Date.now() + 180_000;
    while (!existsSync(kubeconfig)) {
      assert.ok(
        Date.now() < deadline,
        './wecs kwok wrote no kubeconfig within 180s',
      );
      assert.equal(
        fleet.exitCode,
        null,
        `./wecs kwok exited with ${fleet.exitCode}`,
      );
      await new Promise(resolve => setTimeout(resolve, 250));
    }
    demo = await startDemo({}, ['--kubeconfig', kubeconfig]);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await demo?.stop();
    if (fleet?.pid && fleet.exitCode === null) {
      const exited = new Promise(resolve => fleet.once('exit', resolve));
      process.kill(-fleet.pid, 'SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  const kubectl = async (...args: string[]) =>
    (await run('kubectl', ['--kubeconfig', kubeconfig, ...args])).stdout;

  it('serves kubectl: pods that kwok runs, with logs', async () => {
    const deadline = Date.now() + 120_000;
    let pods = '';
    while (!/^payments-0\s+1\/1\s+Running/m.test(pods)) {
      assert.ok(Date.now() < deadline, `payments-0 never ran:\n${pods}`);
      await new Promise(resolve => setTimeout(resolve, 1000));
      pods = await kubectl(
        '--context',
        'cluster1',
        'get',
        'pods',
        '-n',
        'shop',
      );
    }
    assert.match(
      await kubectl('--context', 'cluster1', 'version'),
      /Server Version: v1\.36\.3/,
    );
    assert.match(
      await kubectl(
        '--context',
        'cluster1',
        'logs',
        '-n',
        'shop',
        'payments-0',
        '--tail=1',
      ),
      /\[payments\/web\]/,
    );
  });

  it('shows the real clusters, connected, on the Deployed Workloads page', async () => {
    const token = await guestToken();
    const deadline = Date.now() + 120_000;
    let clusters: any[] = [];
    while (
      !(
        clusters.length === 2 &&
        clusters.every(c => c.state === 'connected' && c.counts.total > 20)
      )
    ) {
      assert.ok(
        Date.now() < deadline,
        `clusters never connected: ${JSON.stringify(clusters)}`,
      );
      await new Promise(resolve => setTimeout(resolve, 1000));
      clusters = (
        await fetch(`${backendUrl}/api/wecs/clusters`, {
          headers: { Authorization: `Bearer ${token}` },
        }).then(r => r.json())
      ).items;
    }
    const page = await openSignedIn(browser!, '/wecs');
    await page.getByText('Clusters (2)').waitFor();
    for (const name of ['cluster1', 'cluster2']) {
      assert.equal(
        await page.getByRole('cell', { name, exact: true }).count(),
        2,
        `${name} row`,
      );
    }
    await screenshot(page, 'kwok-wecs-page');
    await page.close();
  });
});
