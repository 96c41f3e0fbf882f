// Ad-hoc: screenshots of the given paths on a running demo (not part of the test suite).
import { launchBrowser, openSignedIn, screenshot } from './demo.mts';
const browser = await launchBrowser();
for (const path of process.argv.slice(2)) {
  const page = await openSignedIn(browser, path);
  await page.waitForTimeout(4000);
  const name = `peek-${path.replace(/[^a-z0-9]+/gi, '-')}`.slice(0, 80);
  console.log(await screenshot(page, name));
  await page.close();
}
await browser.close();
