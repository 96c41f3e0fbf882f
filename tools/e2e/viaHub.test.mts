// `./wecs start --via-hub`: the backend's kubeconfig holds the hub's contexts alone, and every
// WEC (lists, watches, one object, logs) is reached through the simulated OCM cluster-proxy.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
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

describe('the demo through the hub (--via-hub)', () => {
  let demo: RunningDemo | undefined;
  let browser: Browser | undefined;

  before(async () => {
    demo = await startDemo({}, ['--via-hub']);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await demo?.stop();
  });

  it("gives the backend the hub's contexts alone, and reaches every WEC through the cluster-proxy", async () => {
    const kubeconfig = readFileSync(
      join(repoRoot, '.cache', 'demo', 'kubeconfig'),
      'utf8',
    );
    const contexts = [
      ...kubeconfig.matchAll(/^ {2}- name: (\S+)\n {4}context:/gm),
    ]
      .map(match => match[1])
      .sort();
    assert.deepEqual(contexts, ['its1', 'kind-kubeflex', 'wds1']);

    const token = await guestToken();
    let wecs: any[] = [];
    for (let waited = 0; ; waited += 500) {
      const response = await fetch(`${backendUrl}/api/wecs/clusters`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      wecs = (await response.json()).items.filter((c: any) => c.role === 'wec');
      const joined = wecs.filter((c: any) => c.state !== 'pending');
      if (
        joined.length === 3 &&
        joined.every((c: any) => c.state === 'connected')
      )
        break;
      assert.ok(waited < 60_000, `WECs not connected: ${JSON.stringify(wecs)}`);
      await new Promise(resolve => setTimeout(resolve, 500));
    }
    for (const wec of wecs) {
      assert.equal(wec.access, 'cluster-proxy', wec.name);
      assert.equal(wec.context, 'its1', wec.name);
    }
    assert.match(
      wecs.find(c => c.name === 'cluster1').server,
      /^https:\/\/127\.0\.0\.1:7081\/cluster1$/,
    );
  });

  it("shows the tree and a pod's live log, all through the hub", async () => {
    const page = await openSignedIn(
      browser!,
      '/wecs?cluster=cluster1&kind=Pod',
    );
    await page.getByText('through the hub (cluster-proxy)').first().waitFor();
    await page
      .getByRole('textbox', { name: 'Search names across the fleet' })
      .fill('storefront-');
    await page
      .getByRole('tree', { name: 'Fleet workloads' })
      .getByRole('treeitem')
      .filter({ hasText: /^storefront-[a-z0-9]+-[a-z0-9]+$/ })
      .first()
      .click();
    await page.getByRole('tab', { name: 'Logs' }).click();
    await page.getByTestId('log-line').first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'via-hub-logs');
    await page.close();
  });
});
