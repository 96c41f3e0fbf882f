// The demo as a user meets it: `./wecs start` (fed by the fleet simulator), then the WECS
// page and tab in Chromium.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type {
  Browser,
  BrowserContextOptions,
  Locator,
  Page,
  WebSocketRoute,
} from 'playwright-core';
import { parse as parseYaml } from 'yaml';
import {
  backendUrl,
  guestToken,
  launchBrowser,
  openSignedIn,
  screenshot,
  startDemo,
  type RunningDemo,
} from './demo.mts';

/** A storefront pod's row: its ReplicaSet's name and a suffix (the ReplicaSet has none). */
const STOREFRONT_POD = /^storefront-[a-z0-9]+-[a-z0-9]+$/;

/**
 * Types `query` in the tree's search and waits for the answer: the first match is shown
 * (expanded to, selected, its name highlighted); returns how many objects match.
 */
async function searchTree(page: Page, query: string): Promise<number> {
  await page
    .getByRole('textbox', { name: 'Search names across the fleet' })
    .fill(query);
  const position = page.getByTestId('search-position');
  await position.filter({ hasText: /^1 of \d+$/ }).waitFor();
  return Number((await position.textContent())!.replace(/^1 of /, ''));
}

/** The tree's selected row, once its content has arrived. */
function selectedRow(page: Page): Locator {
  return page
    .getByRole('tree', { name: 'Fleet workloads' })
    .locator('[role=treeitem][aria-selected=true][data-node-id]');
}

/** The text of a tree row named `name`, with the policy that delivered it, if one did. */
const namedRow = (name: string) => new RegExp(`^${name}(via .+)?$`);

/**
 * Opens Deployed Workloads on one cluster and kind, finds `name` with the tree's search and
 * clicks its row: the page, with the object's details open on their Summary.
 */
async function openDetails(
  browser: Browser,
  cluster: string,
  kind: string,
  name: string,
  options: BrowserContextOptions = {},
): Promise<Page> {
  const page = await openSignedIn(
    browser,
    `/wecs?cluster=${cluster}&kind=${kind}`,
    undefined,
    options,
  );
  await searchTree(page, name);
  await page
    .getByRole('tree', { name: 'Fleet workloads' })
    .getByRole('treeitem')
    .filter({ hasText: namedRow(name) })
    .first()
    .click();
  await page.getByText(`${kind} ${name}`).waitFor();
  return page;
}

/**
 * Expands every row, as far as it goes: a small fleet's whole tree (there is no Expand all).
 * After each click it waits for the rows under it to arrive (no placeholder left).
 */
async function expandEverything(page: Page) {
  const tree = page.getByRole('tree', { name: 'Fleet workloads' });
  const loading = tree.locator('[role=treeitem][aria-busy=true]');
  for (let clicks = 0; clicks < 200; clicks++) {
    await loading.first().waitFor({ state: 'detached' });
    const next = tree.getByRole('button', { name: /^Expand / }).first();
    if (!(await next.count())) return;
    await next.click();
    // The rows it opens come in a round trip: a placeholder first, or at once.
    await page.waitForTimeout(100);
  }
  assert.fail('the tree kept offering rows to expand');
}

/** Waits until the tree shows a number of storefront pods that `wanted` accepts. */
async function waitForStorefrontPods(
  page: Page,
  wanted: (count: number) => boolean,
) {
  for (let waited = 0; ; waited += 250) {
    const count = await page
      .getByRole('treeitem')
      .filter({ hasText: STOREFRONT_POD })
      .count();
    if (wanted(count)) return;
    assert.ok(waited < 60_000, `the tree still shows ${count} storefront pods`);
    await page.waitForTimeout(250);
  }
}

/** Goes to a view through the sidebar: Infrastructure, then the view in its submenu. */
/** As a user would: finds `text` with the editor's search, and types `replacement` over it. */
async function typeOver(
  page: Page,
  editor: Locator,
  text: string,
  replacement: string,
) {
  await editor.click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Control+f');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await page.keyboard.type(replacement);
}

async function openSidebarView(page: Page, view: string) {
  // The submenu's entry: Deployed Workloads is also a top-level entry, before it.
  const link = page.getByRole('link', { name: view }).last();
  // The submenu opens on hover; a hover that lands mid-render may not open it, so try again.
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
  await link.click();
  await page.getByRole('heading', { name: view, level: 1 }).waitFor();
}

/** A CSS colour (`rgb(r, g, b)`) as its three channels. */
function channels(colour: string): [number, number, number] {
  const match = /rgba?\((\d+), (\d+), (\d+)/.exec(colour);
  assert.ok(match, `not a colour: ${colour}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** The colour family a person would name: red, yellow, green, blue, or other. */
function hueName(colour: string): string {
  const [r, g, b] = channels(colour);
  if (r > 120 && g > 0.45 * r && b < 0.5 * g) return 'yellow';
  if (r > 150 && g < 0.45 * r && b < 0.6 * r) return 'red';
  if (g > r && g > b) return 'green';
  if (b > r && b > g * 0.9) return 'blue';
  return 'other';
}

/** The computed style property of the first element `locator` finds. */
function styleOf(locator: Locator, property: string): Promise<string> {
  return locator
    .first()
    .evaluate(
      (element, name) => getComputedStyle(element).getPropertyValue(name),
      property,
    );
}

/** Opens the Logs tab of one of cluster1's storefront pods and waits for it to follow. */
async function openStorefrontPodLogs(page: Page) {
  await searchTree(page, 'storefront-');
  await page
    .getByRole('tree', { name: 'Fleet workloads' })
    .getByRole('treeitem')
    .filter({ hasText: STOREFRONT_POD })
    .first()
    .click();
  await page.getByRole('tab', { name: 'Logs' }).click();
  await page.getByText(/^Following · [\d,]+ lines$/).waitFor();
}

/** How many lines the log view holds, as its state line says ("Following · 42 lines"). */
async function logLineCount(page: Page): Promise<number> {
  const state = page.getByText(/^(Following|Ended) · [\d,]+ lines$/);
  return Number((await state.textContent())!.replace(/\D/g, ''));
}

/** Waits until the log view holds more than `count` lines. */
async function waitForLogLines(page: Page, count: number) {
  for (let waited = 0; (await logLineCount(page)) <= count; waited += 250) {
    assert.ok(waited < 30_000, `no log line after ${count}`);
    await page.waitForTimeout(250);
  }
}

/** Clicks `trigger` and reads the file the page downloads: its name and its text. */
async function downloadFrom(page: Page, trigger: Locator) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    trigger.click(),
  ]);
  return {
    name: download.suggestedFilename(),
    text: await readFile((await download.path())!, 'utf8'),
  };
}

/** Clicks Download in the log view; the file's name and its lines. */
async function downloadLog(page: Page) {
  const { name, text } = await downloadFrom(
    page,
    page.getByRole('button', { name: 'Download' }),
  );
  return { name, lines: text.split('\n').filter(Boolean) };
}

/** A page whose clipboard the test reads, as a person pastes what they copied. */
const CLIPBOARD: BrowserContextOptions = {
  permissions: ['clipboard-read', 'clipboard-write'],
};

/** What the clipboard of a page opened with CLIPBOARD holds. */
function clipboardText(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText());
}

/** Asserts that `text` is an object's manifest, as YAML or JSON, of this kind and name. */
function assertManifest(
  text: string,
  format: 'yaml' | 'json',
  kind: string,
  name: string,
) {
  const object = format === 'yaml' ? parseYaml(text) : JSON.parse(text);
  assert.equal(object.kind, kind);
  assert.equal(object.metadata?.name, name);
}

/**
 * Sends a request about one cluster's objects to the backend as the guest user, as kubectl
 * would to the cluster: `path` after /api/wecs/CLUSTER, `body` as JSON.
 */
async function askBackend(
  cluster: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<Response> {
  return fetch(`${backendUrl}/api/wecs/${cluster}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${await guestToken()}`,
      'Content-Type': 'application/json',
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
}

/** Injects a fault into one of the simulator's clusters, or ends it (`reachable`, `unstall`). */
function simulate(cluster: string, action: string): Promise<Response> {
  return fetch(`http://127.0.0.1:7080/clusters/${cluster}/${action}`, {
    method: 'POST',
  });
}

