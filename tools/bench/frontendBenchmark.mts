// How the Deployed Workloads page holds up with a large fleet, in headless Chromium: the
// simulator in scale mode (with live changes) feeds `./wecs start --kubeconfig`, both on free
// ports so that the benchmark runs beside a demo, and the page is timed as a user drives it.
// Prints figures and ends with one summary line (DESIGN.md's contract); asserts nothing about
// speed, but exits non-zero when a step could not be measured.
//
//   ./wecs bench frontend [--clusters 10] [--objects 2000] [--rate 200] [--log-lines 100000]
import { type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Browser, CDPSession, Locator, Page } from 'playwright-core';
import {
  launchBrowser,
  openSignedIn,
  startDemo,
  type RunningDemo,
} from '../e2e/demo.mts';
import {
  backendLoaded,
  freePorts,
  killGroup,
  startSimulator,
} from './benchProcesses.mts';
import { startWireMeter, type WireMeter } from './wireMeter.mts';

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
  'log-lines': logLines,
})) {
  if (!Number.isInteger(value) || value < 0) {
    console.error(`bench frontend: --${name} must be a whole number`);
    process.exit(2);
  }
}
if (clusters < 1 || objects < 2) {
  console.error(
    'bench frontend: --clusters must be 1 or more and --objects 2 or more (the fleet needs a pod)',
  );
  process.exit(2);
}

/** Objects in the fleet, as the summary line counts them. */
const fleetObjects = clusters * objects;
/**
 * A pod deep in the tree that every cluster holds: scale mode makes object i a
 * ConfigMap, Pod, Deployment or Service by i % 4 (so pods are 1, 5, 9...), in namespace
 * ns-(i % 20). pod-1233 (ns-13) when the fleet is that large, else its last pod.
 */
const lastPod = 4 * Math.floor((objects - 2) / 4) + 1;
const searchName = `pod-${Math.min(1233, lastPod)}`;
/**
 * The tree's searches, timed one after another: pods in five namespaces (or fewer, in a small
 * fleet), so that the figure is their median rather than one draw.
 */
const treeSearchNames = [
  ...new Set(
    [1233, 1649, 857, 421, 1985].map(i => `pod-${Math.min(i, lastPod)}`),
  ),
];

/** How long one step may take before it counts as failed. */
const TIMEOUTS = {
  backendLoaded: 300_000,
  firstTree: 120_000,
  expand: 60_000,
  search: 60_000,
  expandForScrolling: 180_000,
  logs: 300_000,
  explorer: 120_000,
};
/** Frame intervals longer than this count as slow (a visible stutter). */
const SLOW_FRAME_MS = 50;
/** The window after opening /wecs whose WebSocket bytes are counted. */
const SOCKET_WINDOW_MS = 10_000;
const MB = 1024 * 1024;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const ms = (value: number) => `${value.toFixed(1)} ms`;
const seconds = (millis: number) => `${(millis / 1000).toFixed(2)} s`;
const sleep = (millis: number) =>
  new Promise(resolve => setTimeout(resolve, millis));

function frameSummary(intervals: number[]) {
  if (intervals.length === 0) return 'no frames';
  const sorted = [...intervals].sort((a, b) => a - b);
  return `median ${ms(percentile(sorted, 50))}, p95 ${ms(
    percentile(sorted, 95),
  )}, max ${ms(sorted[sorted.length - 1])}, ${
    sorted.filter(f => f > SLOW_FRAME_MS).length
  } of ${sorted.length} frames over ${SLOW_FRAME_MS} ms`;
}

/** Frame intervals while `during` runs, measured with requestAnimationFrame in the page. */
async function framesDuring(page: Page, during: () => Promise<unknown>) {
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
    await sleep(25);
  }
}

/** The page's used JS heap in bytes, after a garbage collection. */
async function heapBytes(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find(m => m.name === 'JSHeapUsedSize')?.value ?? 0;
  } finally {
    await cdp.detach();
  }
}
const heapText = async (page: Page) =>
  `${((await heapBytes(page)) / MB).toFixed(0)} MB`;

/**
 * Counts the WebSocket bytes the page receives within `windowMs` of start(): the messages'
 * payloads as the page reads them (from CDP), and the bytes on the wire (from `wire`, the
 * proxy in front of the backend), which permessage-deflate makes smaller. Attach before the
 * navigation so that the page's first socket is seen.
 */
