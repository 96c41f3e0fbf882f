import {
  ClusterMembershipAction,
  FleetServerMessage,
  FleetViewsMessage,
  LiveTransport,
  WecsClusterActionResult,
} from '@kubestellar/plugin-wecs-common';
import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
import { FakeFleetTree } from './fakeFleetTree';
import { clustersSnapshot, clusterStatus, slimResource } from './fixtures';

/** What the views of the fake backend show: cluster1 and its Deployment `web`. */
const VIEWS_FLEET = {
  clusters: [clusterStatus('cluster1')],
  resources: [slimResource('Deployment', 'web', { labels: { app: 'web' } })],
};

/** The messages a views message gets: the fleet notice, then each view's window. */
function answerViews(message: FleetViewsMessage): FleetServerMessage[] {
  const tree = new FakeFleetTree(VIEWS_FLEET, message.filters);
  return [
    { type: 'fleet', seq: 1, errors: [] },
    ...message.views.map(view => tree.window(view, 1)),
  ];
}

/**
 * A backend on loopback that speaks the HTTP side of the live protocol, as the backend plugin
 * does: `/health` with the transports it offers, Server-Sent Events on `/fleet/stream`, one
 * snapshot (or, for views, the array of messages) on `/fleet/snapshot`, `/search` over
 * cluster1's Deployment `web`, a two-line log on `/logs/stream`, and Accept and Detach on
 * `/clusters/:name/:action` for the clusters in `membership`. `streams` says how a fleet
 * stream request is answered.
 */
export class FakeLiveBackend {
  transports: LiveTransport[] = ['websocket', 'http-stream'];
  /** `events`: a snapshot, then the stream stays open; `silent`: headers, then the end. */
  streams: 'events' | 'silent' | 'forbidden' = 'events';
  up = true;
  /** The clusters the ITS knows, joined or pending; Accept and Detach move them. */
  membership: Record<string, 'joined' | 'pending'> = {
    cluster1: 'joined',
    cluster3: 'pending',
  };
  /** Whether the caller holds `wecs.clusters.manage`. */
  mayManageClusters = true;
  readonly requests: string[] = [];
  readonly subscriptions: unknown[] = [];
  private readonly server: Server;
  private readonly open = new Set<ServerResponse>();

  constructor() {
    this.server = createServer((req, res) => this.answer(req, res));
  }

  async start() {
    await new Promise<void>(resolve =>
      this.server.listen(0, '127.0.0.1', resolve),
    );
    return `http://127.0.0.1:${
      (this.server.address() as AddressInfo).port
    }/api/wecs`;
  }

  async stop() {
    this.open.forEach(res => res.destroy());
    this.server.closeAllConnections();
    await new Promise(resolve => this.server.close(resolve));
  }

  get openStreams() {
    return this.open.size;
  }

