import { mockCredentials } from '@backstage/backend-test-utils';
import {
  ClusterStatus,
  FLEET_STREAM_PATH,
  FleetServerMessage,
  SlimResource,
} from '@kubestellar/plugin-wecs-common';
import { readEventStream } from '../__testUtils__/eventStreamClient';
import { waitFor } from '../__testUtils__/simulatedFleet';
import { startWecsBackend } from '../__testUtils__/testBackends';
import {
  startTestFleet,
  TestFleet,
  testFleetKinds,
} from '../__testUtils__/testFleets';

jest.setTimeout(300_000);

const MANAGED_CLUSTERS =
  '/apis/cluster.open-cluster-management.io/v1/managedclusters';
const user = mockCredentials.user.header();

/**
 * A browser's view of the fleet stream: the clusters and objects it holds after applying every
 * message, and the clusters it was told left.
 */
function fleetView() {
  const clusters = new Map<string, ClusterStatus>();
  const objects = new Map<string, SlimResource>();
  const removed: string[] = [];
  let errors: string[] = [];
  const apply = (message: FleetServerMessage) => {
    if (message.type === 'snapshot') {
      clusters.clear();
      objects.clear();
      message.clusters.forEach(c => clusters.set(c.name, c));
      message.resources.forEach(r => objects.set(`${r.cluster}/${r.uid}`, r));
      errors = message.errors;
    } else if (message.type === 'deltas') {
      for (const change of message.changes) {
        if (change.op === 'upsert')
          objects.set(
            `${change.resource.cluster}/${change.resource.uid}`,
            change.resource,
          );
        else objects.delete(`${change.cluster}/${change.uid}`);
      }
      message.clusters.forEach(c => clusters.set(c.name, c));
      for (const name of message.removedClusters ?? []) {
        clusters.delete(name);
        removed.push(name);
      }
      if (message.errors) errors = message.errors;
    }
  };
  const objectsOf = (cluster: string) =>
    [...objects.values()].filter(o => o.cluster === cluster);
  return {
    apply,
    clusters,
    objectsOf,
    removed,
    errors: () => errors,
  };
}

/**
 * Fleet membership on a live backend that follows the ITS: a cluster asks to join, is accepted
 * through the route and its objects reach an open stream; it is relabelled, detached and
 * deleted; the ITS goes down and comes back. Against the simulator and real API servers.
 */
