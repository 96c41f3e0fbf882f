// Starts and stops the demo (`./wecs start`) and the headless browser for the end-to-end tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  chromium,
  type Browser,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';

export const repoRoot = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
);
/** The demo's addresses on its default ports (`./wecs start` without WECS_*_PORT). */
export const frontendUrl = 'http://localhost:3000';
export const backendUrl = 'http://localhost:7007';
export const screenshotDir = join(repoRoot, '.cache', 'screenshots');
const reportDir = join(repoRoot, '.cache', 'reports');

export interface RunningDemo {
  /** Where the app is served, e.g. http://localhost:3000. */
  readonly frontendUrl: string;
  /** Where the backend listens, e.g. http://localhost:7007. */
  readonly backendUrl: string;
  stop(): Promise<void>;
}

/** Ports for a demo beside another one (a benchmark picks free ones). */
export interface DemoPorts {
  frontend: number;
  backend: number;
}

/**
 * Runs `./wecs start [args]` in its own process group, its output saved under .cache/reports
 * (demo.log, or demo-PORT.log on other ports). Without `ports` the demo takes 3000 and 7007.
 * The group is also stopped when this process exits without calling stop().
 */
export async function startDemo(
  env: Record<string, string> = {},
  args: string[] = [],
  ports?: DemoPorts,
): Promise<RunningDemo> {
  mkdirSync(reportDir, { recursive: true });
  const logName = ports ? `demo-${ports.frontend}.log` : 'demo.log';
  const log = createWriteStream(join(reportDir, logName));
  const child = spawn(join(repoRoot, 'wecs'), ['start', ...args], {
    cwd: repoRoot,
    env: {
      ...process.env,
      ...(ports
        ? {
            WECS_FRONTEND_PORT: String(ports.frontend),
            WECS_BACKEND_PORT: String(ports.backend),
          }
        : {}),
      ...env,
    },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const killOnExit = () => killGroup(child, 'SIGTERM');
  process.once('exit', killOnExit);
  const demo: RunningDemo = {
    frontendUrl: ports ? `http://localhost:${ports.frontend}` : frontendUrl,
    backendUrl: ports ? `http://localhost:${ports.backend}` : backendUrl,
    stop: async () => {
      process.removeListener('exit', killOnExit);
      await stopGroup(child);
    },
  };
  try {
    await waitForUrl(
      `${demo.backendUrl}/api/wecs/health`,
      child,
      300_000,
      logName,
    );
    await waitForUrl(demo.frontendUrl, child, 60_000, logName);
  } catch (error) {
    await demo.stop();
    throw error;
  }
  return demo;
}

async function waitForUrl(
  url: string,
  child: ChildProcess,
  timeoutMs: number,
  logName: string,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(
        `./wecs start exited with ${child.exitCode} before ${url} answered; see .cache/reports/${logName}`,
      );
    }
    try {
      const response = await fetch(url);
      if (response.ok) {
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise(resolve => setTimeout(resolve, 500));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s`);
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null ||
  child.signalCode !== null ||
  child.pid === undefined;

/** Signals the child's process group, if it still runs; never throws. */
function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (exited(child)) {
    return;
  }
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}

async function stopGroup(child: ChildProcess) {
  if (exited(child)) {
    return;
  }
  const exit = new Promise(resolve => child.once('exit', resolve));
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 15_000);
  await exit;
  clearTimeout(timer);
}

/** A Backstage token for the guest user, as the app gets one when signing in. */
export async function guestToken(url: string = backendUrl): Promise<string> {
  const refresh = await fetch(`${url}/api/auth/guest/refresh?env=development`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  return (await refresh.json()).backstageIdentity.token;
}

/** Debian's Chromium, with the flags this offline machine needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Opens a page of the demo, signing in as the guest user when the sign-in page shows, in a
 * context of its own with `options` (e.g. the permissions to read and write the clipboard).
 */
export async function openSignedIn(
  browser: Browser,
  path: string,
  url: string = frontendUrl,
  options: BrowserContextOptions = {},
): Promise<Page> {
  const page = await browser.newPage({
    viewport: { width: 1440, height: 900 },
    ...options,
  });
  await page.goto(`${url}${path}`);
  const enter = page.getByRole('button', { name: 'Enter' });
  const signedIn = page.locator('[data-backstage-core-page]');
  await enter.or(signedIn).first().waitFor({ timeout: 60_000 });
  if (await enter.isVisible()) {
    await enter.click();
  }
  await signedIn.first().waitFor({ timeout: 60_000 });
  return page;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  return path;
}
