// The adopter's path, followed to the letter: a fresh app from `@backstage/create-app`, the
// plugins packed by `./wecs pack` and installed, wired and configured as the README's install
// section says (its code blocks are read, not copied here), the app's type check, then the app
// started against the fleet simulator: in Chromium, Deployed Workloads is reached through the
// sidebar and shows the fleet live (a WEC cut off and back shows so by itself), and a
// service's WECS tab and overview card show its workloads.
//
// Two runs: a new-frontend-system app with the backend-defaults it comes with (no WebSocket
// routes: live updates over streamed HTTP), and a legacy app with the newest backend-defaults
// its Yarn accepts (WebSocket). Each prints the time from create-app to live data on the page
// and the versions it covered; logs and screenshots go to .cache/reports/adopter-*.
//
//   node --test tools/adopter/adopter.test.mts      (./wecs test adopter)
//   WECS_ADOPTER_RUNS=legacy ...                    only the runs whose name holds one of these
//   WECS_ADOPTER_KEEP=1 ...                         keep the apps (their folder is printed)
import assert from 'node:assert/strict';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, repoRoot } from '../e2e/demo.mts';
import {
  adopterEnvironment,
  AdopterApp,
  compareVersions,
  CREATE_APP,
} from './adopterApp.mts';
import {
  freePort,
  runCommand,
  Server,
  tail,
  waitForUrl,
} from './processes.mts';
import {
  codeBlocksUnder,
  installSectionText,
  readInstallSteps,
  stepsFor,
  type Step,
} from './readme.mts';

const REPORTS = join(repoRoot, '.cache', 'reports');
const CLUSTERS = ['cluster1', 'cluster2', 'cluster3'];

interface Run {
  name: string;
  title: string;
  legacy: boolean;
  /** The README steps tagged with one of these are done too. */
  tags: string[];
  /** Upgrade @backstage/backend-defaults to the newest release the app's Yarn accepts. */
  newestBackendDefaults: boolean;
}

const RUNS: Run[] = [
  {
    name: 'new-frontend-system',
    title: 'a new-frontend-system app with its own backend-defaults',
    legacy: false,
    tags: ['new'],
    newestBackendDefaults: false,
  },
  {
    name: 'legacy-newest-backend-defaults',
    title: 'a legacy-frontend-system app with the newest backend-defaults',
    legacy: true,
    tags: ['legacy', 'websocket'],
    newestBackendDefaults: true,
  },
];

const wanted = process.env.WECS_ADOPTER_RUNS?.split(',').filter(Boolean);
const runs = RUNS.filter(
  run => !wanted || wanted.some(w => run.name.includes(w)),
);

/** What a run found, for the closing summary. */
interface Figures {
  run: string;
  backstage?: string;
  backendDefaults?: string;
  transports?: string[];
  secondsToLiveData?: number;
  failedAt?: string;
}

const figures: Figures[] = [];
const seconds = (ms: number) => Math.round(ms / 1000);

/** Signs in as the guest when the sign-in page shows, and waits for the app's sidebar. */
async function signIn(page: Page, url: string) {
  await page.goto(url);
  const enter = page.getByRole('button', { name: 'Enter' });
  const sidebar = page.getByRole('navigation', { name: 'sidebar nav' });
  // The sidebar's nav element has no box of its own: attached is what can be waited for.
  await enter
    .or(sidebar)
    .first()
    .waitFor({ state: 'attached', timeout: 120_000 });
  if (await enter.isVisible()) await enter.click();
  await sidebar.waitFor({ state: 'attached', timeout: 60_000 });
}

/** Deployed Workloads through the sidebar, as a user finds it. */
async function openDeployedWorkloads(page: Page, legacy: boolean) {
  const link = page.getByRole('link', { name: 'Deployed Workloads' });
  if (legacy) {
    // The README's sidebar puts the views in the Infrastructure submenu, which opens on hover.
    for (let attempt = 1; ; attempt++) {
      await page.getByText('Infrastructure', { exact: true }).first().hover();
      try {
        await link.waitFor({ timeout: 5_000 });
        break;
      } catch (error) {
        if (attempt === 3) throw error;
        await page.mouse.move(0, 0);
      }
    }
  }
  await link.click();
  await page.waitForURL(/\/wecs(\?|$)/);
}

