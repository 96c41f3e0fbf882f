import { ListGate } from './ListGate';

describe('ListGate', () => {
  it('lets a few lists run at once and the rest in the order they came', async () => {
    const gate = new ListGate(2);
    const order: string[] = [];
    const releases: Array<() => void> = [];
    const list = (name: string) =>
      gate.acquire().then(release => {
        order.push(name);
        releases.push(release);
      });
    const all = ['a', 'b', 'c', 'd'].map(list);
    await new Promise(resolve => setImmediate(resolve));
    expect(order).toEqual(['a', 'b']);
    releases[0]();
    releases[0]();
    await new Promise(resolve => setImmediate(resolve));
    // Releasing twice frees one turn, not two.
    expect(order).toEqual(['a', 'b', 'c']);
    releases[1]();
    releases[2]();
    releases[3]?.();
    await Promise.all(all);
    expect(order).toEqual(['a', 'b', 'c', 'd']);
    releases[3]();
    // All free again: two run at once.
    await Promise.all([list('e'), list('f')]);
    expect(order.slice(-2)).toEqual(['e', 'f']);
  });

  it('refuses a limit below one', () => {
    expect(() => new ListGate(0)).toThrow('at least 1');
  });
});
