import { TokenBucket } from '../model/TokenBucket';

/** What to do with one message: handle it, refuse it (and say why), or close the socket. */
export type MessageVerdict = 'handle' | 'refuse' | 'close';

/**
 * How many messages one socket may send: a steady rate with room for bursts, far above what a
 * person scrolling and expanding sends, so that a runaway client costs a bounded amount and is
 * told why it is refused. A client that goes on sending a whole burst's worth after being told
 * is closed: refusing each message would still cost a reply apiece.
 */
export class MessageBudget {
  private readonly bucket: TokenBucket;
  private refusedInARow = 0;

  constructor(
    private readonly perSecond = 100,
    private readonly burst = 200,
    now: () => number = Date.now,
  ) {
    this.bucket = new TokenBucket(perSecond, burst, now);
  }

  get refusal() {
    return `Too many messages: a socket may send ${this.perSecond} a second (${this.burst} at once); this one was dropped`;
  }

  /** Why the socket is closed, short enough for a close frame (123 bytes at most). */
  get closing() {
    return `Too many messages: over ${this.perSecond} a second`;
  }

  /** What to do with one more message now. */
  take(): MessageVerdict {
    if (this.bucket.take()) {
      this.refusedInARow = 0;
      return 'handle';
    }
    this.refusedInARow++;
    return this.refusedInARow > this.burst ? 'close' : 'refuse';
  }
}
