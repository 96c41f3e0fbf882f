/* eslint-disable no-console -- a command-line script reports on the console */
// Serves the demo app's production bundle (dist/) with the single-page-app fallback that
// Backstage's client-side routes need. Used by `./wecs start`; a deployment would serve the
// bundle from the backend's app plugin or any web server instead.
//
// --backend-url and --app-url point the bundle at a backend and an app address other than the
// ones it was built with (a demo on other ports): index.html is served with one more entry in
// its `backstage.io/config` array, and the app reads the last entry that sets a key.
import express from 'express';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '3000' },
    host: { type: 'string', default: '0.0.0.0' },
    'backend-url': { type: 'string' },
    'app-url': { type: 'string' },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(
    `serve: --port must be a TCP port number, got "${values.port}"`,
  );
  process.exit(2);
}

/** An http(s) address without a trailing slash, or exit 2 saying what is wrong. */
function baseUrlOption(name) {
  const value = values[name];
  if (value === undefined) return undefined;
  let url;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || !['http:', 'https:'].includes(url.protocol)) {
    console.error(
      `serve: --${name} must be an http or https address such as http://localhost:7007, got "${value}"`,
    );
    process.exit(2);
  }
  if (url.search || url.hash) {
    console.error(
      `serve: --${name} must not carry a query or a fragment, got "${value}"`,
    );
    process.exit(2);
  }
  return url.href.replace(/\/+$/, '');
}
const backendUrl = baseUrlOption('backend-url');
const appUrl = baseUrlOption('app-url');

const dist = join(dirname(fileURLToPath(import.meta.url)), 'dist');
const indexHtml = join(dist, 'index.html');
if (!existsSync(indexHtml)) {
  console.error(
    `serve: ${indexHtml} is missing; build the app first (./wecs setup)`,
  );
  process.exit(1);
}

const CONFIG_SCRIPT =
  /(<script type="backstage.io\/config">)([\s\S]*?)(<\/script>)/;

/** index.html with `data` as the last config entry; the page is unchanged without one. */
function withConfig(html, data) {
  if (Object.keys(data).length === 0) return html;
  const entry = { context: 'serve', data };
  // JSON in a script element: `<` escaped so that no value can close the element.
  const json = value => JSON.stringify(value, null, 2).replace(/</g, '\\u003c');
  const found = html.match(CONFIG_SCRIPT);
  if (!found) {
    return html.replace(
      '</head>',
      `<script type="backstage.io/config">${json([entry])}</script></head>`,
    );
  }
  let configs;
  try {
    configs = JSON.parse(found[2]);
  } catch {
    configs = undefined;
  }
  if (!Array.isArray(configs)) {
    throw new Error(
      `the backstage.io/config script of ${indexHtml} is not a JSON array; rebuild the app (./wecs setup)`,
    );
  }
  return html.replace(
    CONFIG_SCRIPT,
    (_match, open, _body, close) =>
      `${open}${json([...configs, entry])}${close}`,
  );
}

const served = {
  ...(backendUrl ? { backend: { baseUrl: backendUrl } } : {}),
  ...(appUrl ? { app: { baseUrl: appUrl } } : {}),
};
// Read at start, and again only when a rebuild replaces the file (its chunks' names change);
// while a rebuild has it missing or half written, the last good page is served.
let page = { mtimeMs: -1, html: '' };
function currentPage() {
  try {
    const { mtimeMs } = statSync(indexHtml);
    if (mtimeMs !== page.mtimeMs) {
      page = {
        mtimeMs,
        html: withConfig(readFileSync(indexHtml, 'utf8'), served),
      };
    }
  } catch (error) {
    if (!page.html) throw error;
  }
  return page.html;
}
try {
  currentPage();
} catch (error) {
  console.error(`serve: ${error.message}`);
  process.exit(1);
}
const sendPage = (_req, res) => {
  res.setHeader('Cache-Control', 'no-store');
  res.type('html').send(currentPage());
};

const app = express();
app.disable('x-powered-by');
app.use(
  '/static',
  express.static(join(dist, 'static'), { immutable: true, maxAge: '1y' }),
);
app.get('/index.html', sendPage);
app.use(express.static(dist, { index: false, maxAge: 0 }));
app.get('*', sendPage);

const server = app.listen(port, values.host, () => {
  console.log(
    `serve: app on http://localhost:${port}${
      backendUrl ? `, talking to the backend on ${backendUrl}` : ''
    }`,
  );
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
