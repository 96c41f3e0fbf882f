import type { SocketLike } from './ReconnectingSocket';
import { FetchFunction, refusalOf } from './HttpStreamSocket';

const CONNECTING = 0;
const OPEN = 1;
const CLOSED = 3;

/**
 * The fleet socket when nothing live reaches the browser: each `subscribe` or `views` message
 * is answered by asking the backend for a fresh answer now and every `intervalMs` after, so the
 * page stays current to within that beat. The backend answers a subscription with its snapshot
 * and views with an array of the messages it would send (their windows, the fleet notice): each
 * arrives as a message of its own. It looks like a socket to the connections.
 */
export class PollingSocket implements SocketLike {
  readyState = CONNECTING;
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  private timer?: ReturnType<typeof setTimeout>;
  private subscription?: string;

  constructor(
    private readonly options: {
      /** The snapshot route's URL. */
      url: string;
      fetch: FetchFunction;
      intervalMs: number;
    },
  ) {
    setTimeout(() => {
      if (this.readyState !== CONNECTING) return;
      this.readyState = OPEN;
      this.onopen?.({});
    });
  }

  send(data: string) {
    const message = JSON.parse(data);
    if (this.readyState !== OPEN) return;
    if (message.type === 'subscribe') {
      // Every answer is a whole snapshot, so a resume position has nothing to add.
      this.subscription = JSON.stringify({
        type: message.type,
        filters: message.filters,
      });
    } else if (message.type === 'views') {
      this.subscription = data;
    } else {
      return;
    }
    clearTimeout(this.timer);
    void this.poll(this.subscription);
  }

  close(code = 1000, reason = '') {
    if (this.readyState === CLOSED) return;
    clearTimeout(this.timer);
    this.readyState = CLOSED;
    this.onclose?.({ code, reason });
  }

  private async poll(subscription: string) {
    try {
      const response = await this.options.fetch(this.options.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: subscription,
      });
      if (!response.ok) {
        this.fail(subscription, await refusalOf(response));
        return;
      }
      const answer = await response.text();
      if (this.readyState !== OPEN || subscription !== this.subscription)
        return;
      const parsed = JSON.parse(answer);
      if (Array.isArray(parsed)) {
        for (const message of parsed) {
          if (subscription !== this.subscription) break;
          this.onmessage?.({ data: JSON.stringify(message) });
        }
      } else {
        this.onmessage?.({ data: answer });
      }
      this.timer = setTimeout(
        () => void this.poll(subscription),
        this.options.intervalMs,
      );
    } catch (error) {
      this.fail(subscription, String(error));
    }
  }

  private fail(subscription: string, reason: string) {
    if (subscription !== this.subscription) return;
    this.close(1006, `asking the backend for the fleet failed: ${reason}`);
  }
}
