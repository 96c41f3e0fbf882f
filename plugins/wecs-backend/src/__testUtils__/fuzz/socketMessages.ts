import fc from 'fast-check';
import { hostileBody, hostileText, mostly } from './hostileValues';
import { KnownNames } from './routeCatalogue';

/** Anything where a list of names goes: a list, a string, a number, an object. */
const hostileList = (valid: readonly string[]) =>
  fc.oneof(
    fc.array(mostly(valid), { maxLength: 5 }),
    fc.array(fc.constantFrom(...valid), { minLength: 400, maxLength: 700 }),
    hostileText,
    fc.integer(),
    fc.constant({ length: 3 }),
    fc.constant(null),
  );

const hostileFilters = (known: KnownNames) =>
  fc.oneof(
    fc.record(
      {
        clusters: hostileList(known.clusters),
        namespaces: hostileList(known.namespaces),
        kinds: hostileList(known.kinds),
        phases: hostileList(['running', 'failed', 'sleeping']),
        roles: hostileList(['wec', 'its', 'wds', 'hub']),
        policies: hostileList(['shop-everywhere', 'Not A Name']),
        labels: fc.oneof(
          fc.dictionary(hostileText, hostileText, { maxKeys: 3 }),
          fc.constant({ app: 1 }),
          hostileText,
        ),
        labelSelector: fc.oneof(hostileText, fc.integer()),
        name: fc.oneof(hostileText, fc.integer()),
        delivered: fc.oneof(fc.boolean(), hostileText),
      },
      { requiredKeys: [] },
    ),
    hostileText,
    fc.integer(),
    fc.constant([]),
  );

const number = fc.oneof(
  fc.integer({ min: -10, max: 1000 }),
  fc.constantFrom(1e12, -1, 0.5, Number.MAX_SAFE_INTEGER),
  hostileText,
);

const hostileQuery = (known: KnownNames) =>
  fc.oneof(
    fc.record(
      {
        level: mostly([
          'clusters',
          'namespaces',
          'kinds',
          'instances',
          'owned',
          'objects',
          'policies',
          'staged',
          'stagedNamespaces',
          'workloads',
        ]),
        cluster: mostly(known.clusters),
        namespace: mostly(known.namespaces),
        kind: mostly(known.kinds),
        uid: hostileText,
        search: hostileText,
      },
      { requiredKeys: ['level'] },
    ),
    hostileText,
    fc.constant(null),
  );

const hostileViews = (known: KnownNames) =>
  fc.oneof(
    fc.array(
      fc.record(
        {
          id: fc.oneof(fc.string({ maxLength: 8 }), hostileText, fc.integer()),
          query: hostileQuery(known),
          offset: number,
          limit: number,
        },
        { requiredKeys: ['id'] },
      ),
      { maxLength: 8 },
    ),
    // More views than a socket may hold, all the same.
    fc.integer({ min: 201, max: 3000 }).map(count =>
      Array.from({ length: count }, (_, i) => ({
        id: `v${i}`,
        query: { level: 'clusters' },
      })),
    ),
    hostileText,
  );

/**
 * One message a client sends on the fleet socket: each type the socket knows (views, search,
 * subscribe, ping) with hostile fields, unknown types, and text that is not JSON at all.
 */
export const fleetMessages = (known: KnownNames): fc.Arbitrary<string> =>
  fc.oneof(
    fc
      .record({ filters: hostileFilters(known), views: hostileViews(known) })
      .map(m => JSON.stringify({ type: 'views', ...m })),
    fc
      .record(
        {
          id: fc.oneof(fc.string({ maxLength: 70 }), fc.integer()),
          name: fc.oneof(mostly(known.names), fc.integer()),
          selector: fc.oneof(hostileText, fc.integer()),
          object: hostileText,
          filters: hostileFilters(known),
          offset: number,
          limit: number,
        },
        { requiredKeys: [] },
      )
      .map(m => JSON.stringify({ type: 'search', ...m })),
    fc
      .record(
        {
          filters: hostileFilters(known),
          resume: fc.oneof(
            fc.record({ epoch: hostileText, seq: number }),
            hostileText,
          ),
        },
        { requiredKeys: [] },
      )
      .map(m => JSON.stringify({ type: 'subscribe', ...m })),
    fc.constant(JSON.stringify({ type: 'ping' })),
    hostileText.map(type => JSON.stringify({ type })),
    hostileBody,
  );

/** The query of a log socket or log stream: every parameter it reads, known or hostile. */
export const logQueries = (known: KnownNames): fc.Arbitrary<string> =>
  fc
    .record(
      {
        cluster: mostly(known.clusters),
        namespace: mostly(known.namespaces),
        pod: mostly(known.names),
        container: mostly(['web', 'sidecar', 'init']),
        workloadKind: mostly(known.kinds),
        workloadName: mostly(known.names),
        follow: mostly(['true', 'false']),
        previous: mostly(['true']),
        timestamps: mostly(['true']),
        allContainers: mostly(['true', '1']),
        tailLines: mostly(['10', '0']),
        sinceSeconds: mostly(['60']),
        sinceTime: mostly(['2026-12-08T00:00:00Z']),
        limitBytes: mostly(['1024']),
      },
      { requiredKeys: [] },
    )
    .map(query => new URLSearchParams(query).toString());
