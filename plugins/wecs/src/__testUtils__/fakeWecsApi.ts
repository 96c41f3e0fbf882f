import {
  FleetFilters,
  FleetServerMessage,
} from '@kubestellar/plugin-wecs-common';
import { WecsApi } from '../api';
import { FleetConnection } from '../live/FleetConnection';
import { FakeSocket } from './FakeSocket';

/** What the fake backend does with a subscription: answer it, or drop the connection. */
export type FleetAnswer = FleetServerMessage | { dropWith: string };

/**
 * A WecsApi whose fleet sockets are answered by `answer`, opened at once; `subscriptions`
 * records the filters each subscribe message asked for, `sockets` the sockets opened; `reads`
 * answers the object and event reads.
 */
export function fakeWecsApi(
  answer: (filters: FleetFilters) => FleetAnswer,
  reads: Partial<Pick<WecsApi, 'getObject' | 'getEvents'>> = {},
) {
  const subscriptions: FleetFilters[] = [];
  const sockets: FakeSocket[] = [];
  const reconnected: string[] = [];
  const api: WecsApi = {
    getHealth: async () => ({ status: 'ok', uptimeSeconds: 1 }),
    getClusters: async () => ({ items: [], errors: [] }),
    getObject:
      reads.getObject ??
      (async ref => {
        throw new Error(`no object ${ref.kind} ${ref.name} in this test`);
      }),
    getEvents: reads.getEvents ?? (async () => ({ items: [] })),
    reconnectCluster: async name => {
      reconnected.push(name);
    },
    connectFleet: () =>
      new FleetConnection({
        url: async () => 'ws://backend/api/wecs/fleet',
        token: async () => 'token',
        openSocket: (url, protocols) => {
          const socket = new FakeSocket(url, protocols);
          sockets.push(socket);
          const send = socket.send.bind(socket);
          socket.send = data => {
            send(data);
            const message = JSON.parse(data);
            if (message.type !== 'subscribe') return;
            subscriptions.push(message.filters);
            const reply = answer(message.filters);
            setTimeout(() =>
              'dropWith' in reply
                ? socket.drop(1006, reply.dropWith)
                : socket.receive(reply),
            );
          };
          setTimeout(() => socket.open());
          return socket;
        },
      }),
  };
  return { api, subscriptions, sockets, reconnected };
}