async function socketMeter(page: Page, windowMs: number, wire: WireMeter) {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  let startedAt: number | undefined;
  let payloadBytes = 0;
  let frames = 0;
  cdp.on('Network.webSocketFrameReceived', event => {
    if (startedAt === undefined || performance.now() - startedAt > windowMs)
      return;
    payloadBytes += event.response.payloadData.length;
    frames++;
  });
  return {
    /** Starts (or starts again) the window, from now. */
    start() {
      startedAt = performance.now();
      payloadBytes = 0;
      frames = 0;
      wire.start(windowMs);
    },
    /** The window's wire bytes, payload bytes and frames, once the window has passed. */
    async read() {
      if (startedAt === undefined) throw new Error('the meter never started');
      const left = startedAt + windowMs - performance.now();
      if (left > 0) await sleep(left);
      await cdp.detach();
      return { wireBytes: wire.bytes, payloadBytes, frames };
    },
  };
}

/**
 * Expands the first 3 clusters (level-1 rows that expand), the first 3 namespaces (level 2)
 * of each and every kind (level 3) under those, so that the tree is many screens long. Works
 * on the virtualized list one row at a time, top down, by the row's offset in the scroller,
 * scrolling each into view and waiting for rows still loading from the backend. Rows are
 * chosen by name, and passes (at most 3) repeat until one expands nothing, so that rows
 * moving meanwhile (live updates) are caught by the next pass. Returns the rows it expanded.
 */
async function expandForScrolling(page: Page) {
  return page.evaluate(async timeoutMs => {
    const scroller = document.querySelector(
      '[role=tree] > div',
    ) as HTMLElement | null;
    if (!scroller) throw new Error('no [role=tree] > div scroller');
    const deadline = performance.now() + timeoutMs;
    const frame = () =>
      new Promise<void>(resolve => requestAnimationFrame(() => resolve()));
    /** The rendered row whose top is `top` px from the list's top. */
    const rowAt = (top: number) => {
      const origin = scroller.getBoundingClientRect().top - scroller.scrollTop;
      return [
        ...scroller.querySelectorAll<HTMLElement>('[role=treeitem]'),
      ].find(el => Math.abs(el.getBoundingClientRect().top - origin - top) < 1);
    };
    /** Waits until `ready` holds, scrolling `top` into view; false after 10 s. */
    const waitFor = async (top: number, ready: () => boolean) => {
      const until = performance.now() + 10_000;
      while (!ready()) {
        if (performance.now() > deadline)
          throw new Error(`still expanding after ${timeoutMs / 1000} s`);
        if (performance.now() > until) return false;
        const view = scroller.scrollTop;
        if (top < view || top >= view + scroller.clientHeight - 36)
          scroller.scrollTop = Math.max(0, top - 36);
        await frame();
      }
      return true;
    };
    /** The row's name, from its toggle's label (`Expand ns-1`, `Collapse ns-1`). */
    const nameOf = (row: HTMLElement) =>
      row
        .querySelector(
          'button[aria-label^="Expand "], button[aria-label^="Collapse "]',
        )
        ?.getAttribute('aria-label')
        ?.replace(/^(Expand|Collapse) /, '');
    const height =
      scroller.querySelector<HTMLElement>('[role=treeitem]')?.offsetHeight ||
      36;
    const clusters: string[] = [];
    const namespaces = new Map<string, string[]>();
    let expanded = 0;
    for (let pass = 1, clicked = -1; clicked !== 0 && pass <= 3; pass++) {
      clicked = 0;
      let cluster: string | undefined;
      let namespaceChosen = false;
      scroller.scrollTop = 0;
      for (let top = 0; ; top += height) {
        // The end of the list, or a row that stays loading: the pass ends.
        const shown = await waitFor(top, () => {
          if (top >= scroller.scrollHeight) return true;
          const row = rowAt(top);
          return row !== undefined && row.getAttribute('aria-busy') !== 'true';
        });
        const row = top < scroller.scrollHeight ? rowAt(top) : undefined;
        if (!shown || !row) break;
        const level = Number(row.getAttribute('aria-level'));
        const name = nameOf(row);
        if (name === undefined) continue;
        let wanted = false;
        if (level === 1) {
          if (!clusters.includes(name)) {
            if (clusters.length === 3) break;
            clusters.push(name);
            namespaces.set(name, []);
          }
          cluster = name;
          wanted = true;
        } else if (level === 2 && cluster) {
          const chosen = namespaces.get(cluster)!;
          if (!chosen.includes(name) && chosen.length < 3) chosen.push(name);
          namespaceChosen = chosen.includes(name);
          wanted = namespaceChosen;
        } else if (level === 3) {
          wanted = namespaceChosen;
        }
        const toggle = row.querySelector<HTMLElement>(
          'button[aria-label^="Expand "]',
        );
        if (!wanted || !toggle) continue;
        toggle.click();
        clicked++;
        expanded++;
        // Expanded when the row says so and its first child shows below it (else the
        // next pass tries again).
        await waitFor(top, () => {
          const child = rowAt(top + height);
          return (
            rowAt(top)?.getAttribute('aria-expanded') === 'true' &&
            child !== undefined &&
            Number(child.getAttribute('aria-level')) > level
          );
        });
      }
    }
    return expanded;
  }, TIMEOUTS.expandForScrolling);
}

