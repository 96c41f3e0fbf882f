import { TooManyRequestsError } from '../model/errors';

/**
 * At most `max` of one kind of long-lived connection open per user (fleet sockets, log
 * streams), counted across every transport that carries them: one counter, so switching
 * transport never doubles the allowance.
 */
export class PerUserLimit {
  private readonly open = new Map<string, number>();

  /** `what` names the connections in the refusal, e.g. `log streams`. */
  constructor(readonly max: number, readonly what: string) {}

  /** What `user` holds open now. */
  openFor(user: string): number {
    return this.open.get(user) ?? 0;
  }

  /** The refusal past the limit: it names the limit and what the user can do. */
  get refusal(): string {
    return `At most ${this.max} ${this.what} may be open per user; close one first`;
  }

  /**
   * Counts one more for `user` and returns its release (calling it twice is harmless); past
   * the limit, throws a 429 that says so.
   */
  acquire(user: string): () => void {
    const count = this.openFor(user);
    if (count >= this.max) throw new TooManyRequestsError(this.refusal);
    this.open.set(user, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = this.openFor(user) - 1;
      if (left > 0) this.open.set(user, left);
      else this.open.delete(user);
    };
  }
}