  private async answer(req: IncomingMessage, res: ServerResponse) {
    let body = '';
    for await (const chunk of req) body += chunk;
    this.requests.push(`${req.method} ${req.url}`);
    if (!this.up) {
      res.writeHead(503).end();
      return;
    }
    const snapshot = clustersSnapshot([clusterStatus('cluster1')]);
    const url = new URL(req.url ?? '/', 'http://backend');
    const membership = url.pathname.match(
      /^\/api\/wecs\/clusters\/([^/]+)\/(accept|detach)$/,
    );
    if (membership && req.method === 'POST') {
      this.changeMembership(
        res,
        decodeURIComponent(membership[1]),
        membership[2] as ClusterMembershipAction,
      );
      return;
    }
    const refresh = url.pathname.match(
      /^\/api\/wecs\/(?:clusters\/([^/]+)\/)?refresh$/,
    );
    if (refresh && req.method === 'POST') {
      // One cluster named, or the fleet's only one, listed again.
      const cluster = refresh[1] ? decodeURIComponent(refresh[1]) : 'cluster1';
      res.setHeader('Content-Type', 'application/json');
      res.end(
        JSON.stringify({
          items: [
            { cluster, types: 2, lists: 2, at: new Date().toISOString() },
          ],
        }),
      );
      return;
    }
    switch (url.pathname) {
      case '/api/wecs/health':
        res.setHeader('Content-Type', 'application/json');
        res.end(
          JSON.stringify({
            status: 'ok',
            uptimeSeconds: 1,
            transports: this.transports,
          }),
        );
        return;
      case '/api/wecs/fleet/snapshot': {
        const message = JSON.parse(body);
        this.subscriptions.push(message);
        res.setHeader('Content-Type', 'application/json');
        res.end(
          JSON.stringify(
            message.type === 'views' ? answerViews(message) : snapshot,
          ),
        );
        return;
      }
      case '/api/wecs/search': {
        const tree = new FakeFleetTree(VIEWS_FLEET, {
          kinds: url.searchParams.getAll('kind'),
          clusters: url.searchParams.getAll('cluster'),
        });
        try {
          const answer = tree.search({
            name: url.searchParams.get('name') ?? undefined,
            selector: url.searchParams.get('selector') ?? undefined,
            object: url.searchParams.get('object') ?? undefined,
            offset: Number(url.searchParams.get('offset') ?? 0),
            limit: Number(url.searchParams.get('limit') ?? 100),
          });
          res.setHeader('Content-Type', 'application/json');
          res.end(JSON.stringify(answer));
        } catch (error) {
          res.writeHead(400, { 'Content-Type': 'application/json' });
          res.end(
            JSON.stringify({
              error: { name: 'InputError', message: (error as Error).message },
              response: { statusCode: 400 },
            }),
          );
        }
        return;
      }
      case '/api/wecs/fleet/stream': {
        const message = JSON.parse(body);
        this.subscriptions.push(message);
        if (this.streams === 'forbidden') {
          res.writeHead(403, { 'Content-Type': 'application/json' });
          res.end(
            JSON.stringify({
              error: {
                name: 'NotAllowedError',
                message: 'Permission wecs.resources.read is required',
              },
              response: { statusCode: 403 },
            }),
          );
          return;
        }
        res.writeHead(200, { 'Content-Type': 'text/event-stream' });
        if (this.streams === 'silent') {
          res.end();
          return;
        }
        this.open.add(res);
        res.on('close', () => this.open.delete(res));
        if (message.type === 'views')
          answerViews(message).forEach(m => this.send(res, m));
        else this.send(res, snapshot);
        return;
      }
      case '/api/wecs/logs/stream': {
        res.writeHead(200, { 'Content-Type': 'text/event-stream' });
        const source = {
          pod: url.searchParams.get('pod') ?? '',
          container: 'web',
        };
        res.write(
          `data: ${JSON.stringify({ type: 'sources', sources: [source] })}\n\n`,
        );
        res.write(
          `data: ${JSON.stringify({
            type: 'lines',
            lines: [
              { ...source, text: 'INFO started' },
              { ...source, text: 'ERROR broke' },
            ],
          })}\n\n`,
        );
        res.end(`data: ${JSON.stringify({ type: 'end' })}\n\n`);
        return;
      }
      default:
        res.writeHead(404).end();
    }
  }

  /** Answers Accept and Detach as the backend does: the result, or 403, 404 or 409. */
  private changeMembership(
    res: ServerResponse,
    cluster: string,
    action: ClusterMembershipAction,
  ) {
    const fail = (status: number, name: string, message: string) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          error: { name, message },
          response: { statusCode: status },
        }),
      );
    };
    const now = this.membership[cluster];
    if (!this.mayManageClusters)
      return fail(
        403,
        'NotAllowedError',
        'Permission wecs.clusters.manage is required',
      );
    if (!now)
      return fail(404, 'NotFoundError', `The ITS has no cluster ${cluster}`);
    if ((action === 'accept') === (now === 'joined'))
      return fail(
        409,
        'ConflictError',
        `${cluster} is ${now}: ${action} does not apply`,
      );
    this.membership[cluster] = action === 'accept' ? 'joined' : 'pending';
    const result: WecsClusterActionResult = {
      cluster,
      action,
      message:
        action === 'accept'
          ? `Accepted ${cluster} and approved 1 certificate signing request`
          : `Detached ${cluster}: the hub no longer accepts it`,
    };
    res.setHeader('Content-Type', 'application/json');
    return res.end(JSON.stringify(result));
  }

  /** Sends a message on every open stream. */
  broadcast(message: FleetServerMessage) {
    this.open.forEach(res => this.send(res, message));
  }

  private send(res: ServerResponse, message: FleetServerMessage) {
    res.write(`data: ${JSON.stringify(message)}\n\n`);
  }
}