/** Scrolls the tree 200 steps of 900 px, one a frame, turning back at either end. */
const scrollTree = (page: Page) =>
  page.evaluate(async () => {
    const scroller = document.querySelector('[role=tree] > div') as HTMLElement;
    let direction = 1;
    for (let i = 0; i < 200; i++) {
      const end = scroller.scrollHeight - scroller.clientHeight;
      let next = scroller.scrollTop + direction * 900;
      if (next >= end) {
        next = end;
        direction = -1;
      } else if (next <= 0) {
        next = 0;
        direction = 1;
      }
      scroller.scrollTop = next;
      await new Promise(resolve => requestAnimationFrame(resolve));
    }
    return scroller.scrollHeight;
  });

/** Opens a page of the app, signed in on another first, and leaves it once quiet. */
async function openQuietly(browser: Browser, demo: RunningDemo) {
  const page = await openSignedIn(browser, '/catalog', demo.frontendUrl);
  // Leaving during the guest session's refresh would make the next load ask to sign in.
  await page.waitForLoadState('networkidle').catch(() => undefined);
  return page;
}

/**
 * Milliseconds from page.goto(url) to `shown` visible. Should the load ask to sign in again,
 * it signs in and loads the page again (at most twice), so the sign-in is never timed.
 */
async function timedGoto(
  page: Page,
  url: string,
  shown: Locator,
  timeoutMs: number,
  onStart: () => void = () => {},
) {
  const enter = page.getByRole('button', { name: 'Enter' });
  for (let attempt = 1; ; attempt++) {
    const started = performance.now();
    onStart();
    await page.goto(url);
    await shown.or(enter).first().waitFor({ timeout: timeoutMs });
    if (!(await enter.isVisible())) return performance.now() - started;
    if (attempt === 3) throw new Error(`${url} asked to sign in on every load`);
    console.log(`  (${url} asked to sign in: signed in, and loaded again)`);
    await enter.click();
    await shown.waitFor({ timeout: timeoutMs });
    await page.waitForLoadState('networkidle').catch(() => undefined);
  }
}

/**
 * Waits until `selector` matches an element whose text holds `text`, checking every animation
 * frame in the page: a locator's waitFor polls from the test process at growing intervals
 * (20, 50, 100 ms...), which traced runs showed adding some 60 ms to what was already drawn.
 */
const whenDrawn = (
  page: Page,
  selector: string,
  text: string,
  timeoutMs: number,
) =>
  page.waitForFunction(
    ([css, wanted]) =>
      [...document.querySelectorAll(css)].some(element =>
        element.textContent?.includes(wanted),
      ),
    [selector, text] as const,
    { polling: 'raf', timeout: timeoutMs },
  );

/** The figures of the summary line; undefined is printed as n/a. */
const figures: {
  firstTree?: number;
  expand?: number;
  search?: number;
  frameMedian?: number;
  slowFrames?: number;
  heap?: number;
  socket?: number;
} = {};
const failures: string[] = [];

/** Runs one step; a failure is printed with its reason and counted, and undefined returned. */
async function step<T>(
  name: string,
  run: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await run();
  } catch (error) {
    const cause =
      error instanceof Error && error.cause instanceof Error
        ? ` (${error.cause.message})`
        : '';
    const why = `${(error instanceof Error ? error.message : String(error))
      .split('\n')[0]
      .trim()}${cause}`;
    console.log(`  ${name}: FAILED: ${why}`);
    failures.push(name);
    return undefined;
  }
}

