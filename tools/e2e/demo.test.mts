// The demo as a user meets it: `./wecs start`, then the WECS page and tab in Chromium.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  backendUrl,
  launchBrowser,
  openSignedIn,
  screenshot,
  startDemo,
  type RunningDemo,
} from './demo.mts';

// Two contexts for the backend to list; nothing here connects to them.
const kubeconfig = `
apiVersion: v1
kind: Config
clusters:
  - name: east
    cluster: { server: 'https://127.0.0.1:16443' }
  - name: west
    cluster: { server: 'https://127.0.0.1:26443' }
users:
  - name: admin
    user: { token: e2e }
contexts:
  - name: cluster1
    context: { cluster: east, user: admin }
  - name: cluster2
    context: { cluster: west, user: admin }
current-context: cluster1
`;

describe('the demo app', () => {
  let demo: RunningDemo | undefined;
  let browser: Browser | undefined;
  let dir: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wecs-e2e-'));
    const kubeconfigPath = join(dir, 'kubeconfig');
    writeFileSync(kubeconfigPath, kubeconfig);
    demo = await startDemo({ APP_CONFIG_wecs_kubeconfig_path: kubeconfigPath });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await demo?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers the health check without credentials', async () => {
    const response = await fetch(`${backendUrl}/api/wecs/health`);
    assert.equal(response.status, 200);
    assert.equal((await response.json()).status, 'ok');
  });

  it('refuses every other WECS route without credentials', async () => {
    const response = await fetch(`${backendUrl}/api/wecs/clusters`);
    assert.equal(response.status, 401);
  });

  it('shows the configured clusters on the Deployed Workloads page', async () => {
    const page = await openSignedIn(browser!, '/wecs');
    await page.getByRole('heading', { name: 'Deployed Workloads' }).waitFor();
    await page.getByText('Clusters (2)').waitFor();
    assert.ok(await page.getByText('https://127.0.0.1:26443').isVisible());
    const sidebarLink = page.getByRole('link', { name: 'Deployed Workloads' });
    assert.equal(await sidebarLink.count(), 1);
    await screenshot(page, 'foundation-wecs-page');
    await page.close();
  });

  it('lists the demo services in the catalog', async () => {
    const page = await openSignedIn(browser!, '/catalog');
    for (const name of ['Storefront', 'Payments', 'Inventory sync']) {
      await page.getByRole('link', { name, exact: true }).first().waitFor();
    }
    await screenshot(page, 'foundation-catalog');
    await page.close();
  });

  it('opens the WECS tab of a service with its workload selector', async () => {
    const page = await openSignedIn(
      browser!,
      '/catalog/default/component/storefront/wecs',
    );
    await page.getByText('backstage.io/kubernetes-id=storefront').waitFor();
    await page.getByText('Clusters (2)').waitFor();
    await screenshot(page, 'foundation-entity-wecs-tab');
    await page.close();
  });
});
