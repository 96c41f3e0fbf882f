/**
 * How many full lists run at once across a pool. A list holds every object of its type, in
 * full, until the last page arrives; a hundred clusters listing their types together would
 * hold the whole fleet in full at once. Through the gate, only a few do, and the rest wait
 * their turn (first come, first served).
 */
export class ListGate {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 1) {
      throw new Error(
        `concurrent lists must be a whole number of at least 1, got ${max}`,
      );
    }
  }

  /** Waits for a turn; call the returned function when the list is done. */
  async acquire(): Promise<() => void> {
    if (this.running >= this.max) {
      await new Promise<void>(resolve => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    };
  }
}