function summaryLine() {
  const figure = (value: number | undefined, digits: number, unit: string) =>
    value === undefined ? 'n/a' : `${value.toFixed(digits)}${unit}`;
  return (
    `frontend: ${fleetObjects} objects, ` +
    `first tree ${figure(figures.firstTree, 0, ' ms')}, ` +
    `expand ${figure(figures.expand, 0, ' ms')}, ` +
    `search ${figure(figures.search, 0, ' ms')}, ` +
    `frame median ${figure(figures.frameMedian, 1, ' ms')}, ` +
    `slow frames ${figure(figures.slowFrames, 1, '%')}, ` +
    `heap ${figure(figures.heap, 0, ' MB')}, ` +
    `socket ${figure(figures.socket, 2, ' MB')}`
  );
}

/** The Deployed Workloads tree: the figures of the summary line. */
async function treeSteps(browser: Browser, demo: RunningDemo, wire: WireMeter) {
  // Signed in on another page first, so that /wecs is timed without the sign-in.
  const page = await openQuietly(browser, demo);
  const meter = await socketMeter(page, SOCKET_WINDOW_MS, wire);
  const rows = page.locator('[role=treeitem]');

  const firstTree = await step('first tree', async () => {
    figures.firstTree = await timedGoto(
      page,
      `${demo.frontendUrl}/wecs`,
      rows.first(),
      TIMEOUTS.firstTree,
      () => meter.start(),
    );
    console.log(
      `  page.goto /wecs to the first tree row: ${ms(figures.firstTree)}`,
    );
    return true;
  });

  if (firstTree) {
    await step('expand', async () => {
      const cluster = page
        .locator('[role=treeitem][aria-level="1"][aria-expanded]')
        .first();
      await cluster.waitFor({ timeout: TIMEOUTS.expand });
      const children = page.locator('[role=treeitem][aria-level="2"]');
      if ((await cluster.getAttribute('aria-expanded')) === 'true') {
        // Opened already (a remembered state): closed first, so that opening is timed.
        await cluster.getByRole('button', { name: /^Collapse / }).click();
        await children.first().waitFor({ state: 'hidden' });
      }
      const toggle = cluster.getByRole('button', { name: /^Expand / });
      const name = (await toggle.getAttribute('aria-label'))!.replace(
        /^Expand /,
        '',
      );
      // Timed from the mouse's click itself: a locator's click first waits for the button to
      // hold still over two animation frames, which is the test's own time, not the page's.
      await toggle.scrollIntoViewIfNeeded();
      const box = (await toggle.boundingBox())!;
      const started = performance.now();
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      // A row with its namespace, not a placeholder drawn while the window is on its way.
      await whenDrawn(
        page,
        '[role=treeitem][aria-level="2"]:not([aria-busy])',
        '',
        TIMEOUTS.expand,
      );
      figures.expand = performance.now() - started;
      console.log(
        `  expand ${name}, click to its first child row: ${ms(figures.expand)}`,
      );
    });

    // Scrolling before the search: a search opens its own way through the tree.
    await step('frames', async () => {
      const expanded = await expandForScrolling(page);
      let height = 0;
      const intervals = await framesDuring(page, async () => {
        height = await scrollTree(page);
      });
      if (intervals.length === 0) throw new Error('no frame was measured');
      const sorted = [...intervals].sort((a, b) => a - b);
      figures.frameMedian = percentile(sorted, 50);
      figures.slowFrames =
        (100 * sorted.filter(f => f > SLOW_FRAME_MS).length) / sorted.length;
      console.log(
        `  scrolling the tree 200 steps of 900 px (${expanded} rows expanded, ${Math.round(
          height / 36,
        ).toLocaleString()} rows long), live updates on: ${frameSummary(
          intervals,
        )}`,
      );
    });
    await step('search', async () => {
      const box = page.getByRole('textbox', {
        name: 'Search names across the fleet',
      });
      const times: number[] = [];
      for (const name of treeSearchNames) {
        // A fresh search each time, with the box empty and nothing on its way.
        await box.fill('');
        await page.waitForFunction(
          () =>
            document.querySelector('[data-testid=search-position]')
              ?.textContent === '',
          undefined,
          { timeout: TIMEOUTS.search },
        );
        await sleep(500);
        // Timed from the keys themselves, as for expand: the box has the focus already.
        await box.focus();
        const started = performance.now();
        await page.keyboard.insertText(name);
        await page.keyboard.press('Enter');
        await whenDrawn(
          page,
          '[role=treeitem][aria-selected="true"]',
          name,
          TIMEOUTS.search,
        );
        times.push(performance.now() - started);
        const position = page.getByText(/^[\d,]+ of [\d,]+$/).first();
        const of = (await position.isVisible())
          ? ` (${await position.textContent()})`
          : '';
        console.log(
          `  search ${name}, typed and Enter to its row selected: ${ms(
            times.at(-1)!,
          )}${of}`,
        );
      }
      figures.search = percentile(
        [...times].sort((a, b) => a - b),
        50,
      );
      console.log(`  search, median of ${times.length}: ${ms(figures.search)}`);
    });
  } else {
    for (const skipped of ['expand', 'frames', 'search'])
      console.log(`  ${skipped}: skipped, the tree never showed`);
  }

  await step('heap', async () => {
    figures.heap = (await heapBytes(page)) / MB;
    console.log(
      `  JS heap after the tree steps: ${figures.heap.toFixed(0)} MB`,
    );
  });
  await step('socket', async () => {
    const { wireBytes, payloadBytes, frames } = await meter.read();
    figures.socket = wireBytes / MB;
    console.log(
      `  WebSocket bytes received in the first ${
        SOCKET_WINDOW_MS / 1000
      } s of /wecs: ${figures.socket.toFixed(
        2,
      )} MB on the wire, ${frames.toLocaleString()} messages of ${(
        payloadBytes / MB
      ).toFixed(2)} MB`,
    );
  });
  await page.close();
}