describe.each(testFleetKinds())('fleet membership against the %s', kind => {
  let fleet: TestFleet;
  let baseUrl: string;
  let stopBackend: () => Promise<void>;
  let stream: Awaited<ReturnType<typeof readEventStream<FleetServerMessage>>>;
  const view = fleetView();
  let applied = 0;
  const denied = new Set<string>();
  const settle = kind === 'kwok' ? 120_000 : 30_000;

  /** Applies what arrived since last time, then checks. */
  const seen = (what: string, check: () => boolean, timeoutMs = settle) =>
    waitFor(
      what,
      () => {
        while (applied < stream.messages.length)
          view.apply(stream.messages[applied++]);
        return check();
      },
      timeoutMs,
    );

  const post = (path: string) =>
    fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { Authorization: user },
    });

  beforeAll(async () => {
    fleet = await startTestFleet(kind, { its: true });
    ({ baseUrl, stop: stopBackend } = await startWecsBackend({
      webSockets: false,
      denied,
      wecs: {
        its: { context: 'its1', kubeconfigPath: fleet.kubeconfigPath },
        watch: { maxBackoffSeconds: 1 },
      },
    }));
    stream = await readEventStream<FleetServerMessage>(
      `${baseUrl}${FLEET_STREAM_PATH}`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: user },
        body: JSON.stringify({ type: 'subscribe' }),
      },
    );
    await seen('cluster1 connected with its objects', () =>
      Boolean(
        view.clusters.get('cluster1')?.state === 'connected' &&
          view.objectsOf('cluster1').length > 20,
      ),
    );
  });

  afterAll(async () => {
    stream?.close();
    await stopBackend?.();
    await fleet?.stop();
  });

  it('shows a joining cluster as pending, and watches it once accepted', async () => {
    await fleet.addCluster('edge7', { 'location-group': 'edge' });
    await seen('edge7 pending', () =>
      Boolean(view.clusters.get('edge7')?.state === 'pending'),
    );
    expect(view.clusters.get('edge7')?.pendingReason).toContain(
      'The hub has not accepted edge7',
    );

    const refused = await fetch(`${baseUrl}/clusters/edge7/detach`, {
      method: 'POST',
      headers: { Authorization: user },
    });
    expect(refused.status).toBe(409);

    const accepted = await post('/clusters/edge7/accept');
    expect(accepted.status).toBe(200);
    const result = await accepted.json();
    expect(result).toMatchObject({ cluster: 'edge7', action: 'accept' });
    expect(result.message).toMatch(
      /^Accepted edge7 on the ITS \(its1\) and approved its certificate signing request edge7-/,
    );

    await seen('edge7 connected with its objects', () =>
      Boolean(
        view.clusters.get('edge7')?.state === 'connected' &&
          view.objectsOf('edge7').some(o => o.kind === 'Pod'),
      ),
    );
    expect(view.clusters.get('edge7')?.labels).toMatchObject({
      'location-group': 'edge',
    });
    const again = await post('/clusters/edge7/accept');
    expect(again.status).toBe(409);
  });

  it('passes a new label on at once', async () => {
    await fleet
      .client('its1')
      .sendJson(
        'PATCH',
        `${MANAGED_CLUSTERS}/edge7`,
        { metadata: { labels: { tier: 'gold' } } },
        'application/merge-patch+json',
      );
    await seen('the label', () =>
      Boolean(view.clusters.get('edge7')?.labels?.tier === 'gold'),
    );
    expect(view.clusters.get('edge7')?.labels).toMatchObject({
      'location-group': 'edge',
      tier: 'gold',
    });
  });

  it('stops watching a detached cluster, deletes its objects, and forgets a deleted one', async () => {
    const detached = await post('/clusters/edge7/detach');
    expect(detached.status).toBe(200);
    await seen('edge7 pending again, without objects', () =>
      Boolean(
        view.clusters.get('edge7')?.state === 'pending' &&
          view.objectsOf('edge7').length === 0,
      ),
    );

    await fleet
      .client('its1')
      .sendJson('DELETE', `${MANAGED_CLUSTERS}/edge7`, undefined);
    await seen('edge7 removed', () => view.removed.includes('edge7'));
    expect(view.clusters.has('edge7')).toBe(false);
  });

  it('says the ITS is down while keeping its clusters, and recovers', async () => {
    // Kept, not counted: a live cluster goes on changing meanwhile (on KWOK, pods come and go
    // with its lifecycle), so what must stay is every object that lasts.
    const lasting = () =>
      view
        .objectsOf('cluster1')
        .filter(o => o.kind !== 'Pod')
        .map(o => o.uid);
    const lastingBefore = lasting();
    expect(lastingBefore.length).toBeGreaterThan(5);
    await fleet.setReachable('its1', false);
    try {
      await seen('the ITS reported down', () =>
        view
          .errors()
          .some(e => e.startsWith('Cannot follow the ManagedClusters')),
      );
      expect(view.clusters.get('cluster1')?.state).toBe('connected');
      expect(lasting()).toEqual(expect.arrayContaining(lastingBefore));
    } finally {
      await fleet.setReachable('its1', true);
    }
    await seen('the ITS error cleared', () => view.errors().length === 0);
  });

  it('starts with the ITS down, says so, and finds the fleet once it is up', async () => {
    await fleet.setReachable('its1', false);
    let late: Awaited<ReturnType<typeof startWecsBackend>> | undefined;
    const clusters = async () => {
      const response = await fetch(`${late!.baseUrl}/clusters`, {
        headers: { Authorization: user },
      });
      return response.json();
    };
    try {
      late = await startWecsBackend({
        webSockets: false,
        wecs: {
          its: { context: 'its1', kubeconfigPath: fleet.kubeconfigPath },
          watch: { maxBackoffSeconds: 1 },
        },
      });
      const down = await clusters();
      expect(down.errors[0]).toMatch(
        /^Cannot follow the ManagedClusters of the ITS \(its1\): .*Retrying with back-off/,
      );
      expect(down.items.map((c: ClusterStatus) => c.name)).toEqual(['its1']);
      await fleet.setReachable('its1', true);
      await waitFor(
        'the WECs found and connected',
        async () => {
          const up = await clusters();
          return (
            up.errors.length === 0 &&
            up.items.some(
              (c: ClusterStatus) =>
                c.name === 'cluster1' && c.state === 'connected',
            )
          );
        },
        settle,
      );
    } finally {
      await fleet.setReachable('its1', true);
      await late?.stop();
    }
  });

  it('refuses membership changes without the permission, and for unknown clusters', async () => {
    denied.add('wecs.clusters.manage');
    try {
      const refused = await post('/clusters/cluster1/detach');
      expect(refused.status).toBe(403);
      expect((await refused.json()).error.message).toContain(
        'wecs.clusters.manage',
      );
    } finally {
      denied.clear();
    }
    const unknown = await post('/clusters/nowhere9/accept');
    expect(unknown.status).toBe(404);
    const invalid = await post('/clusters/Not_A_Name/accept');
    expect(invalid.status).toBe(400);
  });
});
