import { FleetServerMessage } from '@kubestellar/plugin-wecs-common';
import { openUserSocket } from './__testUtils__/backendClients';
import { startFleet, waitFor } from './__testUtils__/simulatedFleet';
import { freePort, startWecsBackend } from './__testUtils__/testBackends';

jest.setTimeout(120_000);

/** A fleet socket as the test user, its messages parsed. */
async function openFleetSocket(url: string) {
  const socket = await openUserSocket(url);
  return {
    ...socket,
    get messages(): FleetServerMessage[] {
      return socket.messages.map(text => JSON.parse(text));
    },
  };
}

/** What a subscriber holds after `messages`: its snapshot and deltas applied, by name. */
function heldBy(messages: FleetServerMessage[]): string[] {
  const held = new Map<string, string>();
  for (const message of messages) {
    if (message.type === 'snapshot') {
      held.clear();
      for (const r of message.resources)
        held.set(r.uid, `${r.kind} ${r.namespace}/${r.name}`);
    }
    if (message.type === 'deltas')
      for (const change of message.changes) {
        if (change.op === 'upsert') {
          const r = change.resource;
          held.set(r.uid, `${r.kind} ${r.namespace}/${r.name}`);
        } else held.delete(change.uid);
      }
  }
  return [...held.values()].sort();
}

/**
 * The backend restarted under open sockets, as a deployment rolls it: each socket is told
 * (1012, service restart) rather than dropped, and a client that comes back to the new backend
 * with its old position gets the fleet whole again, equal to what the clusters hold.
 */
describe('a backend restarted with open sockets', () => {
  it('closes them with 1012 and its reason, and serves them anew after the restart', async () => {
    const fleet = await startFleet({ clusters: 2 });
    const port = await freePort();
    const start = () =>
      startWecsBackend({
        webSockets: true,
        port,
        wecs: {
          kubeconfig: {
            path: fleet.kubeconfigPath,
            contexts: ['cluster1', 'cluster2'],
          },
        },
      });
    let backend = await start();
    const url = `${backend.baseUrl.replace(/^http/, 'ws')}/fleet`;
    try {
      const subscription = await openFleetSocket(url);
      subscription.ws.send(
        JSON.stringify({
          type: 'subscribe',
          filters: { clusters: ['cluster1'] },
        }),
      );
      const views = await openFleetSocket(url);
      views.ws.send(
        JSON.stringify({
          type: 'views',
          views: [{ id: 'clusters', query: { level: 'clusters' } }],
        }),
      );
      // cluster1 whole: its objects held, and no more coming for a second.
      let held: string[] = [];
      await waitFor(
        'cluster1 whole on the socket',
        async () => {
          const now = heldBy(subscription.messages);
          const settled = now.length > 20 && now.join() === held.join();
          held = now;
          if (!settled) await new Promise(resolve => setTimeout(resolve, 1000));
          return settled;
        },
        60_000,
      );
      await waitFor('the cluster rows', () =>
        views.messages.some(m => m.type === 'window' && m.total === 2),
      );
      const position = subscription.messages.findLast(
        m => m.type === 'snapshot' || m.type === 'deltas',
      ) as { epoch: string; seq: number };

      await backend.stop();
      const closes = await Promise.all([subscription.closed, views.closed]);
      expect(closes).toEqual([
        { code: 1012, reason: 'The backend is restarting' },
        { code: 1012, reason: 'The backend is restarting' },
      ]);

      backend = await start();
      const again = await openFleetSocket(url);
      // Where the client was, on the backend that went away.
      again.ws.send(
        JSON.stringify({
          type: 'subscribe',
          filters: { clusters: ['cluster1'] },
          resume: { epoch: position.epoch, seq: position.seq },
        }),
      );
      await waitFor(
        'the whole of cluster1 again',
        () => heldBy(again.messages).join() === held.join(),
        60_000,
      );
      // Another backend's position: the new one starts the client over with a snapshot.
      const first = again.messages.find(m => m.type === 'snapshot');
      expect(first).toMatchObject({ type: 'snapshot' });
      expect((first as { epoch: string }).epoch).not.toBe(position.epoch);
      again.ws.close();
    } finally {
      await backend.stop();
      await fleet.stop();
    }
  });
});