/** A pod's logs while it writes `logLines` lines at once (scale-mode pod-1 is in ns-1). */
async function logSteps(
  browser: Browser,
  demo: RunningDemo,
  controlPort: number,
) {
  const logs = await openSignedIn(
    browser,
    '/wecs?cluster=cluster1&namespace=ns-1&kind=Pod',
    demo.frontendUrl,
  );
  const ready = await step('logs: open the Logs tab of pod-1', async () => {
    await logs
      .getByRole('textbox', { name: 'Search names across the fleet' })
      .fill('pod-1');
    await logs
      .getByRole('treeitem')
      .filter({ hasText: /^pod-1$/ })
      .first()
      .click({ timeout: TIMEOUTS.explorer });
    await logs.getByRole('tab', { name: 'Logs' }).click();
    await logs.getByText(/^Following · /).waitFor({ timeout: 60_000 });
    return true;
  });
  if (!ready) {
    await logs.close();
    return;
  }
  const status = logs.getByText(/^Following · [\d,]+ lines$/);
  const lineCount = async () =>
    Number((await status.textContent())!.replace(/\D/g, ''));

  const arrived = await step('logs: burst', async () => {
    const before = await lineCount();
    const burstStarted = performance.now();
    let arrivedMs = 0;
    const frames = await framesDuring(logs, async () => {
      const burst = await fetch(
        `http://127.0.0.1:${controlPort}/clusters/cluster1/log-burst?namespace=ns-1&pod=pod-1&container=main&lines=${logLines}`,
        { method: 'POST' },
      );
      if (!burst.ok)
        throw new Error(`log burst: ${burst.status} ${await burst.text()}`);
      while ((await lineCount()) < before + logLines) {
        if (performance.now() - burstStarted > TIMEOUTS.logs)
          throw new Error(
            `the burst did not arrive in ${TIMEOUTS.logs / 1000} s`,
          );
        await logs.waitForTimeout(100);
      }
      arrivedMs = performance.now() - burstStarted;
    });
    console.log(
      `  ${logLines.toLocaleString()} log lines written at once: all shown after ${seconds(
        arrivedMs,
      )}; frames meanwhile: ${frameSummary(frames)}`,
    );
    return true;
  });
  if (arrived) {
    await step('logs: scrolling', async () => {
      const frames = await framesDuring(logs, () =>
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
        `  frames while scrolling the log, 200 steps: ${frameSummary(frames)}`,
      );
    });
  }
  await step('logs: search', async () => {
    const started = performance.now();
    await logs.getByRole('textbox', { name: 'Search the log' }).fill('ERROR');
    const matching = logs.getByText(/^[\d,]+ matching$/);
    await matching.waitFor({ timeout: 60_000 });
    console.log(
      `  log search, typed to counted: ${seconds(
        performance.now() - started,
      )} (${await matching.textContent()} lines)`,
    );
    const filterStarted = performance.now();
    await logs.getByRole('checkbox', { name: 'Only matching' }).check();
    await logs.getByTestId('log-line').first().waitFor({ timeout: 60_000 });
    console.log(
      `  only matching lines shown: ${seconds(
        performance.now() - filterStarted,
      )}`,
    );
  });
  await step('logs: heap', async () =>
    console.log(`  JS heap with the log: ${await heapText(logs)}`),
  );
  await logs.close();
}

