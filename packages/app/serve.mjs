/* eslint-disable no-console -- a command-line script reports on the console */
// Serves the demo app's production bundle (dist/) with the single-page-app fallback that
// Backstage's client-side routes need. Used by `./wecs start`; a deployment would serve the
// bundle from the backend's app plugin or any web server instead.
import express from 'express';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '3000' },
    host: { type: 'string', default: '0.0.0.0' },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(
    `serve: --port must be a TCP port number, got "${values.port}"`,
  );
  process.exit(2);
}

const dist = join(dirname(fileURLToPath(import.meta.url)), 'dist');
const indexHtml = join(dist, 'index.html');
if (!existsSync(indexHtml)) {
  console.error(
    `serve: ${indexHtml} is missing; build the app first (./wecs setup)`,
  );
  process.exit(1);
}

const app = express();
app.disable('x-powered-by');
app.use(
  '/static',
  express.static(join(dist, 'static'), { immutable: true, maxAge: '1y' }),
);
app.use(express.static(dist, { index: false, maxAge: 0 }));
app.get('*', (_req, res) => {
  res.setHeader('Cache-Control', 'no-store');
  res.sendFile(indexHtml);
});

const server = app.listen(port, values.host, () => {
  console.log(`serve: app on http://localhost:${port}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
