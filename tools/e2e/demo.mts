// Starts and stops the demo (`./wecs start`) and the headless browser for the end-to-end tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const repoRoot = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
);
export const frontendUrl = 'http://localhost:3000';
export const backendUrl = 'http://localhost:7007';
export const screenshotDir = join(repoRoot, '.cache', 'screenshots');
const reportDir = join(repoRoot, '.cache', 'reports');

export interface RunningDemo {
  stop(): Promise<void>;
}

/** Runs `./wecs start [args]` in its own process group, its output saved under .cache/reports. */
export async function startDemo(
  env: Record<string, string> = {},
  args: string[] = [],
): Promise<RunningDemo> {
  mkdirSync(reportDir, { recursive: true });
  const log = createWriteStream(join(reportDir, 'demo.log'));
  const child = spawn(join(repoRoot, 'wecs'), ['start', ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const demo = { stop: () => stopGroup(child) };
  try {
    await waitForUrl(`${backendUrl}/api/wecs/health`, child, 300_000);
    await waitForUrl(frontendUrl, child, 60_000);
  } catch (error) {
    await demo.stop();
    throw error;
  }
  return demo;
}

async function waitForUrl(url: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(
        `./wecs start exited with ${child.exitCode} before ${url} answered; see .cache/reports/demo.log`,
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

async function stopGroup(child: ChildProcess) {
  if (child.exitCode !== null || child.pid === undefined) {
    return;
  }
  const exited = new Promise(resolve => child.once('exit', resolve));
  process.kill(-child.pid, 'SIGTERM');
  const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** A Backstage token for the guest user, as the app gets one when signing in. */
export async function guestToken(): Promise<string> {
  const refresh = await fetch(
    `${backendUrl}/api/auth/guest/refresh?env=development`,
    {
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    },
  );
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

/** Opens a page of the demo, signing in as the guest user when the sign-in page shows. */
export async function openSignedIn(
  browser: Browser,
  path: string,
): Promise<Page> {
  const page = await browser.newPage({
    viewport: { width: 1440, height: 900 },
  });
  await page.goto(`${frontendUrl}${path}`);
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