/** The Object Explorer: opening to its first rows, live frames, scrolling and a search. */
async function explorerSteps(browser: Browser, demo: RunningDemo) {
  const explorer = await openQuietly(browser, demo);
  const rows = explorer.locator(
    '[role=table][aria-label=Objects] [role=row][aria-label]',
  );
  const opened = await step('explorer: first rows', async () => {
    const took = await timedGoto(
      explorer,
      `${demo.frontendUrl}/object-explorer`,
      rows.first(),
      TIMEOUTS.explorer,
    );
    console.log(`  Object Explorer, page.goto to its first rows: ${ms(took)}`);
    return true;
  });
  if (!opened) {
    await explorer.close();
    return;
  }
  await step('explorer: live frames', async () => {
    const frames = await framesDuring(explorer, () =>
      explorer.waitForTimeout(5000),
    );
    console.log(
      `  frames for 5 s of live updates, explorer: ${frameSummary(frames)}`,
    );
  });
  await step('explorer: scrolling', async () => {
    const frames = await framesDuring(explorer, () =>
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
        frames,
      )}`,
    );
  });
  await step('explorer: search', async () => {
    const started = performance.now();
    await explorer
      .getByRole('textbox', { name: 'Search objects' })
      .fill(searchName);
    // Listed when every row shown is one the search finds.
    await until(
      `only rows matching ${searchName}`,
      async () => {
        const labels = await rows.evaluateAll(els =>
          els.map(el => el.getAttribute('aria-label') ?? ''),
        );
        return (
          labels.length > 0 && labels.every(label => label.includes(searchName))
        );
      },
      TIMEOUTS.explorer,
    );
    console.log(
      `  explorer search ${searchName}, typed to listed: ${ms(
        performance.now() - started,
      )} (${await rows.count()} rows shown)`,
    );
  });
  await step('explorer: heap', async () =>
    console.log(`  JS heap with the explorer: ${await heapText(explorer)}`),
  );
  await explorer.close();
}

/** The simulator's process group. */
let simulator: ChildProcess | undefined;
let demo: RunningDemo | undefined;
let wire: WireMeter | undefined;
let browser: Browser | undefined;
const dir = mkdtempSync(join(tmpdir(), 'wecs-bench-'));
const kubeconfig = join(dir, 'kubeconfig');
// Ctrl-C or a kill: exit, and the exit handlers stop the simulator's group (this one) and
// the demo's (startDemo's own).
process.on('exit', () => {
  killGroup(simulator);
  rmSync(dir, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    console.log(`bench frontend: ${signal}, stopping`);
    process.exit(130);
  });

try {
  console.log(
    `bench frontend: ${clusters} clusters x ${objects} objects, ${rate} changes/s across the fleet`,
  );
  const started = await step('start', async () => {
    const [controlPort, frontendPort, backendPort] = await freePorts(3);
    simulator = await startSimulator({
      kubeconfig,
      clusters,
      objects,
      rate,
      controlPort,
    });
    wire = await startWireMeter(backendPort);
    demo = await startDemo(
      { WECS_BACKEND_URL: `http://localhost:${wire.port}` },
      ['--kubeconfig', kubeconfig],
      { frontend: frontendPort, backend: backendPort },
    );
    console.log(
      `  demo on ${demo.frontendUrl} (backend ${demo.backendUrl}, which the browser reaches through a byte-counting proxy on port ${wire.port}), simulator control port ${controlPort}`,
    );
    const loadStarted = performance.now();
    const held = await backendLoaded(
      demo.backendUrl,
      fleetObjects,
      TIMEOUTS.backendLoaded,
    );
    console.log(
      `  backend store: ${held.toLocaleString()} objects, ${seconds(
        performance.now() - loadStarted,
      )} after the demo answered`,
    );
    browser = await launchBrowser();
    return { controlPort, wire };
  });
  if (started && browser && demo) {
    await treeSteps(browser, demo, started.wire);
    await logSteps(browser, demo, started.controlPort);
    await explorerSteps(browser, demo);
  }
} catch (error) {
  // A step's page could not even be opened.
  console.log(`  FAILED: ${error instanceof Error ? error.message : error}`);
  failures.push('page');
} finally {
  await browser?.close().catch(() => undefined);
  await demo?.stop();
  await wire?.close();
  killGroup(simulator);
}
console.log(summaryLine());
if (failures.length > 0) {
  console.log(`bench frontend: failed steps: ${failures.join(', ')}`);
  process.exitCode = 1;
}
