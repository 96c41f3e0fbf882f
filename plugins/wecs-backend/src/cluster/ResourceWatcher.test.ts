import { ClusterClient } from '@kubestellar/plugin-wecs-node';
import { PassThrough } from 'node:stream';
import { waitFor } from '../__testUtils__/simulatedFleet';
import { DEFAULT_WATCHER_OPTIONS, ResourceWatcher } from './ResourceWatcher';

const configMap = (name: unknown, resourceVersion: string, extra = {}) => ({
  metadata: {
    name,
    namespace: 'shop',
    uid: `uid-${String(name)}`,
    resourceVersion,
    ...extra,
  },
});

/**
 * A client whose list answers `items` and whose watches are streams the test writes lines to;
 * `watchedFrom` records the resourceVersion each watch started from.
 */
function fakeClient(items: unknown[]) {
  const watches: PassThrough[] = [];
  const watchedFrom: string[] = [];
  const client = {
    getJson: async () => ({ metadata: { resourceVersion: '10' }, items }),
    open: async (path: string) => {
      watchedFrom.push(
        new URLSearchParams(path.split('?')[1]).get('resourceVersion')!,
      );
      const stream = new PassThrough();
      watches.push(stream);
      return stream;
    },
  } as unknown as ClusterClient;
  return { client, watches, watchedFrom };
}

describe('ResourceWatcher with malformed input', () => {
  const target = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    resource: 'configmaps',
    namespaced: true,
  };

  it('leaves out what is malformed, in lists and watches, and keeps watching from where it got', async () => {
    const { client, watches, watchedFrom } = fakeClient([
      configMap('good', '5'),
      configMap(404, '6'),
    ]);
    const replaced: string[][] = [];
    const upserted: string[] = [];
    const removed: string[] = [];
    const rejected: string[] = [];
    let failOnce = true;
    const watcher = new ResourceWatcher(
      client,
      target,
      {
        replace: items => replaced.push(items.map(i => i.metadata.name)),
        upsert: object => {
          // Something downstream fails on one object: the watch is not its victim.
          if (object.metadata.name === 'breaks-downstream' && failOnce) {
            failOnce = false;
            throw new TypeError('a.localeCompare is not a function');
          }
          upserted.push(object.metadata.name);
        },
        remove: object => removed.push(object.metadata.uid),
        reject: (_object, problem) => rejected.push(problem),
      },
      () => {},
      { ...DEFAULT_WATCHER_OPTIONS, backoff: { initialMs: 10, maxMs: 20 } },
    );
    watcher.start();
    await waitFor('the first watch', () => watches.length === 1);
    expect(replaced).toEqual([['good']]);
    expect(rejected).toEqual([
      'metadata.name: expected a string, got a number',
    ]);
    const event = (type: string, object: unknown) =>
      watches[0].write(`${JSON.stringify({ type, object })}\n`);
    event('ADDED', configMap('owned', '11', { ownerReferences: 'me' }));
    watches[0].write('not json\n');
    event('ADDED', configMap('breaks-downstream', '12'));
    event('MODIFIED', configMap('good', '13', { labels: { a: 1 } }));
    event('ADDED', configMap('after', '14'));
    await waitFor('the event after the odd ones', () =>
      upserted.includes('after'),
    );
    expect(rejected.slice(1)).toEqual([
      'metadata.ownerReferences: expected an array, got a string',
      'a watch event that is not JSON',
      'taking it in failed: a.localeCompare is not a function',
      'metadata.labels.a: expected a string, got a number',
    ]);
    // The good ConfigMap's stale copy goes when its new version cannot be kept.
    expect(removed).toEqual(['uid-owned', 'uid-good']);
    // One watch, never restarted from an old version by what it met.
    watches[0].end();
    await waitFor('the next watch', () => watches.length === 2);
    expect(watchedFrom).toEqual(['10', '14']);
    watcher.stop();
  });
});
