// How the Deployed Workloads page holds up with a large fleet, in headless Chromium: the
// simulator in scale mode feeds `./wecs start --kubeconfig`, and the page is timed as a user
// drives it. Prints figures; asserts nothing about speed.
//
//   ./wecs bench frontend [--clusters 10] [--objects 2000] [--rate 200] [--log-lines 100000]
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import {
  launchBrowser,
  openSignedIn,
  repoRoot,
  startDemo,
} from '../e2e/demo.mts';

const { values } = parseArgs({
  options: {
    clusters: { type: 'string', default: '10' },
    objects: { type: 'string', default: '2000' },
    rate: { type: 'string', default: '200' },
    'log-lines': { type: 'string', default: '100000' },
  },
});
const clusters = Number(values.clusters);
const objects = Number(values.objects);
const rate = Number(values.rate);
const logLines = Number(values['log-lines']);
for (const [name, value] of Object.entries({
  clusters,
  objects,
  rate,
  logLines,
})) {
  if (!Number.isInteger(value) || value < 0) {
    console.error(`bench frontend: --${name} must be a whole number`);
    process.exit(2);
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const ms = (value: number) => `${value.toFixed(1)} ms`;

function frameSummary(intervals: number[]) {
  const sorted = [...intervals].sort((a, b) => a - b);
  return `median ${ms(percentile(sorted, 50))}, p95 ${ms(
    percentile(sorted, 95),
  )}, max ${ms(sorted[sorted.length - 1])}, ${
    sorted.filter(f => f > 50).length
  } of ${sorted.length} frames over 50 ms`;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

async function startSimulator(
  kubeconfig: string,
  controlPort: number,
): Promise<ChildProcess> {
  const child = spawn(
    join(repoRoot, 'wecs'),
    [
      'sim',
      '--kubeconfig',
      kubeconfig,
      '--clusters',
      String(clusters),
      '--scale-objects',
      String(objects),
      '--scale-changes',
      String(rate),
      '--control-port',
      String(controlPort),
    ],
    { cwd: repoRoot, detached: true, stdio: 'ignore' },
  );
  const deadline = Date.now() + 120_000;
  while (!existsSync(kubeconfig)) {
    if (child.exitCode !== null)
      throw new Error(`./wecs sim exited with ${child.exitCode}`);
    if (Date.now() > deadline)
      throw new Error('the simulator wrote no kubeconfig in 120 s');
    await new Promise(resolve => setTimeout(resolve, 250));
  }
  return child;
}

/** Frame intervals while `during` runs, measured with requestAnimationFrame in the page. */
async function framesDuring(page: Page, during: () => Promise<void>) {
  await page.evaluate(() => {
    const w = window as any;
    w.__frames = [];
    w.__measuring = true;
    let last = performance.now();
    const tick = (now: number) => {
      w.__frames.push(now - last);
      last = now;
      if (w.__measuring) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await during();
  return page.evaluate(() => {
    const w = window as any;
    w.__measuring = false;
    return w.__frames.slice(1) as number[];
  });
}

/** Polls `check` every 25 ms until it holds; fails after `timeoutMs` saying what it awaited. */
async function until(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 25));
  }
}

async function heapMb(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const used = metrics.find(m => m.name === 'JSHeapUsedSize')?.value ?? 0;
  return `${(used / 1024 / 1024).toFixed(0)} MB`;
}

const dir = mkdtempSync(join(tmpdir(), 'wecs-bench-'));
const kubeconfig = join(dir, 'kubeconfig');
let simulator: ChildProcess | undefined;
let demo: Awaited<ReturnType<typeof startDemo>> | undefined;
try {
  console.log(
    `bench frontend: ${clusters} clusters x ${objects} objects, ${rate} changes/s across the fleet`,
  );
  const controlPort = await freePort();
  simulator = await startSimulator(kubeconfig, controlPort);
  demo = await startDemo({}, ['--kubeconfig', kubeconfig]);
  const browser = await launchBrowser();
  const expected = clusters * objects;

  const opened = Date.now();
  const page = await openSignedIn(browser, '/wecs');
  const subheader = page.getByText(/^\d+ objects in \d+ clusters/);
  await page.waitForFunction(
    min => {
      const text = [...document.querySelectorAll('span, p, div')]
        .map(e => e.textContent ?? '')
        .find(t => /^\d+ objects in \d+ clusters/.test(t));
      return text !== undefined && Number(text.split(' ')[0]) >= min;
    },
    Math.floor(expected * 0.95),
    { timeout: 300_000, polling: 250 },
  );
  const snapshotSeconds = (Date.now() - opened) / 1000;
  console.log(
    `  page open to the whole fleet in the tree: ${snapshotSeconds.toFixed(
      1,
    )} s (${await subheader.first().textContent()})`,
  );
  console.log(`  JS heap with the fleet loaded: ${await heapMb(page)}`);

  const idle = await framesDuring(page, () => page.waitForTimeout(5000));
  console.log(
    `  frames for 5 s of live updates, tree collapsed: ${frameSummary(idle)}`,
  );

  const expandStarted = Date.now();
  await page.getByRole('button', { name: 'Expand all' }).click();
  await page.waitForFunction(() => {
    const inner = document.querySelector(
      '[role=tree] > div > div',
    ) as HTMLElement | null;
    return inner !== null && inner.offsetHeight > 36 * 1000;
  });
  const rows = await page.evaluate(() => {
    const inner = document.querySelector(
      '[role=tree] > div > div',
    ) as HTMLElement;
    return Math.round(inner.offsetHeight / 36);
  });
  const inDom = await page.locator('[role=treeitem]').count();
  console.log(
    `  Expand all: ${rows} rows in ${(
      (Date.now() - expandStarted) /
      1000
    ).toFixed(2)} s; ${inDom} of them in the DOM (virtualized)`,
  );

  const scroll = await framesDuring(page, () =>
    page.evaluate(async () => {
      const scroller = document.querySelector(
        '[role=tree] > div',
      ) as HTMLElement;
      for (let i = 0; i < 200; i++) {
        scroller.scrollTop += 900;
        await new Promise(resolve => requestAnimationFrame(resolve));
      }
    }),
  );
  console.log(
    `  frames while scrolling 200 screens of the expanded tree: ${frameSummary(
      scroll,
    )}`,
  );

  const live = await framesDuring(page, () => page.waitForTimeout(5000));
  console.log(
    `  frames for 5 s of live updates, tree expanded: ${frameSummary(live)}`,
  );

  const searchStarted = Date.now();
  await page
    .getByRole('textbox', { name: 'Search names across the fleet' })
    .fill('pod-12');
  await page
    .getByText(/, \d+ matching$/)
    .first()
    .waitFor({ timeout: 60_000 });
  console.log(
    `  search across the fleet, typed to highlighted: ${(
      (Date.now() - searchStarted) /
      1000
    ).toFixed(2)} s (${await page
      .getByText(/, \d+ matching$/)
      .first()
      .textContent()})`,
  );
  console.log(`  JS heap after the tree: ${await heapMb(page)}`);
  await page.close();

  // A pod's logs while it writes logLines lines at once (scale-mode pods: pod-1 is in ns-1).
  const logs = await openSignedIn(
    browser,
    '/wecs?cluster=cluster1&namespace=ns-1&kind=Pod',
  );
  await logs
    .getByRole('textbox', { name: 'Search names across the fleet' })
    .fill('pod-1');
  await logs
    .getByRole('treeitem')
    .filter({ hasText: /^pod-1$/ })
    .click();
  await logs.getByRole('tab', { name: 'Logs' }).click();
  await logs.getByText(/^Following · /).waitFor();
  const status = logs.getByText(/^Following · [\d,]+ lines$/);
  const lineCount = async () =>
    Number((await status.textContent())!.replace(/\D/g, ''));
  const before = await lineCount();
  const burstStarted = Date.now();
  let arrivedSeconds = 0;
  const arriving = await framesDuring(logs, async () => {
    const burst = await fetch(
      `http://127.0.0.1:${controlPort}/clusters/cluster1/log-burst?namespace=ns-1&pod=pod-1&container=main&lines=${logLines}`,
      { method: 'POST' },
    );
    if (!burst.ok)
      throw new Error(`log burst: ${burst.status} ${await burst.text()}`);
    while ((await lineCount()) < before + logLines) {
      if (Date.now() - burstStarted > 300_000)
        throw new Error('the burst did not arrive in 300 s');
      await logs.waitForTimeout(100);
    }
    arrivedSeconds = (Date.now() - burstStarted) / 1000;
  });
  console.log(
    `  ${logLines.toLocaleString()} log lines written at once: all shown after ${arrivedSeconds.toFixed(
      1,
    )} s; frames meanwhile: ${frameSummary(arriving)}`,
  );
  const logScroll = await framesDuring(logs, () =>
    logs.evaluate(async () => {
      const scroller = document.querySelector(
        '[role=log] > div',
      ) as HTMLElement;
      scroller.scrollTop = 0;
      for (let i = 0; i < 200; i++) {
        scroller.scrollTop += 2000;
        await new Promise(resolve => requestAnimationFrame(resolve));
      }
    }),
  );
  console.log(
    `  frames while scrolling the log, 200 steps: ${frameSummary(logScroll)}`,
  );
  const logSearchStarted = Date.now();
  await logs.getByRole('textbox', { name: 'Search the log' }).fill('ERROR');
  const matching = logs.getByText(/^[\d,]+ matching$/);
  await matching.waitFor();
  console.log(
    `  log search, typed to counted: ${(
      (Date.now() - logSearchStarted) /
      1000
    ).toFixed(2)} s (${await matching.textContent()} lines)`,
  );
  const filterStarted = Date.now();
  await logs.getByRole('checkbox', { name: 'Only matching' }).check();
  await logs.getByTestId('log-line').first().waitFor();
  console.log(
    `  only matching lines shown: ${(
      (Date.now() - filterStarted) /
      1000
    ).toFixed(2)} s`,
  );
  console.log(`  JS heap with the log: ${await heapMb(logs)}`);
  await logs.close();

  // The Object Explorer: every object of every cluster in one virtualized list.
  const explorerOpened = Date.now();
  const explorer = await openSignedIn(browser, '/object-explorer');
  const objectCount = () =>
    explorer.evaluate(() => {
      const text = [...document.querySelectorAll('p')]
        .map(e => e.textContent ?? '')
        .find(t => /^[\d,]+ objects$/.test(t));
      return text === undefined ? -1 : Number(text.replace(/\D/g, ''));
    });
  await until(
    'every object listed',
    async () => (await objectCount()) >= Math.floor(expected * 0.95),
    300_000,
  );
  console.log(
    `  Object Explorer opened to every object listed: ${(
      (Date.now() - explorerOpened) /
      1000
    ).toFixed(1)} s (${(await objectCount()).toLocaleString()} objects)`,
  );
  const explorerIdle = await framesDuring(explorer, () =>
    explorer.waitForTimeout(5000),
  );
  console.log(
    `  frames for 5 s of live updates, explorer: ${frameSummary(explorerIdle)}`,
  );
  const explorerScroll = await framesDuring(explorer, () =>
    explorer.evaluate(async () => {
      const scroller = document.querySelector(
        '[role=table][aria-label=Objects] > div:nth-child(2)',
      ) as HTMLElement;
      for (let i = 0; i < 200; i++) {
        scroller.scrollTop += 600;
        await new Promise(resolve => requestAnimationFrame(resolve));
      }
    }),
  );
  console.log(
    `  frames while scrolling the explorer, 200 steps: ${frameSummary(
      explorerScroll,
    )}`,
  );
  const all = await objectCount();
  const explorerSearchStarted = Date.now();
  await explorer
    .getByRole('textbox', { name: 'Search objects' })
    .fill('pod-12');
  await until(
    'the search narrowing the list',
    async () => (await objectCount()) < all / 2,
    60_000,
  );

  console.log(
    `  explorer search, typed to listed: ${(
      (Date.now() - explorerSearchStarted) /
      1000
    ).toFixed(2)} s (${(await objectCount()).toLocaleString()} objects)`,
  );
  console.log(`  JS heap with the explorer: ${await heapMb(explorer)}`);
  await browser.close();
} finally {
  await demo?.stop();
  if (simulator?.pid) {
    try {
      process.kill(-simulator.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  rmSync(dir, { recursive: true, force: true });
}
