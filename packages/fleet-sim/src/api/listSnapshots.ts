import { KubeObject } from './types';

/**
 * The sorted lists that paged LISTs walk, kept for the continue tokens that follow. A real API
 * server serves a list's pages from its watch cache at the list's revision; building the list
 * again for every page (sorting ten thousand objects, twice) stalled every cluster of the
 * simulator's process for tens of milliseconds a page. A list at a revision never changes,
 * so a kept one is always right; the least recently used go first.
 */
export class ListSnapshots {
  private readonly held = new Map<string, KubeObject[]>();

  constructor(private readonly capacity = 16) {}

  /** The list kept under `key`, or the one `build` makes (kept when there is one). */
  get(
    key: string,
    build: () => KubeObject[] | undefined,
  ): KubeObject[] | undefined {
    const known = this.held.get(key);
    if (known) {
      this.held.delete(key);
      this.held.set(key, known);
      return known;
    }
    const built = build();
    if (built) this.put(key, built);
    return built;
  }

  put(key: string, list: KubeObject[]) {
    this.held.delete(key);
    this.held.set(key, list);
    if (this.held.size > this.capacity)
      this.held.delete(this.held.keys().next().value!);
  }
}

/** Where the objects whose key sorts after `startAfter` begin, in a list sorted by key. */
export function indexAfter(
  sorted: KubeObject[],
  startAfter: string,
  keyOf: (object: KubeObject) => string,
): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (keyOf(sorted[middle]) <= startAfter) low = middle + 1;
    else high = middle;
  }
  return low;
}
