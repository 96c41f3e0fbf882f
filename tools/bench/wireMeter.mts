// A TCP proxy that stands in front of the backend for a benchmark's browser and counts the
// bytes its WebSocket connections carry to the browser as they cross the wire: framed and,
// where the two sides agreed on permessage-deflate, compressed. CDP's frame events cannot
// tell this: they carry each message's payload after decompression.
import {
  createConnection,
  createServer,
  type AddressInfo,
  type Socket,
} from 'node:net';
import { performance } from 'node:perf_hooks';

/** A request head that asks to become a WebSocket. */
const UPGRADE = /^GET [^\r\n]+\r\n(?:[^\r\n]+\r\n)*?upgrade:\s*websocket\r\n/i;

export interface WireMeter {
  /** The port browsers connect to instead of the backend's. */
  port: number;
  /** Starts (or starts again) counting, from now, for `windowMs`. */
  start(windowMs: number): void;
  /** Bytes the backend sent on WebSocket connections within the window so far. */
  readonly bytes: number;
  close(): Promise<void>;
}

/** Listens on a free loopback port and forwards every connection to `targetPort`. */
export async function startWireMeter(targetPort: number): Promise<WireMeter> {
  let windowStart = Number.POSITIVE_INFINITY;
  let windowEnd = Number.NEGATIVE_INFINITY;
  let bytes = 0;
  const connections = new Set<Socket>();
  // No Nagle delay on either side, as the backend's own sockets (Node's HTTP server, ws) have
  // none: a window written after another would otherwise wait some 40 ms for an ACK here.
  const server = createServer({ noDelay: true }, browser => {
    const backend = createConnection({
      host: '127.0.0.1',
      port: targetPort,
      noDelay: true,
    });
    connections.add(browser).add(backend);
    let webSocket = false;
    browser.once('data', head => {
      webSocket = UPGRADE.test(head.toString('latin1'));
    });
    backend.on('data', chunk => {
      const now = performance.now();
      if (webSocket && now >= windowStart && now <= windowEnd)
        bytes += chunk.length;
    });
    browser.pipe(backend);
    backend.pipe(browser);
    const drop = () => {
      browser.destroy();
      backend.destroy();
      connections.delete(browser);
      connections.delete(backend);
    };
    for (const socket of [browser, backend]) {
      socket.on('error', drop);
      socket.on('close', drop);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    start(windowMs) {
      windowStart = performance.now();
      windowEnd = windowStart + windowMs;
      bytes = 0;
    },
    get bytes() {
      return bytes;
    },
    close: () =>
      new Promise(resolve => {
        for (const socket of connections) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
