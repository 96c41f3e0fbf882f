import {
  FleetFilters,
  FleetServerMessage,
} from '@kubestellar/plugin-wecs-common';
import { WecsApi, FleetConnection } from '../api';
import { FakeSocket } from './FakeSocket';

/** What the fake backend does with a subscription: answer it, or drop the connection. */
export type FleetAnswer = FleetServerMessage | { dropWith: string };

/**
 * A WecsApi whose fleet sockets are answered by `answer`, opened at once; `subscriptions`
 * records the filters each subscribe message asked for, `sockets` the sockets opened (each with
 * the filters it subscribed with last); `calls` answers the object, event, log and cluster
 * membership calls (those left out fail, saying so).
 */
export function fakeWecsApi(
  answer: (filters: FleetFilters) => FleetAnswer,
  calls: Partial<
    Pick<
      WecsApi,
      | 'getObject'
      | 'getEvents'
      | 'replaceObject'
      | 'createObject'
      | 'getClusterObject'
      | 'replaceClusterObject'
      | 'deleteObject'
      | 'streamLogs'
      | 'getTypes'
      | 'listObjects'
      | 'getClusters'
      | 'acceptCluster'
      | 'detachCluster'
    >
  > = {},
) {
  const subscriptions: FleetFilters[] = [];
  const sockets: FakeSocket[] = [];
  const reconnected: string[] = [];
  const api: WecsApi = {
    getHealth: async () => ({
      status: 'ok',
      uptimeSeconds: 1,
      transports: ['websocket', 'http-stream'],
    }),
    getClusters: calls.getClusters ?? (async () => ({ items: [], errors: [] })),
    getObject:
      calls.getObject ??
      (async ref => {
        throw new Error(`no object ${ref.kind} ${ref.name} in this test`);
      }),
    getEvents: calls.getEvents ?? (async () => ({ items: [] })),
    replaceObject:
      calls.replaceObject ??
      (async ref => {
        throw new Error(`${ref.kind} ${ref.name} cannot be saved in this test`);
      }),
    createObject:
      calls.createObject ??
      (async cluster => {
        throw new Error(`nothing can be created in ${cluster} in this test`);
      }),
    getClusterObject:
      calls.getClusterObject ??
      (async name => {
        throw new Error(`no object for cluster ${name} in this test`);
      }),
    replaceClusterObject:
      calls.replaceClusterObject ??
      (async name => {
        throw new Error(`cluster ${name} cannot be saved in this test`);
      }),
    deleteObject:
      calls.deleteObject ??
      (async ref => {
        throw new Error(
          `${ref.kind} ${ref.name} cannot be deleted in this test`,
        );
      }),
    streamLogs:
      calls.streamLogs ??
      ((_query, handlers) => {
        handlers.onEnd('no logs in this test');
        return () => {};
      }),
    getTypes: calls.getTypes ?? (async () => ({ items: [] })),
    listObjects:
      calls.listObjects ??
      (async (cluster, query) => {
        throw new Error(
          `${query.kind} cannot be listed in ${cluster} in this test`,
        );
      }),
    reconnectCluster: async name => {
      reconnected.push(name);
    },
    acceptCluster:
      calls.acceptCluster ??
      (async name => {
        throw new Error(`${name} cannot be accepted in this test`);
      }),
    detachCluster:
      calls.detachCluster ??
      (async name => {
        throw new Error(`${name} cannot be detached in this test`);
      }),
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
            socket.filters = message.filters ?? {};
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
