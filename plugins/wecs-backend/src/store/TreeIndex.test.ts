import {
  SlimResource,
  StatusPhase,
  TreeCounts,
} from '@kubestellar/plugin-wecs-common';
import { ClusterTree, Entry } from './TreeIndex';
import { addCounts, countsOf, emptyCounts } from './treeCounts';

const PHASES: StatusPhase[] = ['running', 'pending', 'failed'];

/** A deterministic stream of numbers, so that a failure can be replayed. */
function numbers(seed: number) {
  let state = seed;
  return (below: number) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % below;
  };
}

function object(
  i: number,
  phase: StatusPhase,
  controller: number | undefined,
  rv: number,
): SlimResource {
  return {
    cluster: 'cluster1',
    apiVersion: 'v1',
    kind: ['Deployment', 'ReplicaSet', 'Pod'][i % 3],
    resource: 'things',
    namespace: 'shop',
    name: `thing-${i}`,
    uid: `uid-${i}`,
    resourceVersion: String(rv),
    status: { phase },
    ...(controller !== undefined
      ? {
          owners: [
            {
              apiVersion: 'v1',
              kind: 'Thing',
              name: `thing-${controller}`,
              uid: `uid-${controller}`,
              controller: true,
            },
          ],
        }
      : {}),
  };
}

/** An entry's subtree counted from scratch: itself and all it controls. */
function recount(entry: Entry): TreeCounts {
  const counts = emptyCounts();
  addCounts(counts, countsOf(entry.resource));
  for (const child of entry.children ?? []) addCounts(counts, recount(child));
  return counts;
}

describe('ClusterTree', () => {
  it('keeps every subtree count equal to a count from scratch, whatever comes, goes or changes', () => {
    const next = numbers(7);
    const tree = new ClusterTree('cluster1');
    let rv = 1;
    for (let step = 0; step < 5000; step++) {
      const i = next(60);
      if (next(5) === 0) {
        tree.remove(`uid-${i}`);
      } else {
        // Controllers form chains (0 > 1 > 2...) that objects join and leave.
        const controller = i > 0 && next(3) > 0 ? next(i) : undefined;
        tree.put(object(i, PHASES[next(3)], controller, rv++));
      }
    }
    const total = emptyCounts();
    for (const entry of tree.objects.values()) {
      expect(entry.subtree).toEqual(recount(entry));
      if (!entry.parent) addCounts(total, entry.subtree);
    }
    expect(tree.counts).toEqual(total);
    expect(tree.objects.size).toBeGreaterThan(20);
  });
});
