import { ServerResponse } from 'node:http';
import { LiveChannel } from './channel';

/** A comment line is written when nothing else was for this long, so idle proxies keep the stream. */
const KEEP_ALIVE_MS = 20_000;

/**
 * Turns an HTTP response into a live channel of Server-Sent Events: the headers go out at once,
 * then each message is one `data: <JSON>` event. For backends without WebSocket routes, and
 * networks that block WebSockets. `bufferedAmount` is what the response still holds, so a slow
 * reader gets the same coalescing and pausing as on a socket.
 */
export function openEventStream<M>(
  res: ServerResponse,
  keepAliveMs = KEEP_ALIVE_MS,
): LiveChannel<M> {
  // A compression middleware adds flush(); without it, compressed events would wait in zlib.
  const flush = () => (res as { flush?: () => void }).flush?.();
  let closed = res.destroyed || res.writableEnded;
  const listeners: Array<() => void> = [];
  let lastWriteAt = Date.now();
  const write = (text: string) => {
    if (closed || res.writableEnded) return;
    res.write(text);
    flush();
    lastWriteAt = Date.now();
  };
  let timer: NodeJS.Timeout | undefined;
  const onClosed = () => {
    clearInterval(timer);
    closed = true;
    listeners.splice(0).forEach(listener => listener());
  };
  if (!closed) {
    res.once('close', onClosed);
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      // no-transform: compression middlewares leave the stream alone instead of buffering it.
      'Cache-Control': 'no-cache, no-transform',
      // Tells nginx-style proxies not to buffer the answer.
      'X-Accel-Buffering': 'no',
      Connection: 'keep-alive',
    });
    res.flushHeaders();
    timer = setInterval(() => {
      if (Date.now() - lastWriteAt >= keepAliveMs) write(': keep-alive\n\n');
    }, keepAliveMs / 2);
    timer.unref?.();
  }
  return {
    send(message) {
      write(`data: ${JSON.stringify(message)}\n\n`);
    },
    get bufferedAmount() {
      return res.writableLength;
    },
    close() {
      if (!closed && !res.writableEnded) res.end();
    },
    onClose(listener) {
      if (closed) listener();
      else listeners.push(listener);
    },
  };
}