describe(`an adopter's app (${CREATE_APP})`, () => {
  let env: NodeJS.ProcessEnv;
  let work: string;
  let packages: string;
  let kubeconfig: string;
  let simulator: Server | undefined;
  let simulatorUrl: string;
  let browser: Browser | undefined;
  let steps: Step[];

  before(async () => {
    mkdirSync(REPORTS, { recursive: true });
    env = adopterEnvironment(join(repoRoot, '.cache'));
    work = mkdtempSync(join(tmpdir(), 'wecs-adopter-'));
    // Interrupted, the test still leaves no apps behind (`after` does not run then).
    process.on('exit', () => {
      if (process.env.WECS_ADOPTER_KEEP !== '1') {
        rmSync(work, { recursive: true, force: true });
      }
    });
    packages = join(work, 'packages');
    kubeconfig = join(work, 'fleet.kubeconfig');
    steps = readInstallSteps(join(repoRoot, 'README.md'));

    const log = join(REPORTS, 'adopter-setup.log');
    writeFileSync(log, '');
    const simulatorPort = await freePort();
    simulatorUrl = `http://127.0.0.1:${simulatorPort}`;
    simulator = new Server(
      join(repoRoot, 'wecs'),
      [
        'sim',
        '--kubeconfig',
        kubeconfig,
        '--clusters',
        String(CLUSTERS.length),
        '--control-port',
        String(simulatorPort),
      ],
      { cwd: repoRoot, env: process.env, log },
    );
    const packed = await runCommand(
      join(repoRoot, 'wecs'),
      ['pack', packages],
      {
        cwd: repoRoot,
        env: process.env,
        log,
      },
    );
    assert.equal(packed.code, 0, `./wecs pack failed:\n${tail(packed.output)}`);
    await waitForUrl(
      `${simulatorUrl}/clusters`,
      simulator,
      120_000,
      'the simulator',
    );
    assert.ok(existsSync(kubeconfig), 'the simulator wrote its kubeconfig');
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await simulator?.stop();
    if (process.env.WECS_ADOPTER_KEEP === '1') {
      console.log(`adopter: apps kept in ${work}`);
    } else if (work) {
      rmSync(work, { recursive: true, force: true });
    }
    writeFileSync(
      join(REPORTS, 'adopter.json'),
      `${JSON.stringify(figures, null, 2)}\n`,
    );
    for (const f of figures) {
      console.log(
        `adopter: ${f.run}: Backstage ${
          f.backstage ?? '?'
        }, @backstage/backend-defaults ${
          f.backendDefaults ?? '?'
        }, transports ${JSON.stringify(f.transports ?? null)}, ${
          f.secondsToLiveData === undefined
            ? `failed at: ${f.failedAt}`
            : `create-app to live data ${f.secondsToLiveData} s`
        }`,
      );
    }
  });

  it("reads the README's install section", () => {
    assert.ok(
      steps.some(step => step.action === 'start'),
      'a start step',
    );
    assert.ok(
      steps.some(step => step.action === 'config'),
      'a config step',
    );
    for (const run of RUNS) {
      assert.ok(stepsFor(steps, run.tags).length > 4, `steps for ${run.name}`);
    }
  });

  it("keeps the plugins' READMEs to what the tested install section says", () => {
    const section = installSectionText(join(repoRoot, 'README.md'));
    for (const plugin of ['wecs', 'wecs-backend']) {
      const readme = join(repoRoot, 'plugins', plugin, 'README.md');
      for (const code of codeBlocksUnder(readme, 'Install')) {
        assert.ok(
          section.includes(code),
          `plugins/${plugin}/README.md's Install has a block the README's install section lacks:\n${code}`,
        );
      }
    }
  });

  for (const run of runs) {
    describe(run.title, () => {
      const result: Figures = { run: run.name };
      const tags = [...run.tags];
      figures.push(result);
      const log = join(REPORTS, `adopter-${run.name}.log`);
      let app: AdopterApp;
      let server: Server | undefined;
      let began = 0;
      let frontendUrl = '';
      let backendUrl = '';

      /** A fault of the simulator's (`POST /clusters/NAME/unreachable` and so on). */
      const fault = async (cluster: string, what: string) => {
        const response = await fetch(
          `${simulatorUrl}/clusters/${cluster}/${what}`,
          { method: 'POST' },
        );
        assert.ok(response.ok, `${what} ${cluster}: ${response.status}`);
      };

      /** A step of the run; once one fails, the rest are skipped. */
      const step = (
        name: string,
        minutes: number,
        body: (t: TestContext) => Promise<void>,
      ) =>
        it(name, async t => {
          if (result.failedAt) {
            t.skip(`"${result.failedAt}" failed`);
            return;
          }
          let timer: NodeJS.Timeout | undefined;
          try {
            await Promise.race([
              body(t),
              new Promise((_, reject) => {
                timer = setTimeout(
                  () =>
                    reject(
                      new Error(
                        `not done within ${minutes} minutes; see ${log}`,
                      ),
                    ),
                  minutes * 60_000,
                );
              }),
            ]);
          } catch (error) {
            result.failedAt = name;
            throw error;
          } finally {
            clearTimeout(timer);
          }
        });

      before(() => {
        writeFileSync(log, '');
        app = new AdopterApp(join(work, run.name), run.legacy, env, log);
      });

      after(async () => {
        await server?.stop();
      });

      step(
        `creates the app (${CREATE_APP}${
          run.legacy ? ' --legacy' : ''
        }) and installs its dependencies`,
        20,
        async t => {
          began = Date.now();
          const { lockSeed } = await app.create(`adopter-${run.name}`);
          if (!lockSeed && !run.tags.includes('websocket')) {
            // The README's mend for a 1.55 app that resolved without create-app's lock seed
            // and keeps backend-defaults 0.18 (0.19, the websocket runs', mends it by itself).
            tags.push('no-lock-seed');
            t.diagnostic('create-app could not fetch its yarn.lock seed');
          }
          await app.install();
          result.backstage = app.backstageVersion();
          t.diagnostic(
            `Backstage ${result.backstage}, ${seconds(Date.now() - began)} s`,
          );
        },
      );

      step(
        "installs, wires and configures the plugins as the README's install section says",
        30,
        async t => {
          mkdirSync(join(app.dir, 'wecs-packages'));
          for (const tarball of readdirSync(packages).filter(name =>
            name.endsWith('.tgz'),
          )) {
            copyFileSync(
              join(packages, tarball),
              join(app.dir, 'wecs-packages', tarball),
            );
          }
          const frontendPort = await freePort();
          const backendPort = await freePort();
          frontendUrl = `http://localhost:${frontendPort}`;
          backendUrl = `http://localhost:${backendPort}`;
          app.configurePorts(frontendPort, backendPort);

          let adjust: ((code: string) => string) | undefined;
          if (run.newestBackendDefaults) {
            const newest = app.newestAccepted('@backstage/backend-defaults');
            t.diagnostic(
              `newest @backstage/backend-defaults the app's Yarn accepts: ${newest}`,
            );
            // The README names the least version that has WebSocket routes; this run takes the newest.
            adjust = code =>
              code.replace(
                /(@backstage\/backend-defaults@)\S+/g,
                `$1${newest}`,
              );
          }
          for (const readmeStep of stepsFor(steps, tags)) {
            if (readmeStep.action === 'start') continue;
            const stepBegan = Date.now();
            await app.apply(readmeStep, { kubeconfig, adjust });
            const what =
              readmeStep.action === 'run'
                ? (adjust ?? (code => code))(readmeStep.code).replace(
                    /\n/g,
                    '; ',
                  )
                : [
                    readmeStep.action,
                    'file' in readmeStep ? readmeStep.file : '',
                  ].join(' ');
            t.diagnostic(`${what} (${seconds(Date.now() - stepBegan)} s)`);
          }
          result.backendDefaults = app.installedVersion(
            '@backstage/backend-defaults',
          );
          if (run.newestBackendDefaults) {
            assert.ok(
              compareVersions(result.backendDefaults, '0.19.0') >= 0,
              `backend-defaults ${result.backendDefaults}`,
            );
          }
        },
      );

      step(
        'starts as the README says, against the fleet simulator',
        20,
        async t => {
          const start = steps.find(s => s.action === 'start')!;
          server = app.start(start.code);
          await waitForUrl(
            `${backendUrl}/api/wecs/health`,
            server,
            15 * 60_000,
            'the app',
          );
          await waitForUrl(frontendUrl, server, 15 * 60_000, 'the app');
          const health = await (
            await fetch(`${backendUrl}/api/wecs/health`)
          ).json();
          result.transports = health.transports;
          t.diagnostic(`GET /api/wecs/health: ${JSON.stringify(health)}`);
          const websocket =
            compareVersions(result.backendDefaults!, '0.19.0') >= 0;
          assert.deepEqual(
            health.transports,
            websocket ? ['websocket', 'http-stream'] : ['http-stream'],
            `the live transports with @backstage/backend-defaults ${result.backendDefaults}`,
          );
        },
      );

      step(
        'shows the fleet live on Deployed Workloads in Chromium',
        10,
        async t => {
          const page = await browser!.newPage({
            viewport: { width: 1440, height: 900 },
          });
          try {
            await signIn(page, frontendUrl);
            await openDeployedWorkloads(page, run.legacy);
            const tree = page.getByRole('tree', { name: 'Fleet workloads' });
            // A cluster's row, found by its toggle (the row's text runs its parts together).
            const clusterRow = (cluster: string) =>
              tree.getByRole('treeitem').filter({
                has: page.getByRole('button', {
                  name: `Expand ${cluster}`,
                  exact: true,
                }),
              });
            for (const cluster of CLUSTERS) {
              await clusterRow(cluster).waitFor({ timeout: 120_000 });
            }
            await page
              .getByText('Live', { exact: true })
              .first()
              .waitFor({ timeout: 60_000 });
            result.secondsToLiveData = seconds(Date.now() - began);
            t.diagnostic(
              `create-app to live data: ${result.secondsToLiveData} s`,
            );

            // And a change on the fleet reaches the page by itself: a WEC cut off, then back.
            const last = CLUSTERS[CLUSTERS.length - 1];
            const row = clusterRow(last);
            await fault(last, 'unreachable');
            await row
              .filter({ hasText: 'disconnected' })
              .waitFor({ timeout: 60_000 });
            await fault(last, 'reachable');
            await row
              .filter({ hasNotText: 'disconnected' })
              .waitFor({ timeout: 60_000 });
          } finally {
            await page.screenshot({
              path: join(REPORTS, `adopter-${run.name}.png`),
              fullPage: true,
              animations: 'disabled',
            });
            await page.close();
          }
        },
      );

      step(
        "shows a service's workloads on its WECS tab and overview card",
        5,
        async () => {
          const page = await browser!.newPage({
            viewport: { width: 1440, height: 900 },
          });
          const entity = `${frontendUrl}/catalog/default/component/storefront`;
          try {
            await signIn(page, entity);
            // The catalog reads the README's entity soon after it starts; until then the
            // entity page says it has none.
            const card = page.getByText('WECS workloads');
            for (let attempt = 1; ; attempt++) {
              try {
                await card.waitFor({ timeout: 10_000 });
                break;
              } catch (error) {
                if (attempt === 12) throw error;
                await page.reload();
              }
            }
            await page
              .getByText(
                new RegExp(`^\\d+ workloads in ${CLUSTERS.length} clusters`),
              )
              .waitFor({ timeout: 60_000 });
            await card.scrollIntoViewIfNeeded();
            await page.screenshot({
              path: join(REPORTS, `adopter-${run.name}-entity-card.png`),
              animations: 'disabled',
            });
            await page.goto(`${entity}/wecs`);
            await page
              .getByText('backstage.io/kubernetes-id=storefront')
              .waitFor({ timeout: 60_000 });
            // The storefront Deployment in each WEC.
            const rows = page.getByRole('row').filter({
              has: page.getByRole('link', { name: 'storefront', exact: true }),
            });
            await rows.nth(CLUSTERS.length - 1).waitFor({ timeout: 60_000 });
          } finally {
            await page.screenshot({
              path: join(REPORTS, `adopter-${run.name}-entity-tab.png`),
              animations: 'disabled',
            });
            await page.close();
          }
        },
      );
    });
  }
});
