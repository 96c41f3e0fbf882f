/**
 * A steady rate with room for bursts: `burst` tokens at most, refilled at `perSecond`. The
 * rate limits of sockets and of users are each one of these.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly perSecond: number,
    readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  private refill() {
    const now = this.now();
    this.tokens = Math.min(
      this.burst,
      this.tokens + ((now - this.last) / 1000) * this.perSecond,
    );
    this.last = now;
  }

  /** Takes one token: whether one more action may happen now. */
  take(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens--;
    return true;
  }

  /** Whole seconds until a token is back, for a Retry-After; at least 1. */
  get retryAfterSeconds(): number {
    this.refill();
    return Math.max(1, Math.ceil((1 - this.tokens) / this.perSecond));
  }

  /** Whether the bucket is full again, so that whoever owns it may forget it. */
  get isFull(): boolean {
    this.refill();
    return this.tokens >= this.burst;
  }
}
