/**
 * How many messages one socket may send: a steady rate with room for bursts (a token bucket),
 * far above what a person scrolling and expanding sends, so that a runaway client costs a
 * bounded amount and is told why it is refused.
 */
export class MessageBudget {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond = 100,
    private readonly burst = 200,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  get refusal() {
    return `Too many messages: a socket may send ${this.perSecond} a second (${this.burst} at once); this one was dropped`;
  }

  /** Whether one more message may be handled now. */
  take(): boolean {
    const now = this.now();
    this.tokens = Math.min(
      this.burst,
      this.tokens + ((now - this.last) / 1000) * this.perSecond,
    );
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens--;
    return true;
  }
}