describe('the demo app', () => {
  let demo: RunningDemo | undefined;
  let browser: Browser | undefined;

  before(async () => {
    demo = await startDemo();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await demo?.stop();
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

  it('streams the fleet over the WebSocket to a signed-in user only', async () => {
    const token = await guestToken();
    const url = `${backendUrl.replace('http', 'ws')}/api/wecs/fleet`;

    const refused = new WebSocket(url, ['wecs.v1']);
    const refusal = await new Promise<string>(resolve => {
      refused.onopen = () => resolve('opened');
      refused.onerror = () => resolve('refused');
    });
    assert.equal(refusal, 'refused');

    const socket = new WebSocket(url, ['wecs.v1', token]);
    const snapshot = await new Promise<any>((resolve, reject) => {
      socket.onopen = () =>
        socket.send(
          JSON.stringify({
            type: 'subscribe',
            filters: { kinds: ['Deployment'] },
          }),
        );
      socket.onmessage = event => {
        const message = JSON.parse(String(event.data));
        if (message.type === 'snapshot') resolve(message);
      };
      socket.onerror = () => reject(new Error('the fleet socket failed'));
      setTimeout(() => reject(new Error('no snapshot within 20s')), 20_000);
    });
    assert.equal(socket.protocol, 'wecs.v1');
    socket.close();
    // cluster4 asked to join and is not accepted: a pending cluster, with no objects.
    assert.deepEqual(
      snapshot.clusters.map((c: any) => `${c.name}:${c.state}`).sort(),
      [
        'cluster1:connected',
        'cluster2:connected',
        'cluster3:connected',
        'cluster4:pending',
      ],
    );
    assert.ok(
      snapshot.resources.some(
        (r: any) => r.kind === 'Deployment' && r.name === 'storefront',
      ),
    );
    assert.ok(snapshot.resources.every((r: any) => r.kind === 'Deployment'));
  });

  it('streams the merged logs of a workload over the log socket', async () => {
    const token = await guestToken();
    const query =
      'cluster=cluster1&namespace=shop&workloadKind=Deployment&workloadName=storefront&container=web&tailLines=3';
    const socket = new WebSocket(
      `${backendUrl.replace('http', 'ws')}/api/wecs/logs?${query}`,
      ['wecs.v1', token],
    );
    const messages = await new Promise<any[]>((resolve, reject) => {
      const received: any[] = [];
      socket.onmessage = event => received.push(JSON.parse(String(event.data)));
      socket.onclose = () => resolve(received);
      socket.onerror = () => reject(new Error('the log socket failed'));
      setTimeout(
        () => reject(new Error('the log socket did not end within 20s')),
        20_000,
      );
    });
    assert.equal(messages[0].type, 'sources');
    assert.equal(messages[0].sources.length, 3);
    const lines = messages.flatMap(m => (m.type === 'lines' ? m.lines : []));
    assert.ok(lines.length >= 3, `got ${lines.length} lines`);
    assert.ok(
      lines.every(
        (l: any) => l.container === 'web' && l.pod.startsWith('storefront-'),
      ),
    );
    assert.deepEqual(messages[messages.length - 1], { type: 'end' });
  });

  it('limits how many log streams one user may hold open', async () => {
    const token = await guestToken();
    const url = `${backendUrl.replace(
      'http',
      'ws',
    )}/api/wecs/logs?cluster=cluster1&namespace=shop&workloadKind=StatefulSet&workloadName=payments&container=web&follow=true&tailLines=1`;
    // Served: the first message names the sources. Refused: the socket says why (an error
    // message, then close code 4429 with the same reason), which the page shows.
    const open = () =>
      new Promise<{ socket: WebSocket; opened: boolean; refusal?: string }>(
        resolve => {
          const socket = new WebSocket(url, ['wecs.v1', token]);
          socket.onmessage = event => {
            const message = JSON.parse(String(event.data));
            resolve(
              message.type === 'error'
                ? { socket, opened: false, refusal: message.message }
                : { socket, opened: true },
            );
          };
          socket.onclose = event =>
            resolve({ socket, opened: false, refusal: event.reason });
          socket.onerror = () => resolve({ socket, opened: false });
        },
      );
    const streams = [];
    for (let i = 0; i < 10; i++) streams.push(await open());
    const eleventh = await open();
    for (const { socket } of streams) socket.close();
    assert.ok(
      streams.every(s => s.opened),
      'the first ten log streams open',
    );
    assert.equal(eleventh.opened, false, 'the eleventh is refused');
    assert.equal(
      eleventh.refusal,
      'At most 10 log streams may be open per user; close one first',
    );
    // Closing frees the slots again.
    await new Promise(resolve => setTimeout(resolve, 500));
    const again = await open();
    again.socket.close();
    assert.equal(again.opened, true);
  });

  it('says on the page that the user holds too many fleet sockets, and goes live once one closes', async () => {
    const token = await guestToken();
    const url = `${backendUrl.replace('http', 'ws')}/api/wecs/fleet`;
    // The guest's 20 fleet sockets (the default limit), held open by a script.
    const held = await Promise.all(
      Array.from(
        { length: 20 },
        () =>
          new Promise<WebSocket>((resolve, reject) => {
            const socket = new WebSocket(url, ['wecs.v1', token]);
            socket.onopen = () => resolve(socket);
            socket.onerror = () => reject(new Error('a held socket failed'));
          }),
      ),
    );
    const page = await openSignedIn(browser!, '/wecs');
    try {
      await page
        .getByTestId('live-status')
        .getByText(
          'At most 20 fleet sockets may be open per user; close one first',
        )
        .first()
        .waitFor();
      held.forEach(socket => socket.close());
      await page
        .getByText('Live', { exact: true })
        .waitFor({ timeout: 60_000 });
    } finally {
      held.forEach(socket => socket.close());
      await page.close();
    }
  });

  it("shows the simulator's WECs on the Deployed Workloads page", async () => {
    const page = await openSignedIn(browser!, '/wecs');
    await page.getByRole('heading', { name: 'Deployed Workloads' }).waitFor();
    await page.getByText('Clusters (4)').waitFor();
    for (const name of ['cluster1', 'cluster2', 'cluster3']) {
      assert.equal(
        await page.getByRole('cell', { name, exact: true }).count(),
        2,
        `${name} row`,
      );
    }
    assert.equal(
      await page.getByText(/^https:\/\/127\.0\.0\.1:\d+$/).count(),
      3,
    );
    await openSidebarView(page, 'Deployed Workloads');
    await page.getByText('Live', { exact: true }).waitFor();
    await screenshot(page, 'foundation-wecs-page');
    await page.close();
  });

  it("opens Deployed Workloads from the sidebar in one click, in the guide's words and colours", async () => {
    const page = await openSignedIn(browser!, '/catalog');
    // A top-level entry, one click away; Infrastructure keeps its own.
    await page
      .getByRole('link', { name: 'Deployed Workloads' })
      .first()
      .click();
    await page
      .getByRole('heading', { name: 'Deployed Workloads', level: 1 })
      .waitFor();
    assert.match(new URL(page.url()).pathname, /\/wecs$/);
    await page.getByText('Infrastructure', { exact: true }).first().hover();
    await page.getByRole('link', { name: 'Managed Clusters' }).waitFor();
    assert.equal(
      await page
        .getByRole('link', { name: 'Deployed Workloads' })
        .filter({ visible: true })
        .count(),
      2,
    );
    await page.mouse.move(700, 400);
    // Last Updated beside the live indicator.
    await page.getByText('Live', { exact: true }).waitFor();
    await page.getByText(/^Last Updated \d/).waitFor();
    // The pending cluster4 is yellow, in the table as in the tree.
    const pending = page.getByTestId('status-pending');
    await pending.first().waitFor();
    assert.equal(hueName(await styleOf(pending, 'fill')), 'yellow');
    // A cluster node's Summary: Kind Cluster, its name and context.
    const tree = page.getByRole('tree', { name: 'Fleet workloads' });
    await tree
      .getByRole('treeitem')
      .filter({ hasText: /^cluster1/ })
      .first()
      .click();
    await page.getByRole('heading', { name: 'Summary' }).first().waitFor();
    const kindRow = page.getByRole('row').filter({ hasText: /^Kind/ }).first();
    assert.match((await kindRow.textContent())!, /^Kind\s*Cluster$/);
    await page.getByRole('tab', { name: 'Summary', selected: true }).waitFor();
    // Clicking a cluster's name opened it too, as its arrow does.
    await page.getByRole('button', { name: 'Collapse cluster1' }).waitFor();
    // Kinds in the plural; namespaces coloured by the health of what they hold.
    for (const cluster of ['cluster2', 'cluster3'])
      await page.getByRole('button', { name: `Expand ${cluster}` }).click();
    await tree.locator('[data-health]').first().waitFor();
    await page.getByRole('button', { name: 'Expand shop' }).first().click();
    for (const kind of ['Deployments', 'StatefulSets', 'Services'])
      await tree
        .getByRole('treeitem')
        .filter({ hasText: new RegExp(`^${kind}\\d`) })
        .first()
        .waitFor();
    const colours: Record<string, string> = {
      running: 'green',
      pending: 'yellow',
      failed: 'red',
    };
    const healths = await tree.locator('[data-health]').evaluateAll(dots =>
      dots.map(dot => ({
        health: dot.getAttribute('data-health')!,
        colour: getComputedStyle(dot).backgroundColor,
        note:
          dot.parentElement?.textContent?.match(
            /(\d+ failed)?(, )?(\d+ pending)?$/,
          )?.[0] ?? '',
      })),
    );
    assert.ok(
      healths.some(h => h.health === 'failed'),
      `cluster2's crash-looping canary makes a namespace red: ${JSON.stringify(
        healths,
      )}`,
    );
    for (const { health, colour } of healths)
      assert.equal(hueName(colour), colours[health], `${health}: ${colour}`);
    // What needs attention: red when something failed, yellow when only pending.
    const notes = tree.locator('[role=treeitem] span').filter({
      hasText: /^(\d+ failed)?(, )?(\d+ pending)?$/,
    });
    for (const note of await notes.all()) {
      const words = (await note.textContent()) ?? '';
      if (!words) continue;
      assert.equal(
        hueName(await styleOf(note, 'color')),
        words.includes('failed') ? 'red' : 'yellow',
        `"${words}"`,
      );
    }
    // Statuses capitalized where they are chosen.
    await page.getByRole('textbox', { name: 'Status' }).click();
    for (const phase of ['Running', 'Pending', 'Failed'])
      await page.getByRole('option', { name: phase, exact: true }).waitFor();
    await page.keyboard.press('Escape');
    await screenshot(page, 'guide-words-and-colours');
    await page.close();
  });

  it('shows the workload tree: expand it level by level, and search it', async () => {
    const page = await openSignedIn(browser!, '/wecs');
    const tree = page.getByRole('tree', { name: 'Fleet workloads' });
    await tree.getByRole('treeitem').first().waitFor();
    await page.getByRole('button', { name: 'Expand cluster1' }).click();
    await page.getByRole('button', { name: 'Expand shop' }).click();
    await page.getByRole('button', { name: 'Expand Deployments' }).click();
    await page
      .getByRole('button', { name: 'Expand storefront' })
      .first()
      .click();
    // The Deployment's ReplicaSet, then its pods, nest under it.
    await tree
      .getByRole('treeitem')
      .filter({ hasText: /^storefront-[a-z0-9]+$/ })
      .first()
      .waitFor();
    await screenshot(page, 'tree-expanded');
    // Details of the Deployment: its summary read fresh from the cluster, then its events.
    await tree
      .getByRole('treeitem')
      .filter({ hasText: namedRow('storefront') })
      .first()
      .click();
    await page.getByText('Deployment storefront').waitFor();
    await page.getByText(/ready, \d+ available of 3 desired/).waitFor();
    await page.getByRole('tab', { name: 'Events' }).click();
    await page.getByText('ScalingReplicaSet').first().waitFor();
    await screenshot(page, 'details-events');
    await page.getByRole('tab', { name: 'Summary' }).click();
    await page.getByRole('button', { name: 'Collapse all' }).click();
    await tree.getByRole('treeitem').nth(3).waitFor(); // the four clusters alone
    assert.equal(await tree.getByRole('treeitem').count(), 4);
    // The canary's Deployment, its ReplicaSet and pod, and the work that delivered it.
    assert.ok((await searchTree(page, 'recommendations')) >= 3);
    await selectedRow(page)
      .filter({ hasText: namedRow('recommendations') })
      .waitFor();
    await tree
      .locator('mark', { hasText: 'recommendations' })
      .first()
      .waitFor();
    await page.keyboard.press('Enter');
    await page.getByText(/^2 of \d+$/).waitFor();
    await selectedRow(page)
      .filter({ hasText: /^recommendations-[a-z0-9]+$/ })
      .waitFor();
    await page.getByText(/^ReplicaSet recommendations-/).waitFor();
    await screenshot(page, 'tree-search');
    await page.close();
  });

  it('jumps to each match with next and previous in a fleet larger than one screen', async () => {
    const page = await openSignedIn(browser!, '/wecs');
    const tree = page.getByRole('tree', { name: 'Fleet workloads' });
    await tree.getByRole('treeitem').first().waitFor();
    const list = tree.locator(':scope > div').first();
    /** The selected row: a storefront object, its name marked, inside the list's box. */
    const shown = async (position: string) => {
      await page.getByTestId('search-position').getByText(position).waitFor();
      const row = selectedRow(page).filter({ hasText: /^storefront-/ });
      await row.locator('mark', { hasText: 'storefront-' }).waitFor();
      // The list scrolls to it as its rows arrive: in view within a few frames, and stays.
      for (let waited = 0; ; waited += 100) {
        const [box, frame] = await Promise.all([
          row.boundingBox(),
          list.boundingBox(),
        ]);
        assert.ok(box && frame, `row ${position} has no box`);
        const inside =
          box.y >= frame.y - 1 &&
          box.y + box.height <= frame.y + frame.height + 1;
        if (inside) break;
        assert.ok(
          waited < 5_000,
          `match ${position} is outside the list: row at ${box.y}, list ${
            frame.y
          }..${frame.y + frame.height}`,
        );
        await page.waitForTimeout(100);
      }
      assert.match(page.url(), /[?&]node=r%3Acluster\d%2F/);
      return (await row.textContent())!;
    };
    // storefront-… in each cluster: its ReplicaSet, three pods and a ConfigMap.
    const total = await searchTree(page, 'storefront-');
    assert.ok(total >= 9, `${total} matches`);
    const first = await shown(`1 of ${total}`);
    const box = page.getByRole('textbox', {
      name: 'Search names across the fleet',
    });
    await box.press('Enter');
    const second = await shown(`2 of ${total}`);
    assert.notEqual(second, first);
    await box.press('Shift+Enter');
    assert.equal(await shown(`1 of ${total}`), first);
    // Back from the first: the last match, in the last cluster, far down the tree.
    await box.press('Shift+Enter');
    await shown(`${total} of ${total}`);
    assert.ok(
      (await tree.getByRole('treeitem').count()) >= 10,
      'the rows of three clusters are open',
    );
    const height = await list.evaluate(element => element.scrollHeight);
    const frame = await list.evaluate(element => element.clientHeight);
    assert.ok(
      height > frame,
      `the open tree (${height} px) fits in ${frame} px`,
    );
    await page.getByRole('button', { name: 'Previous match' }).click();
    await shown(`${total - 1} of ${total}`);
    await page.getByRole('button', { name: 'Next match' }).click();
    await page.getByRole('button', { name: 'Next match' }).click();
    assert.equal(await shown(`1 of ${total}`), first);
    // The match in the middle, from the top of the list.
    const middle = Math.ceil(total / 2);
    for (let k = 1; k < middle; k++) await box.press('Enter');
    await shown(`${middle} of ${total}`);
    await screenshot(page, 'tree-jump');
    await page.close();
  });

  it("opens a pod's logs and sees new lines arrive, coloured, followed, wrapped and downloaded", async () => {
    const page = await openSignedIn(
      browser!,
      '/wecs?cluster=cluster1&kind=Pod',
    );
    await openStorefrontPodLogs(page);
    // The guide's controls, in its words.
    await page.getByText('Tail Lines', { exact: true }).first().waitFor();
    await page.getByRole('checkbox', { name: 'Follow' }).waitFor();
    assert.equal(
      await page.getByTitle('Load the log again from the start').textContent(),
      'Refresh',
    );
    // The simulator's containers keep logging: new lines arrive over the log socket.
    await waitForLogLines(page, await logLineCount(page));
    // ERROR red, WARN yellow, INFO blue, as the guide says.
    const levelText = (level: string) =>
      page.locator(
        `[data-testid=log-line][data-level=${level}] > span:last-child`,
      );
    await levelText('info').first().waitFor();
    assert.equal(hueName(await styleOf(levelText('info'), 'color')), 'blue');
    for (const [level, hue] of [
      ['error', 'red'],
      ['warning', 'yellow'],
    ]) {
      if (await levelText(level).count())
        assert.equal(
          hueName(await styleOf(levelText(level), 'color')),
          hue,
          `${level} lines are ${hue}`,
        );
    }
    // Follow keeps the newest line in view as lines arrive.
    const scroller = page
      .getByRole('log', { name: 'Log lines' })
      .locator(':scope > div');
    const distanceFromEnd = () =>
      scroller.evaluate(
        element =>
          element.scrollHeight - element.scrollTop - element.clientHeight,
      );
    await waitForLogLines(page, await logLineCount(page));
    await page.waitForTimeout(300);
    assert.ok(
      (await distanceFromEnd()) < 40,
      `following, the view is ${await distanceFromEnd()} px from the end`,
    );
    // Refresh loads the log again, a screenful at once, and follows it from its end.
    await page.getByTitle('Load the log again from the start').click();
    for (let waited = 0; (await logLineCount(page)) < 30; waited += 250) {
      assert.ok(
        waited < 30_000,
        'the refreshed log holds under a screenful of lines',
      );
      await page.waitForTimeout(250);
    }
    await waitForLogLines(page, await logLineCount(page));
    await page.waitForTimeout(300);
    assert.ok(
      (await distanceFromEnd()) < 40,
      `refreshed, the view is ${await distanceFromEnd()} px from the end`,
    );
    // Wrap: a long line breaks onto more lines instead of being cut.
    const text = levelText('info');
    assert.equal(await styleOf(text, 'white-space'), 'pre');
    await page.getByRole('checkbox', { name: 'Wrap' }).check();
    assert.equal(await styleOf(text, 'white-space'), 'pre-wrap');
    await page.setViewportSize({ width: 900, height: 900 });
    // The list measures its lines again after the resize.
    let heights: number[] = [];
    for (let waited = 0; waited < 5_000; waited += 100) {
      heights = await page
        .getByTestId('log-line')
        .evaluateAll(rows =>
          rows.map(row => row.getBoundingClientRect().height),
        );
      if (heights.some(height => height > 20)) break;
      await page.waitForTimeout(100);
    }
    assert.ok(
      heights.some(height => height > 20),
      `no wrapped line among heights ${heights.slice(0, 10)}`,
    );
    await screenshot(page, 'details-logs-wrapped');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByRole('checkbox', { name: 'Wrap' }).uncheck();
    // Download: the file holds the lines the view shows, timestamps when shown.
    await page.getByRole('checkbox', { name: 'Follow' }).uncheck();
    await page.getByText(/^Ended · [\d,]+ lines$/).waitFor();
    await page.getByRole('checkbox', { name: 'Timestamps' }).check();
    const shown = await logLineCount(page);
    const { name, lines: fileLines } = await downloadLog(page);
    assert.match(name, /^cluster1-shop-storefront-.*\.log$/);
    assert.equal(fileLines.length, shown);
    assert.ok(
      fileLines.every(line =>
        /^(\[[^\]]+\] )?\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z /.test(line),
      ),
      `a downloaded line without its timestamp: ${fileLines[0]}`,
    );
    assert.ok(fileLines.some(line => / INFO /.test(line)));
    await page.getByRole('textbox', { name: 'Search the log' }).fill('GET');
    await page.locator('mark', { hasText: 'GET' }).first().waitFor();
    await screenshot(page, 'details-logs');
    await page.close();
  });

  it('resumes a log whose connection drops, by itself and without repeating a line', async () => {
    const page = await openSignedIn(
      browser!,
      '/wecs?cluster=cluster1&kind=Pod',
    );
    // The log socket passes through the test, which can drop it as a flaky network would.
    const logSockets: WebSocketRoute[] = [];
    await page.routeWebSocket(/\/api\/wecs\/logs\?/, socket => {
      socket.connectToServer();
      logSockets.push(socket);
    });
    await openStorefrontPodLogs(page);
    await waitForLogLines(page, 0);
    assert.equal(logSockets.length, 1);
    await logSockets[0].close({ code: 4000, reason: 'network lost' });
    // It reconnects by itself, from where it left off.
    for (let waited = 0; logSockets.length < 2; waited += 100) {
      assert.ok(waited < 30_000, 'the log did not reconnect');
      await page.waitForTimeout(100);
    }
    const resumed = new URL(logSockets[1].url()).searchParams;
    assert.match(resumed.get('sinceTime') ?? '', /^\d{4}-\d\d-\d\dT/);
    assert.equal(resumed.get('tailLines'), null);
    const atDrop = await logLineCount(page);
    await waitForLogLines(page, atDrop);
    // The file holds every line once: none repeated by the resumed stream.
    const { lines: fileLines } = await downloadLog(page);
    const repeated = fileLines.filter(
      (line, index) => fileLines.indexOf(line) !== index,
    );
    assert.deepEqual(repeated, [], 'lines shown twice after the resume');
    assert.ok(fileLines.length > atDrop);
    await page.close();
  });

  it("streams a Deployment's logs with its containers to pick, and takes in the pods of a rollout", async () => {
    const page = await openSignedIn(
      browser!,
      '/wecs?cluster=cluster1&kind=Deployment',
    );
    const tree = page.getByRole('tree', { name: 'Fleet workloads' });
    await searchTree(page, 'storefront');
    await tree
      .getByRole('treeitem')
      .filter({ hasText: namedRow('storefront') })
      .first()
      .click();
    // What the log socket announces: the pods it streams, growing as new ones join.
    const announced: string[][] = [];
    page.on('websocket', socket => {
      if (!socket.url().includes('/api/wecs/logs')) return;
      socket.on('framereceived', frame => {
        const message = JSON.parse(String(frame.payload));
        if (message.type === 'sources')
          announced.push(message.sources.map((s: any) => s.pod));
      });
    });
    await page.getByRole('tab', { name: 'Logs' }).click();
    await page.getByTestId('log-line').first().waitFor();
    await page.getByRole('button', { name: 'All containers' }).click();
    const options = await page
      .getByRole('listbox')
      .getByRole('option')
      .allTextContents();
    assert.ok(options.includes('migrate (init)'), `${options}`);
    assert.ok(
      options.some(o => o.endsWith('(sidecar)')),
      `${options}`,
    );
    await page.getByRole('option', { name: 'web', exact: true }).click();
    await page.getByText(/^Following · [1-9][\d,]* lines$/).waitFor();
    const podsShown = async () =>
      new Set(
        (await page.getByTestId('log-line').allTextContents())
          .map(text => /\[(storefront-[a-z0-9-]+)\/web\]/.exec(text)?.[1])
          .filter(Boolean),
      );
    const before = await podsShown();
    assert.ok(before.size >= 1, 'lines tagged with their pods');
    // A rollout, as `kubectl rollout restart` makes one: new pods replace the old.
    const restart = await askBackend(
      'cluster1',
      'PATCH',
      '/shop/Deployment/storefront?type=merge',
      {
        spec: {
          template: {
            metadata: {
              annotations: {
                'kubectl.kubernetes.io/restartedAt': new Date().toISOString(),
              },
            },
          },
        },
      },
    );
    assert.equal(restart.status, 200);
    for (let waited = 0; ; waited += 500) {
      const now = await podsShown();
      if ([...now].some(name => !before.has(name))) break;
      if (waited >= 90_000) {
        await screenshot(page, 'details-logs-rollout');
        assert.fail(
          `no new pod's lines; lines from ${[
            ...now,
          ]}; announced ${JSON.stringify(announced)}`,
        );
      }
      await page.waitForTimeout(500);
    }
    await screenshot(page, 'details-logs-rollout');
    await page.close();
  });

  it('edits a Deployment, shows the diff, saves, and the change comes back over the socket', async () => {
    // cluster2: cluster1's storefront rolls out on a timer, which could make this save a conflict.
    const page = await openSignedIn(browser!, '/wecs?cluster=cluster2');
    const tree = page.getByRole('tree', { name: 'Fleet workloads' });
    await searchTree(page, 'storefront');
    await tree
      .getByRole('treeitem')
      .filter({ hasText: namedRow('storefront') })
      .first()
      .click();
    await page.getByRole('tab', { name: 'Edit' }).click();
    const editor = page.getByRole('textbox', {
      name: 'Deployment storefront as YAML',
    });
    try {
      await typeOver(page, editor, ' replicas: 3', ' replicas: 4');
      await page.getByRole('button', { name: 'Update' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('Update Deployment storefront?').waitFor();
      await dialog.getByText('replicas: 4').first().waitFor();
      await screenshot(page, 'details-edit-diff');
      await dialog.getByRole('button', { name: 'Update' }).click();
      await page
        .getByText(
          /^Updated\. Deployment storefront is now at resourceVersion \d+\.$/,
        )
        .waitFor();
      await screenshot(page, 'details-edit-saved');
      // The simulator's controllers start a fourth pod; the tree hears of it over the socket.
      // The first match is the ReplicaSet; the next, its first pod, opens the way to all four.
      await searchTree(page, 'storefront-');
      await page.getByRole('button', { name: 'Next match' }).click();
      await waitForStorefrontPods(page, count => count === 4);
      await page.getByRole('tab', { name: 'Summary' }).click();
    } finally {
      const restore = await askBackend(
        'cluster2',
        'PATCH',
        '/shop/Deployment/storefront?type=merge',
        { spec: { replicas: 3 } },
      );
      assert.equal(restore.status, 200);
    }
    await page.close();
  });

  it('copies a label from the Summary, and copies, downloads and shows as JSON an object in its editor', async () => {
    const page = await openDetails(
      browser!,
      'cluster1',
      'Deployment',
      'storefront',
      CLIPBOARD,
    );
    // A label's chip copies it as key=value, and says so.
    const label = 'backstage.io/kubernetes-id=storefront';
    await page.getByRole('button', { name: label, exact: true }).click();
    await page.getByText(`Copied ${label}`).waitFor();
    assert.equal(await clipboardText(page), label);

    await page.getByRole('tab', { name: 'Edit' }).click();
    const copy = page.getByRole('button', { name: 'Copy', exact: true });
    const download = page.getByRole('button', { name: 'Download' });
    // YAML, then JSON: the editor shows the object in it; Download saves that text in a file
    // named after the object, Copy puts it on the clipboard.
    for (const [format, kindLine] of [
      ['yaml', 'kind: Deployment'],
      ['json', '"kind": "Deployment"'],
    ] as const) {
      const name = format.toUpperCase();
      await page.getByRole('button', { name, exact: true }).click();
      await page
        .getByRole('textbox', { name: `Deployment storefront as ${name}` })
        .getByText(kindLine)
        .waitFor();
      const file = await downloadFrom(page, download);
      assert.equal(file.name, `cluster1-shop-deployment-storefront.${format}`);
      assertManifest(file.text, format, 'Deployment', 'storefront');
      await copy.click();
      const copied = await clipboardText(page);
      assertManifest(copied, format, 'Deployment', 'storefront');
    }
    await screenshot(page, 'details-edit-json');
    await page.close();
  });

  it("exports an object's YAML and copies its name from its row's actions menu", async () => {
    const page = await openSignedIn(
      browser!,
      '/wecs?cluster=cluster1&kind=Service',
      undefined,
      CLIPBOARD,
    );
    await searchTree(page, 'payments');
    const actions = page.getByRole('button', { name: 'Actions for payments' });
    await actions.click();
    await page.getByRole('menuitem', { name: 'Copy name' }).click();
    await page.getByText('Copied "payments"').waitFor();
    assert.equal(await clipboardText(page), 'payments');
    await actions.click();
    const file = await downloadFrom(
      page,
      page.getByRole('menuitem', { name: 'Export YAML' }),
    );
    assert.equal(file.name, 'cluster1-shop-service-payments.yaml');
    assertManifest(file.text, 'yaml', 'Service', 'payments');
    await page.close();
  });

  it("goes up the selection's breadcrumbs, each to its place, and back again with Back", async () => {
    const page = await openDetails(
      browser!,
      'cluster1',
      'Deployment',
      'storefront',
    );
    const crumbs = page.getByRole('navigation', {
      name: 'Location of the selection',
    });
    const back = page.getByRole('button', { name: 'Back', exact: true });
    await crumbs
      .filter({ hasText: /^cluster1.*shop.*Deployments.*storefront/ })
      .waitFor();
    assert.equal(await back.isDisabled(), true, 'nothing to go back to yet');
    await page.getByRole('tab', { name: 'Events' }).click();
    // Up to the namespace: its row selected, its details, the trail cut after it.
    await crumbs.getByRole('button', { name: 'shop', exact: true }).click();
    await selectedRow(page).filter({ hasText: /^shop/ }).waitFor();
    await crumbs.filter({ hasText: /^cluster1.*shop$/ }).waitFor();
    await page.getByText('Namespace shop', { exact: true }).waitFor();
    // Up to the cluster: its details.
    await crumbs.getByRole('button', { name: 'cluster1', exact: true }).click();
    await selectedRow(page)
      .filter({ hasText: /^cluster1/ })
      .waitFor();
    await page
      .getByRole('row')
      .filter({ hasText: /^Kind\s*Cluster$/ })
      .waitFor();
    await screenshot(page, 'details-breadcrumbs');
    // Back, step by step: the namespace, then the Deployment on the tab it was left on.
    await back.click();
    await selectedRow(page).filter({ hasText: /^shop/ }).waitFor();
    await back.click();
    await selectedRow(page)
      .filter({ hasText: namedRow('storefront') })
      .waitFor();
    await page.getByRole('tab', { name: 'Events', selected: true }).waitFor();
    assert.equal(await back.isDisabled(), true, 'back where it started');
    await page.close();
  });

  it("shows a cluster's ManagedCluster and edits its labels", async () => {
    const page = await openSignedIn(
      browser!,
      '/wecs?node=c%3Acluster3&tab=edit',
    );
    const editor = page.getByRole('textbox', {
      name: 'ManagedCluster cluster3 as YAML',
    });
    await editor.click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Control+f');
    // A new label on the line after an existing one, at its indentation.
    await page.keyboard.type('location-group: edge');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('tier: gold');
    await page.getByRole('button', { name: 'Update' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('tier: gold').waitFor();
    await dialog.getByRole('button', { name: 'Update' }).click();
    await page
      .getByText(
        /^Updated\. ManagedCluster cluster3 is now at resourceVersion \d+\.$/,
      )
      .waitFor();
    await page.getByRole('tab', { name: 'Summary' }).click();
    await page.getByText('tier=gold').waitFor();
    await screenshot(page, 'cluster-managedcluster');
    await page.close();
  });

  it('deletes a pod only after confirmation, and its ReplicaSet replaces it', async () => {
    const page = await openSignedIn(
      browser!,
      '/wecs?cluster=cluster3&kind=Pod',
    );
    const tree = page.getByRole('tree', { name: 'Fleet workloads' });
    await searchTree(page, 'storefront-');
    const pod = tree
      .getByRole('treeitem')
      .filter({ hasText: STOREFRONT_POD })
      .first();
    const name = (await pod.textContent())!;
    await page.getByRole('button', { name: `Actions for ${name}` }).click();
    await page.getByRole('menuitem', { name: 'Delete…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(`Delete Pod ${name}?`).waitFor();
    await screenshot(page, 'delete-confirm');
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await tree
      .getByRole('treeitem')
      .filter({ hasText: new RegExp(`^${name}$`) })
      .waitFor({ state: 'detached', timeout: 30_000 });
    await waitForStorefrontPods(page, count => count >= 3);
    await page.close();
  });

  it('marks what KubeStellar delivered with its binding policy, and shows one policy or every delivered object', async () => {
    const page = await openSignedIn(
      browser!,
      '/wecs?policy=recommendations-canary',
    );
    const policyFilter = page.getByRole('button', { name: /^Binding policy / });
    await policyFilter.filter({ hasText: 'recommendations-canary' }).waitFor();
    const tree = page.getByRole('tree', { name: 'Fleet workloads' });
    await tree.getByRole('treeitem').first().waitFor();
    await expandEverything(page);
    // The canary policy picks cluster2 alone, and delivers one Deployment there.
    const canary = tree
      .getByRole('treeitem')
      .filter({ hasText: /^recommendations/ });
    await canary.filter({ hasText: 'via recommendations-canary' }).waitFor();
    assert.equal(await canary.count(), 1);
    assert.equal(
      await tree
        .getByRole('treeitem')
        .filter({ hasText: /^storefront/ })
        .count(),
      0,
    );
    await screenshot(page, 'policy-filter');
    // Every delivered object, each with the policy it came through; nothing the WEC runs of its own.
    await policyFilter.click();
    await page.getByRole('option', { name: 'Any binding policy' }).click();
    await page.waitForURL(
      url =>
        url.searchParams.get('delivered') === 'true' &&
        !url.searchParams.has('policy'),
    );
    await expandEverything(page);
    await tree
      .getByRole('treeitem')
      .filter({ hasText: /^storefront/ })
      .filter({ hasText: 'via shop-everywhere' })
      .first()
      .waitFor();
    assert.equal(
      await tree
        .getByRole('treeitem')
        .filter({ hasText: /^coredns/ })
        .count(),
      0,
    );
    // Its Summary says so too.
    await tree
      .getByRole('treeitem')
      .filter({ hasText: /^storefront/ })
      .first()
      .click();
    await page
      .getByText(
        'Delivered by KubeStellar through binding policy shop-everywhere',
      )
      .waitFor();
    await page.getByRole('button', { name: 'Clear All' }).click();
    await page.waitForURL(url => !url.search.includes('delivered'));
    await page.close();
  });

  it('filters the fleet from the URL: the failing pods, shared as a link', async () => {
    const page = await openSignedIn(browser!, '/wecs?kind=Pod&status=failed');
    await page.getByRole('button', { name: 'Pod' }).waitFor();
    await page.getByRole('button', { name: 'failed' }).waitFor();
    const tree = page.getByRole('tree', { name: 'Fleet workloads' });
    await tree.getByRole('treeitem').first().waitFor();
    await expandEverything(page);
    // The image that cannot be pulled keeps its pod failed on cluster2; nothing running is listed.
    await tree
      .getByRole('treeitem')
      .filter({ hasText: /^image-pull-check-/ })
      .first()
      .waitFor();
    assert.equal(
      await tree
        .getByRole('treeitem')
        .filter({ hasText: /^storefront-/ })
        .count(),
      0,
    );
    await screenshot(page, 'filters-failed-pods');
    await page.getByRole('button', { name: 'Clear All' }).click();
    await page.waitForURL(url => !url.search.includes('status='));
    await page.close();
  });

  it('clears the filters, the search box and the selection with Clear All', async () => {
    const page = await openSignedIn(browser!, '/wecs?kind=Deployment');
    const search = page.getByRole('textbox', {
      name: 'Search names across the fleet',
    });
    await searchTree(page, 'storefront');
    // The first match is selected, its details open beside the tree.
    const crumbs = page.getByRole('navigation', {
      name: 'Location of the selection',
    });
    await crumbs.waitFor();
    await page.waitForURL(url => url.searchParams.has('node'));
    await page.getByRole('button', { name: 'Clear All' }).click();
    await crumbs.waitFor({ state: 'detached' });
    assert.equal(await search.inputValue(), '');
    await page.waitForURL(url => url.search === '');
    assert.equal(
      await page.getByRole('button', { name: 'Clear All' }).isDisabled(),
      true,
    );
    await screenshot(page, 'clear-all');
    await page.close();
  });

  it("refreshes one cluster from its row, showing what changed behind the watch's back", async () => {
    const name = `refresh-${Date.now().toString(36)}`;
    const control = (action: string) => simulate('cluster3', action);
    const backend = (method: string, path: string, body?: unknown) =>
      askBackend('cluster3', method, path, body);
    const page = await openSignedIn(browser!, '/wecs?cluster=cluster3');
    const position = page.getByTestId('search-position');
    const search = page.getByRole('textbox', {
      name: 'Search names across the fleet',
    });
    await page
      .getByRole('row')
      .filter({ hasText: 'cluster3' })
      .first()
      .waitFor();
    try {
      // cluster3's watches go silent, without closing; a ConfigMap is made meanwhile.
      assert.equal((await control('stall')).status, 200);
      const created = await backend('POST', '/objects', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name, namespace: 'shop' },
        data: { made: 'behind the watch' },
      });
      assert.equal(created.status, 201);
      await control('unstall');
      await search.fill(name);
      await position.filter({ hasText: 'No match' }).waitFor();
      // A second look, later: still missed.
      await page.waitForTimeout(2_000);
      await search.fill('');
      await search.fill(name);
      await position.filter({ hasText: 'No match' }).waitFor();
      await screenshot(page, 'refresh-before');

      await page
        .getByRole('button', { name: 'Actions for cluster cluster3' })
        .click();
      await page.getByRole('menuitem', { name: 'Refresh' }).click();
      await page.getByText('Refreshed cluster3 from its API server').waitFor();
      await search.fill('');
      await search.fill(name);
      await position.filter({ hasText: /^1 of 1$/ }).waitFor();
      await page
        .getByRole('tree', { name: 'Fleet workloads' })
        .getByRole('treeitem')
        .filter({ hasText: new RegExp(`^${name}$`) })
        .waitFor();
      await screenshot(page, 'refresh-after');
    } finally {
      await control('unstall');
      await backend('DELETE', `/shop/ConfigMap/${name}`);
    }
    await page.close();
  });

  it('with live updates off, shows a change on the Auto-refresh beat, and again as it happens once live', async () => {
    const name = `beat-${Date.now().toString(36)}`;
    const page = await openSignedIn(
      browser!,
      '/wecs?cluster=cluster3&kind=ConfigMap',
    );
    const tree = page.getByRole('tree', { name: 'Fleet workloads' });
    for (const group of ['cluster3', 'shop', 'ConfigMaps'])
      await page.getByRole('button', { name: `Expand ${group}` }).click();
    await tree
      .getByRole('treeitem')
      .filter({ hasText: /^storefront-config/ })
      .waitFor();
    const made = tree
      .getByRole('treeitem')
      .filter({ hasText: new RegExp(`^${name}`) });
    const live = page.getByRole('checkbox', { name: 'Live updates' });
    const autoRefresh = page.getByRole('button', { name: /^Auto-refresh / });
    const chooseBeat = async (beat: string) => {
      await autoRefresh.click();
      await page.getByRole('option', { name: beat, exact: true }).click();
      await page
        .getByRole('button', { name: `Auto-refresh ${beat}` })
        .waitFor();
    };
    await live.uncheck();
    await page.getByText('Paused', { exact: true }).waitFor();
    try {
      // A ConfigMap made as with kubectl: the paused view does not show it...
      const created = await askBackend('cluster3', 'POST', '/objects', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name, namespace: 'shop' },
        data: { shown: 'on the beat' },
      });
      assert.equal(created.status, 201);
      // A second look, later: live, it would have come by now.
      await page.waitForTimeout(3_000);
      assert.equal(await made.count(), 0, 'shown with live updates off');
      await screenshot(page, 'auto-refresh-paused');
      // ...until the beat chosen comes.
      await chooseBeat('every 5 s');
      await made.waitFor();
      await screenshot(page, 'auto-refresh-beat');
      // No beat, live again: its deletion shows as it happens.
      await chooseBeat('off');
      await live.check();
      await page.getByText('Live', { exact: true }).waitFor();
    } finally {
      await askBackend('cluster3', 'DELETE', `/shop/ConfigMap/${name}`);
    }
    await made.waitFor({ state: 'detached' });
    await page.close();
  });

  it('leads from a staged object to its copy in Deployed Workloads and its workload in Manage Workloads', async () => {
    const page = await openSignedIn(
      browser!,
      '/staged-workloads?namespace=shop',
    );
    await page
      .getByRole('button', { name: 'Deployed copies of Deployment storefront' })
      .click();
    const copies = page.getByRole('table', {
      name: 'Deployed copies of Deployment storefront',
    });
    const cluster1 = copies.getByRole('row').filter({
      has: page.getByRole('cell', { name: 'cluster1', exact: true }),
    });
    await cluster1.getByText(/^\d+\/\d+ ready$/).waitFor();
    // The card whole, its title and its link to Manage Workloads, from the top of the page.
    await page.setViewportSize({ width: 1440, height: 1200 });
    await page
      .getByRole('heading', { name: 'Staged Workloads', level: 1 })
      .scrollIntoViewIfNeeded();
    await screenshot(page, 'staged-copies');
    await cluster1
      .getByRole('link', {
        name: 'Open the copy in cluster1 in Deployed Workloads',
      })
      .click();
    await page.waitForURL(url => url.pathname === '/wecs');
    const crumbs = page.getByRole('navigation', {
      name: 'Location of the selection',
    });
    // Its place, once the way to it is open: cluster1 / shop / Deployments / storefront.
    await crumbs.filter({ hasText: /cluster1.*shop.*storefront/ }).waitFor();
    await page
      .getByRole('tree', { name: 'Fleet workloads' })
      .locator('[role=treeitem][aria-selected=true]')
      .filter({ hasText: namedRow('storefront') })
      .waitFor();
    await screenshot(page, 'staged-copy-opened');

    await page.goBack();
    await page
      .getByRole('button', { name: 'Open in Manage Workloads' })
      .click();
    await page
      .getByRole('heading', { name: 'Manage Workloads', level: 1 })
      .waitFor();
    assert.equal(
      await page
        .getByRole('textbox', { name: 'Search workloads' })
        .inputValue(),
      'Deployment storefront',
    );
    await page
      .getByRole('button', { name: 'Actions for Deployment storefront' })
      .waitFor();
    await page.close();
  });

  it("states an object's overall status in its Summary, and a Service's type, cluster IP, selector and ports", async () => {
    const page = await openDetails(
      browser!,
      'cluster1',
      'Service',
      'storefront',
    );
    // A Service has no health of its own: Ready while it exists, as its tree row says.
    const status = page.getByTestId('overall-status');
    await status.waitFor();
    assert.equal(await status.textContent(), 'Ready');
    await page.getByText('ClusterIP', { exact: true }).waitFor();
    await page.getByText(/^10\.96\.\d+\.\d+$/).waitFor();
    await page.getByText('app=storefront', { exact: true }).first().waitFor();
    await page.getByText('http 80/TCP → 8080', { exact: true }).waitFor();
    await screenshot(page, 'details-summary-service');
    await page.close();
  });

  it("shows a failing Deployment's status, then its pods' events in its Events tab, each tagged with its object, live", async () => {
    const page = await openDetails(
      browser!,
      'cluster2',
      'Deployment',
      'image-pull-check',
    );
    // Its one pod never pulls its image: the Deployment is not ready, and says why.
    await page
      .getByTestId('overall-status')
      .filter({
        hasText: /^Not Ready · (0\/1 ready|ProgressDeadlineExceeded)$/,
      })
      .waitFor();
    await page.getByRole('tab', { name: 'Events' }).click();
    const pulls = page
      .getByRole('row')
      .filter({ hasText: /Pod\/image-pull-check-[a-z0-9]+-[a-z0-9]+/ })
      .filter({ hasText: 'Failed to pull image' });
    await pulls.first().waitFor();
    await page
      .getByText(/^Its own events and those of the \d+ objects? it owns\./)
      .waitFor();
    await screenshot(page, 'details-events-owned');
    // The kubelet keeps failing to pull: the open tab sees the event's count grow.
    const countOf = async () =>
      Number(await pulls.first().getByRole('cell').nth(5).textContent());
    const before = await countOf();
    for (let waited = 0; (await countOf()) <= before; waited += 500) {
      assert.ok(waited < 30_000, `the pull failure stayed at ${before}`);
      await page.waitForTimeout(500);
    }
    await page.close();
  });

  it('shows a cluster go disconnected and recover, live, when the simulator cuts it', async () => {
    const page = await openSignedIn(browser!, '/wecs');
    const row = page.getByRole('row').filter({ hasText: 'cluster2' });
    // Exact: "Connected" is also in "Disconnected".
    const connected = row.getByText('Connected', { exact: true });
    await connected.waitFor();
    const control = (action: string) => simulate('cluster2', action);
    try {
      assert.equal((await control('unreachable')).status, 200);
      await row.getByText('Disconnected').waitFor({ timeout: 60_000 });
      await screenshot(page, 'live-cluster-disconnected');
    } finally {
      await control('reachable');
    }
    await connected.waitFor({ timeout: 60_000 });
    await page.close();
  });

  it('reconnects a cut cluster at once when its Disconnected status is clicked, once it answers again', async () => {
    const page = await openSignedIn(browser!, '/wecs');
    const row = page.getByRole('row').filter({ hasText: 'cluster2' });
    await row.getByText('Connected', { exact: true }).waitFor();
    const control = (action: string) => simulate('cluster2', action);
    const reconnect = row.getByRole('button', { name: 'Reconnect cluster2' });
    try {
      assert.equal((await control('unreachable')).status, 200);
      await reconnect.waitFor({ timeout: 60_000 });
      // Down for a while, as after an outage: the backend's retries have spaced out.
      await page.waitForTimeout(15_000);
      assert.equal((await control('reachable')).status, 200);
      await reconnect.click();
      await page.getByText('Reconnecting to cluster2').waitFor();
    } finally {
      await control('reachable');
    }
    await row.getByText('Connected', { exact: true }).waitFor();
    await screenshot(page, 'live-cluster-reconnected');
    await page.close();
  });

  it("lists the ITS's ManagedClusters with their state and capacity, filtered by state", async () => {
    const page = await openSignedIn(browser!, '/managed-clusters');
    await page.getByText(/^ManagedClusters \(4\)$/).waitFor();
    // The demo's last WEC turns Unknown (Inactive) for 36 s of every 3 minutes.
    await page.getByRole('button', { name: /^Active \([23]\)$/ }).waitFor();
    assert.ok((await page.getByText(/^\d+ cores$/).count()) >= 3);
    await screenshot(page, 'managed-clusters');
    await page.getByRole('button', { name: 'Pending (1)' }).click();
    await page.getByText(/^ManagedClusters \(1\)$/).waitFor();
    await page.getByRole('cell', { name: 'cluster4', exact: true }).click();
    await page.getByRole('tab', { name: 'Edit' }).waitFor();
    await page.waitForURL(
      url => url.searchParams.get('cluster') === 'cluster4',
    );
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
    // The pending cluster4 is listed with its state; it runs nothing yet.
    await page.getByText('Clusters (4)').waitFor();
    // The storefront Deployment in each of the three WECs, with its health.
    await page.getByText(/^Workloads \(\d+\)$/).waitFor();
    const rows = page.getByRole('row').filter({
      has: page.getByRole('link', { name: 'storefront', exact: true }),
    });
    await rows.nth(2).waitFor();
    assert.equal(await rows.count(), 3);
    await rows
      .first()
      .getByText(/^\d+\/3 ready/)
      .waitFor();
    await screenshot(page, 'entity-wecs-tab');
    // Its logs link opens the tree on that Deployment with the Logs tab.
    await rows
      .first()
      .getByRole('link', { name: /^Logs of storefront in cluster\d$/ })
      .click();
    await page.waitForURL(
      url => url.pathname === '/wecs' && url.searchParams.get('tab') === 'logs',
    );
    await page.getByRole('tab', { name: 'Logs', selected: true }).waitFor();
    await page.getByTestId('log-line').first().waitFor({ timeout: 30_000 });
    await page.close();
  });

  it("sums a service's workloads up in a card on its overview", async () => {
    const page = await openSignedIn(
      browser!,
      '/catalog/default/component/storefront',
    );
    await page.getByText('WECS workloads').waitFor();
    await page.getByText(/^\d+ workloads in 3 clusters · /).waitFor();
    await screenshot(page, 'entity-overview-card');
    await page.close();
  });
  // The seed's Beginner Quick Guide, steps 1 to 6, walked as a newcomer would, one page.
  describe('the beginner guide', () => {
    let page: Page;
    before(async () => {
      page = await openSignedIn(browser!, '/');
    });
    after(async () => {
      await page?.close();
    });

    it('1. imports clusters: Infrastructure > Managed Clusters shows the fleet', async () => {
      await openSidebarView(page, 'Managed Clusters');
      await page.getByText(/^ManagedClusters \(4\)$/).waitFor();
      await page
        .getByRole('navigation', { name: 'Breadcrumbs' })
        .getByText('Infrastructure')
        .waitFor();
      await screenshot(page, 'guide-1-managed-clusters');
    });

    it('2. verifies cluster status: a pending cluster opens its import logs, live', async () => {
      await page.getByRole('button', { name: 'Pending (1)' }).click();
      await page.getByRole('cell', { name: 'cluster4', exact: true }).click();
      await page
        .getByRole('tab', { name: 'Import Logs', selected: true })
        .waitFor();
      await page.getByText('Join steps').waitFor();
      await page.getByText(/cluster4-\w{5} waits for approval/).waitFor();
      await page.getByText('HubAcceptanceRequired').first().waitFor();
      // The hub's registration controller keeps logging about the cluster it cannot accept.
      await page
        .locator('mark', { hasText: 'cluster4' })
        .first()
        .waitFor({ timeout: 30_000 });
      // Tall enough for the steps, the events and the log in one picture.
      await page.setViewportSize({ width: 1440, height: 1500 });
      await screenshot(page, 'guide-2-import-logs');
      await page.setViewportSize({ width: 1440, height: 900 });
    });

    it('3. monitors capacity: labels, CPU cores, memory in GB and pods of a cluster', async () => {
      await page.getByRole('button', { name: /^All \(4\)$/ }).click();
      await page.getByRole('cell', { name: 'cluster1', exact: true }).click();
      await page
        .getByRole('tab', { name: 'Summary', selected: true })
        .waitFor();
      const row = page.getByRole('row').filter({
        has: page.getByRole('cell', { name: 'cluster1', exact: true }),
      });
      await row.getByText('location-group=edge').waitFor();
      await row.getByText(/^\d+(\.\d)? cores$/).waitFor();
      await row.getByText(/^\d+(\.\d)? GB$/).waitFor();
      await row.getByText(/^\d+ pods$/).waitFor();
      await screenshot(page, 'guide-3-cluster-capacity');
    });

    it('4. inspects staged workloads and namespaces, and opens one in the editor', async () => {
      await openSidebarView(page, 'Staged Workloads');
      await page
        .getByRole('cell', { name: 'shop', exact: true })
        .first()
        .click();
      await page.getByText('Namespace shop').waitFor();
      await page.getByText('app.kubernetes.io/part-of=shop').first().waitFor();
      const storefront = page
        .getByRole('row')
        .filter({ hasText: /^Deploymentstorefront/ });
      await storefront.getByRole('link', { name: 'shop-everywhere' }).waitFor();
      await screenshot(page, 'guide-4-staged-workloads');
      await storefront
        .getByRole('button', { name: 'Edit Deployment storefront' })
        .click();
      await page
        .getByRole('textbox', { name: 'Deployment storefront as YAML' })
        .waitFor();
      await screenshot(page, 'guide-4-staged-edit');
      await page.getByRole('button', { name: 'Close details' }).click();
      await page
        .getByRole('tab', { name: 'Edit' })
        .waitFor({ state: 'detached' });
    });

    it('5. manages workloads: filters, grid, list and tree, actions, and Create Workload', async () => {
      await openSidebarView(page, 'Manage Workloads');
      const storefrontActions = page.getByRole('button', {
        name: 'Actions for Deployment storefront',
      });
      await storefrontActions.waitFor();
      // Context: the WDS whose workloads are listed; the demo has one.
      await page.getByRole('button', { name: 'Context wds1' }).click();
      assert.deepEqual(await page.getByRole('option').allTextContents(), [
        'wds1',
      ]);
      await page.getByRole('option', { name: 'wds1' }).click();
      // Namespace: one whose staged workload no policy binds lists none, and its breadcrumb
      // shows; the page's own breadcrumb leads back to every namespace.
      await page
        .getByRole('button', { name: 'Namespace All namespaces' })
        .click();
      await page
        .getByRole('option', { name: 'analytics', exact: true })
        .click();
      await page
        .getByText('No managed workload matches these filters.')
        .waitFor();
      assert.equal(
        await page.getByRole('button', { name: /^Actions for / }).count(),
        0,
      );
      const crumbs = page.getByRole('navigation', { name: 'Breadcrumbs' });
      await crumbs.getByText('analytics', { exact: true }).waitFor();
      await screenshot(page, 'guide-5-namespace-filter');
      await crumbs.getByRole('button', { name: 'Manage Workloads' }).click();
      await page
        .getByRole('button', { name: 'Namespace All namespaces' })
        .waitFor();
      await storefrontActions.waitFor();
      // Search: the payments workloads alone, then all again.
      const search = page.getByRole('textbox', { name: 'Search workloads' });
      await search.fill('payments');
      await page
        .getByRole('button', { name: 'Actions for StatefulSet payments' })
        .waitFor();
      await storefrontActions.waitFor({ state: 'detached' });
      await search.fill('');
      await storefrontActions.waitFor();
      await page.getByRole('button', { name: 'List' }).click();
      await page.getByText(/^Managed workloads \(\d+\)$/).waitFor();
      await page.getByRole('button', { name: 'Tree' }).click();
      await page
        .getByRole('tree', { name: 'Managed workloads by namespace' })
        .waitFor();
      await page.getByRole('button', { name: 'Grid' }).click();
      // The canary crash-loops on cluster2, the one cluster its policy picks.
      const canary = page.getByRole('group', {
        name: 'Deployment recommendations',
      });
      await canary
        .getByText('Degraded')
        .or(canary.getByText('Progressing'))
        .first()
        .waitFor();
      await page
        .getByRole('button', { name: 'Actions for Deployment storefront' })
        .click();
      await page.getByRole('menuitem', { name: 'Logs in cluster1' }).click();
      await page.getByRole('tab', { name: 'Logs', selected: true }).waitFor();
      await page
        .getByText(/GET \/|starting storefront/)
        .first()
        .waitFor({ timeout: 30_000 });
      await screenshot(page, 'guide-5-workload-logs');
      await page.getByRole('button', { name: 'Close details' }).click();
      await page
        .getByRole('tab', { name: 'Logs' })
        .waitFor({ state: 'detached' });

      await page.getByRole('button', { name: 'Create Workload' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('Create workload in wds1').waitFor();
      await screenshot(page, 'guide-5-create-workload');
      await dialog.getByRole('button', { name: 'Create' }).click();
      await dialog.waitFor({ state: 'detached' });
      // KubeStellar binds it by its labels and delivers it to every edge cluster, where it runs.
      const hello = page.getByRole('group', { name: 'Deployment hello' });
      for (const cluster of ['cluster1', 'cluster2', 'cluster3']) {
        await hello
          .getByText(`${cluster}: 2/2 ready`)
          .waitFor({ timeout: 60_000 });
      }
      await screenshot(page, 'guide-5-manage-workloads');
      // A second create is refused by the API server, and the dialog says why.
      await page.getByRole('button', { name: 'Create Workload' }).click();
      await dialog.getByRole('button', { name: 'Create' }).click();
      await dialog.getByText(/Deployment hello already exists/).waitFor();
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'detached' });
    });

    it('6. explores remote resources: the tree, search, filters and labels', async () => {
      await openSidebarView(page, 'Deployed Workloads');
      await page.getByRole('button', { name: 'Expand cluster1' }).waitFor();
      const tree = page.getByRole('tree', { name: 'Fleet workloads' });
      // The Cluster filter: cluster2 alone, in the table and the tree; removed, all four again.
      const clusterFilter = page.getByRole('textbox', { name: 'Cluster' });
      const clusterRows = tree.locator('[role=treeitem][aria-level="1"]');
      await clusterFilter.click();
      await page.getByRole('option', { name: 'cluster2', exact: true }).click();
      await page.keyboard.press('Escape');
      await page.getByText('Clusters (1)').waitFor();
      await clusterRows.nth(1).waitFor({ state: 'detached' });
      assert.match((await clusterRows.textContent())!, /^cluster2/);
      await screenshot(page, 'guide-6-cluster-filter');
      // Backspace in the filter takes its last choice away.
      await clusterFilter.click();
      await page.keyboard.press('Backspace');
      await page.keyboard.press('Escape');
      await page.getByText('Clusters (4)').waitFor();
      await clusterRows.nth(3).waitFor();
      await searchTree(page, 'hello');
      await tree.locator('mark', { hasText: 'hello' }).first().waitFor();
      // Exact: step 5's "Created in wds1: Deployment hello" toast may still be showing.
      const title = page.getByText('Deployment hello', { exact: true });
      // The tree is rebuilt as the fleet changes; on a loaded machine a click can land on a row
      // that is being replaced and select nothing, so click again, as a person would.
      for (let attempt = 1; ; attempt++) {
        await tree
          .getByRole('treeitem')
          .filter({ hasText: namedRow('hello') })
          .first()
          .click();
        try {
          await title.waitFor({ timeout: 10_000 });
          break;
        } catch (error) {
          if (attempt === 3) throw error;
        }
      }
      await page.getByText('kubestellar.io/workload=hello').waitFor();
      await screenshot(page, 'guide-6-deployed-workloads');
    });

    it('then: the binding policy shows where hello should be and where it is', async () => {
      await openSidebarView(page, 'Binding Policies');
      await page
        .getByRole('cell', { name: 'shop-everywhere', exact: true })
        .click();
      await page.getByText('BindingPolicy shop-everywhere').waitFor();
      const hello = page
        .getByRole('row')
        .filter({ hasText: 'Deployment shop/hello' });
      // The policy's objects come as a page of their own, after the policies.
      await hello.getByText('2/2 ready').first().waitFor();
      assert.equal(await hello.getByText('2/2 ready').count(), 3);
      await screenshot(page, 'guide-binding-policies');
    });

    it('then: the object explorer finds hello in the WDS and every WEC, and opens it', async () => {
      await openSidebarView(page, 'Object Explorer');
      await page.getByRole('textbox', { name: 'Search objects' }).fill('hello');
      await page
        .getByRole('row', { name: 'Deployment hello in wds1' })
        .waitFor();
      await page
        .getByRole('row', { name: 'Deployment hello in cluster3' })
        .click();
      await page
        .getByRole('tab', { name: 'Summary', selected: true })
        .waitFor();
      await page.getByText('cluster3/shop').waitFor();
      await screenshot(page, 'guide-object-explorer');
    });

    it('then: the object explorer lists nodes, a kind the backend does not watch, when asked', async () => {
      await page.keyboard.press('Escape');
      await page.getByRole('textbox', { name: 'Search objects' }).fill('');
      await page.getByRole('button', { name: 'Kind All kinds' }).click();
      await page.getByText('Not watched: listed when chosen').waitFor();
      await page.getByRole('option', { name: 'Node', exact: true }).click();
      await page
        .getByText(
          /Node is not watched, so this list is not live: listed from .*cluster1/,
        )
        .waitFor();
      const node = page
        .getByRole('row', { name: /^Node \S+ in cluster1$/ })
        .first();
      await node.waitFor();
      await screenshot(page, 'guide-object-explorer-nodes');
      await node.click();
      await page
        .getByRole('tab', { name: 'Summary', selected: true })
        .waitFor();
      await page.getByRole('tab', { name: 'Edit' }).click();
      const editor = page.getByRole('textbox', { name: /^Node \S+ as YAML$/ });
      await editor.getByText('kind: Node').waitFor();
    });

    it('then: hello changed on cluster1 shows its drift from the WDS, in its details and its policy, until the work agent puts it back', async () => {
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Kind Node' }).click();
      await page.getByRole('option', { name: 'All kinds' }).click();
      await page.getByRole('textbox', { name: 'Search objects' }).fill('hello');
      await page
        .getByRole('row', { name: 'Deployment hello in cluster1' })
        .click();
      await page.getByRole('tab', { name: 'Drift' }).click();
      await page.getByText(/^In step with wds1/).waitFor();
      // A local edit, as someone with kubectl on the WEC might make.
      await page.getByRole('tab', { name: 'Edit' }).click();
      const editor = page.getByRole('textbox', {
        name: 'Deployment hello as YAML',
      });
      await typeOver(page, editor, ' replicas: 2', ' replicas: 5');
      await page.getByRole('button', { name: 'Update' }).click();
      await page
        .getByRole('dialog')
        .getByRole('button', { name: 'Update' })
        .click();
      await page
        .getByText(
          /^Updated\. Deployment hello is now at resourceVersion \d+\.$/,
        )
        .waitFor();
      await page.getByRole('tab', { name: 'Drift' }).click();
      await page.getByText(/^One field here differs from wds1/).waitFor();
      const replicas = page
        .getByRole('row')
        .filter({ hasText: 'spec.replicas' });
      assert.equal(await replicas.textContent(), 'spec.replicas25');
      await screenshot(page, 'guide-drift');
      // The policy's view finds the one copy out of step among all it delivered.
      await page.keyboard.press('Escape');
      await openSidebarView(page, 'Binding Policies');
      await page
        .getByRole('cell', { name: 'shop-everywhere', exact: true })
        .click();
      await page.getByRole('button', { name: 'Check drift' }).click();
      await page
        .getByText(/^1 of \d+ copies differ from their WDS copy/)
        .waitFor();
      const helloRow = page
        .getByRole('row')
        .filter({ hasText: 'Deployment shop/hello' });
      await helloRow.getByText('1 field differs').waitFor();
      await screenshot(page, 'guide-drift-policy');
      // The simulated work agent puts the WDS version back after 30 s.
      const deadline = Date.now() + 60_000;
      for (;;) {
        await page.getByRole('button', { name: 'Check drift' }).click();
        await page.getByRole('button', { name: 'Check drift' }).waitFor();
        const summary = await page
          .getByText(/copies differ from their WDS copy/)
          .textContent();
        if (summary?.startsWith('0 of ')) break;
        assert.ok(
          Date.now() < deadline,
          `still drifted after a minute: ${summary}`,
        );
        await page.waitForTimeout(3_000);
      }
    });
  });

  // Last: it changes the fleet the other tests count on.
  it('accepts the pending cluster4 on Managed Clusters, and finds its workloads under Deployed Workloads, with no restart', async () => {
    const page = await openSignedIn(browser!, '/managed-clusters');
    const row = page.getByRole('row').filter({
      has: page.getByRole('cell', { name: 'cluster4', exact: true }),
    });
    await row.getByText('Pending').first().waitFor();
    await row.getByRole('button', { name: 'Accept cluster4' }).click();
    const dialog = page.getByRole('dialog', {
      name: 'Accept cluster4 into the fleet?',
    });
    await dialog.getByText(/spec\.hubAcceptsClient: true/).waitFor();
    await screenshot(page, 'membership-accept-dialog');
    await dialog.getByRole('button', { name: 'Accept', exact: true }).click();
    await page
      .getByText(/^Accepted cluster4 on the ITS \(its1\) and approved/)
      .first()
      .waitFor();
    // The hub's registration controller joins it; the backend follows the ITS and watches it.
    await row.getByText('Connected').waitFor({ timeout: 60_000 });
    await row.getByRole('button', { name: 'Detach cluster4' }).waitFor();
    await screenshot(page, 'membership-accepted');

    await openSidebarView(page, 'Deployed Workloads');
    await page
      .getByRole('button', { name: 'Expand cluster4' })
      .click({ timeout: 60_000 });
    const tree = page.getByRole('tree', { name: 'Fleet workloads' });
    // KubeStellar delivers the shop to it: its labels match the edge policies.
    await tree
      .getByRole('treeitem')
      .filter({ hasText: /^shop\d+$/ })
      .first()
      .waitFor({ timeout: 60_000 });
    await screenshot(page, 'membership-cluster4-workloads');
    await page.close();
  });
});
