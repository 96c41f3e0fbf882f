/**
 * A cluster that left the fleet (its ManagedCluster was deleted or is no longer accepted, its
 * kubeconfig context was removed), and when the browser learnt of it: enough for a page to
 * say so once.
 *
 * @public
 */
export interface LeftCluster {
  name: string;
  at: Date;
}

/**
 * The clusters that left the fleet recently, oldest first, as a connection remembers them: a
 * cluster that comes back is forgotten, and each is forgotten `memoryMs` after it left. Each
 * change makes a new list, so that React sees it.
 */
export class LeftClusters {
  private held: LeftCluster[] = [];

  constructor(private readonly memoryMs: number) {}

  get list(): LeftCluster[] {
    return this.held;
  }

  /** These clusters left now. */
  add(names: string[]) {
    if (!names.length) return;
    const gone = new Set(names);
    const at = new Date();
    this.held = this.held
      .filter(l => !gone.has(l.name))
      .concat(names.map(name => ({ name, at })));
  }

  /** These clusters are in the fleet: none of them left. */
  forget(names: Iterable<string>) {
    if (!this.held.length) return;
    const back = new Set(names);
    if (this.held.some(l => back.has(l.name)))
      this.held = this.held.filter(l => !back.has(l.name));
  }

  /** Forgets those that left longer ago than the memory lasts. */
  expire() {
    const since = Date.now() - this.memoryMs;
    if (this.held.some(l => l.at.getTime() < since))
      this.held = this.held.filter(l => l.at.getTime() >= since);
  }
}
