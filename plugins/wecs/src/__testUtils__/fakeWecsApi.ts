import {
  FleetClientMessage,
  FleetFilters,
  FleetServerMessage,
  FleetViewQuery,
  FleetViewsMessage,
} from '@kubestellar/plugin-wecs-common';
import {
  FleetConnection,
  FleetConnectionOptions,
  FleetViewConnection,
  WecsApi,
} from '../api';
import { FakeFleetTree } from './fakeFleetTree';
import { FakeSocket } from './FakeSocket';

/** What the fake backend does with a subscription: answer it, or drop the connection. */
export type FleetAnswer = FleetServerMessage | { dropWith: string };

/** What a views socket was last sent of each view, by id, to send only what changed. */
const sentWindows = new WeakMap<FakeSocket, Map<string, string>>();

/**
 * A WecsApi whose fleet sockets are answered by `answer`, opened at once: a subscription gets
 * its answer, views get the windows of the tree the answer's snapshot makes (FakeFleetTree),
 * the fleet notice first; searches are answered from the same tree. `subscriptions` records the
 * filters each subscribe message asked for, `views` each views message, `searches` each search,
 * `refreshed` each refresh asked of the backend, `sockets` the sockets opened (each with the filters and views it sent last); `refreshViews`
 * sends each open views socket the windows that changed since (after the fleet changed).
 * `calls` answers the object, event, log and cluster membership calls (those left out fail,
 * saying so; a reconnect left out succeeds); `options.withhold` names views that get no window, as if it were on its way.
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
      | 'searchFleet'
      | 'reconnectCluster'
    >
  > = {},
  options: { withhold?: (query: FleetViewQuery) => boolean } = {},
) {
  const subscriptions: FleetFilters[] = [];
  const views: FleetViewsMessage[] = [];
  const searches: Parameters<WecsApi['searchFleet']>[0][] = [];
  const sockets: FakeSocket[] = [];
  const reconnected: string[] = [];
  const refreshed: Array<Parameters<WecsApi['refreshClusters']>[0]> = [];
  const treeFor = (filters: FleetFilters) => {
    const reply = answer(filters);
    if ('dropWith' in reply || reply.type !== 'snapshot') return undefined;
    return {
      tree: new FakeFleetTree(reply, filters),
      errors: reply.errors,
      seq: reply.seq,
    };
  };
  const searchFleet: WecsApi['searchFleet'] =
    calls.searchFleet ??
    (async query => {
      const answered = treeFor(query.filters ?? {});
      if (!answered) throw new Error('the backend cannot be reached');
      return answered.tree.search(query);
    });
  /** Every search, over HTTP or on a socket, as the backend is asked. */
  const searchRecorded: WecsApi['searchFleet'] = query => {
    searches.push(query);
    return searchFleet(query);
  };
  /** Sends `socket` the windows of its views that changed, and the notice when asked to. */
  const sendViews = (
    socket: FakeSocket,
    notice?: { errors?: string[]; left?: string[] },
  ) => {
    const message = socket.views;
    if (!message || socket.readyState !== 1) return;
    let answered: ReturnType<typeof treeFor>;
    try {
      answered = treeFor(message.filters ?? {});
    } catch (error) {
      // A filter the backend refuses (a malformed selector): the whole message is refused.
      socket.receive({ type: 'error', message: (error as Error).message });
      return;
    }
    if (!answered) return;
    if (notice)
      socket.receive({
        type: 'fleet',
        seq: answered.seq,
        errors: notice.errors ?? answered.errors,
        ...(notice.left?.length ? { left: notice.left } : {}),
      });
    const sent = sentWindows.get(socket) ?? new Map<string, string>();
    sentWindows.set(socket, sent);
    for (const request of message.views) {
      if (options.withhold?.(request.query)) continue;
      const window = answered.tree.window(request, answered.seq);
      const text = JSON.stringify(window);
      if (sent.get(request.id) === text) continue;
      sent.set(request.id, text);
      socket.receive(window);
    }
  };
  const open = <T>(
    make: (options: FleetConnectionOptions) => T,
    onMessage: (socket: FakeSocket, message: any) => void,
  ) =>
    make({
      url: async () => 'ws://backend/api/wecs/fleet',
      token: async () => 'token',
      openSocket: (url, protocols) => {
        const socket = new FakeSocket(url, protocols);
        sockets.push(socket);
        const send = socket.send.bind(socket);
        socket.send = data => {
          send(data);
          onMessage(socket, JSON.parse(data));
        };
        setTimeout(() => socket.open());
        return socket;
      },
    });
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
      await calls.reconnectCluster?.(name);
    },
    refreshClusters: async asked => {
      refreshed.push(asked);
      // The fleet-wide form names no cluster here: the fake knows no watches.
      const names = asked?.cluster ? [asked.cluster] : [];
      return {
        items: names.map(cluster => ({
          cluster,
          types: 1,
          lists: 1,
          at: new Date().toISOString(),
        })),
      };
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
    searchFleet: searchRecorded,
    connectFleet: () =>
      open(
        connection => new FleetConnection(connection),
        (socket, message) => {
          if (message.type !== 'subscribe') return;
          subscriptions.push(message.filters);
          socket.filters = message.filters ?? {};
          const reply = answer(message.filters);
          setTimeout(() =>
            'dropWith' in reply
              ? socket.drop(1006, reply.dropWith)
              : socket.receive(reply),
          );
        },
      ),
    connectFleetViews: () =>
      open(
        connection =>
          new FleetViewConnection({
            ...connection,
            coalesceMs: 0,
            searchOverHttp: searchRecorded,
          }),
        (socket, message: FleetClientMessage) => {
          if (message.type === 'search') {
            const { type, id, ...query } = message;
            searchRecorded(query).then(
              found => socket.receive({ type: 'found', search: id, ...found }),
              error =>
                socket.receive({
                  type: 'error',
                  search: id,
                  message: error.message,
                }),
            );
            return;
          }
          if (message.type !== 'views') return;
          views.push(message);
          const first = !socket.views;
          socket.views = message;
          socket.filters = message.filters ?? {};
          const reply = answer(message.filters ?? {});
          setTimeout(() => {
            if ('dropWith' in reply) socket.drop(1006, reply.dropWith);
            else sendViews(socket, first ? {} : undefined);
          });
        },
      ),
  };
  const refreshViews = (notice?: { errors?: string[]; left?: string[] }) =>
    sockets.forEach(socket => sendViews(socket, notice));
  return {
    api,
    subscriptions,
    views,
    searches,
    sockets,
    reconnected,
    refreshed,
    refreshViews,
  };
}
