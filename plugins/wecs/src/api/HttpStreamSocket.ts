import { ResponseError } from '@backstage/errors';
import { backendMessage } from './backendMessage';
import type { SocketLike } from './ReconnectingSocket';

const CONNECTING = 0;
const OPEN = 1;
const CLOSED = 3;

/** The `fetch` of Backstage's FetchApi, which adds the user's credentials. */
export type FetchFunction = (
  input: string,
  init?: RequestInit,
) => Promise<Response>;

/** What the backend said when it refused a request: its error message, else the status. */
export async function refusalOf(response: Response): Promise<string> {
  return backendMessage(await ResponseError.fromResponse(response));
}

/**
 * The live protocol over streamed HTTP responses (Server-Sent Events), for backends without
 * WebSocket routes and networks that block WebSockets. It looks like a WebSocket to its user:
 * `GET` streams one request's answer (a log); `POST` opens a request per message sent (each
 * fleet subscription), whose answer's events arrive as messages. A request that fails or ends
 * closes it, with the backend's error as the reason.
 */
export class HttpStreamSocket implements SocketLike {
  readyState = CONNECTING;
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  private request?: AbortController;

  constructor(
    private readonly options: {
      url: string;
      method: 'GET' | 'POST';
      fetch: FetchFunction;
    },
  ) {
    if (options.method === 'GET') {
      void this.stream();
    } else {
      // Nothing is requested until the first message, as a socket opens before it is used.
      setTimeout(() => this.open());
    }
  }

  send(data: string) {
    if (this.options.method === 'GET' || this.readyState !== OPEN) return;
    const message = JSON.parse(data);
    // Heartbeats flow from the server on an open stream; a ping has nothing to carry.
    if (message.type === 'ping') return;
    void this.stream(data);
  }

  close(code = 1000, reason = '') {
    if (this.readyState === CLOSED) return;
    this.request?.abort();
    this.finish(code, reason);
  }

  private open() {
    if (this.readyState !== CONNECTING) return;
    this.readyState = OPEN;
    this.onopen?.({});
  }

  private finish(code: number, reason: string) {
    if (this.readyState === CLOSED) return;
    this.readyState = CLOSED;
    this.onclose?.({ code, reason });
  }

  private async stream(body?: string) {
    this.request?.abort();
    const request = new AbortController();
    this.request = request;
    try {
      const response = await this.options.fetch(this.options.url, {
        method: this.options.method,
        headers: {
          Accept: 'text/event-stream',
          ...(body ? { 'Content-Type': 'application/json' } : {}),
        },
        body,
        signal: request.signal,
      });
      if (!response.ok || !response.body) {
        this.finish(4000 + response.status, await refusalOf(response));
        return;
      }
      this.open();
      await this.readEvents(response.body, request.signal);
      if (this.request === request) {
        this.finish(1000, 'the backend ended the stream');
      }
    } catch (error) {
      if (request.signal.aborted) return;
      this.finish(1006, `the stream from the backend broke: ${error}`);
    }
  }

  /** Hands each event's data to `onmessage`: events end with a blank line, data lines say `data:`. */
  private async readEvents(
    body: ReadableStream<Uint8Array>,
    signal: AbortSignal,
  ) {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done || signal.aborted) return;
      buffer += decoder.decode(value, { stream: true }).replace(/\r\n/g, '\n');
      let end = buffer.indexOf('\n\n');
      while (end !== -1) {
        const data = buffer
          .slice(0, end)
          .split('\n')
          .filter(line => line.startsWith('data:'))
          .map(line => line.slice(line.startsWith('data: ') ? 6 : 5))
          .join('\n');
        buffer = buffer.slice(end + 2);
        if (data) this.onmessage?.({ data });
        end = buffer.indexOf('\n\n');
      }
    }
  }
}
