import {
  Agent,
  createServer,
  request as httpsRequest,
  Server,
} from 'node:https';
import {
  IncomingMessage,
  OutgoingHttpHeaders,
  ServerResponse,
} from 'node:http';
import { Duplex } from 'node:stream';
import {
  cachedReviews,
  reviewToken,
  TokenIdentity,
  TokenReviewUnavailable,
} from './tokenReview';
import { listenTracked } from '../listen';

/** What the hub knows of a cluster the proxy may reach. */
export interface ProxiedCluster {
  /** Base URL of the cluster's kube-apiserver. */
  url: string;
  /** Whether that API server answers (an unreachable one gets 502). */
  reachable: boolean;
  /** Whether the cluster joined the hub: only then is its proxy agent connected. */
  joined: boolean;
}

export interface ClusterProxyOptions {
  /** Serving key and certificate (for the simulated fleet, its CA's, for 127.0.0.1 and localhost). */
  tls: { key: string; cert: string };
  /** The CA bundle the managed clusters' API servers are trusted with. */
  caCert: string;
  /** A cluster by name, or undefined when the hub has no ManagedCluster of that name. */
  resolveCluster(name: string): ProxiedCluster | undefined;
  /** A TokenReview on the hub: who a token is there, or undefined for a token it refuses. */
  reviewHubToken(token: string): Promise<TokenIdentity | undefined>;
  /**
   * The service-proxy's own service-account token on a cluster. RBAC there lets it impersonate
   * users, groups and uids and create tokenreviews.
   */
  serviceAccountToken(cluster: string): string;
  /**
   * A TokenReview on the managed cluster. By default one is sent to the cluster's API server
   * with the service-account token, as the service-proxy does.
   */
  reviewClusterToken?(
    cluster: string,
    token: string,
  ): Promise<TokenIdentity | undefined>;
  /** Address to listen on; 127.0.0.1 by default. */
  host?: string;
  /** Port to listen on; any free one by default. */
  port?: number;
}

/** Headers a proxy consumes itself instead of passing on (RFC 9110, as Go's ReverseProxy drops). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

const isImpersonation = (header: string) =>
  header.toLowerCase().startsWith('impersonate-');

const SERVICE_ACCOUNT_PREFIX = 'system:serviceaccount:';

/** A request the proxy answers itself, with the status and text Go's http.Error would send. */
class ProxyRefusal extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
  }
}

const noAgent = (why: string) =>
  new ProxyRefusal(
    502,
    `proxy to anp-proxy-server failed because No agent available: ${why}`,
  );

/** How Go words a refused or failed dial, which the tunnel reports back. */
function dialFailure(url: string, error?: NodeJS.ErrnoException) {
  const { host } = new URL(url);
  let why = error?.message ?? '';
  if (!error || error.code === 'ECONNREFUSED')
    why = 'connect: connection refused';
  else if (error.code === 'ECONNRESET') why = 'read: connection reset by peer';
  return new ProxyRefusal(
    502,
    `proxy to anp-proxy-server failed because dial tcp ${host}: ${why}`,
  );
}

/**
 * OCM cluster-proxy's user-server and each cluster's service-proxy, as one HTTPS server:
 * `https://HOST:PORT/<cluster>/<Kubernetes API path and query>` reaches that cluster's
 * kube-apiserver, with impersonation on as the addon enables it. A client that sends
 * `Impersonate-*` headers has them and its token passed on unchanged; a token the cluster itself
 * accepts is passed on unchanged; a token only the hub accepts is replaced by the proxy's
 * service-account token impersonating the hub user and its groups (a hub ServiceAccount as
 * `cluster:hub:system:serviceaccount:<ns>:<name>`); any other token gets 401. A cluster unknown
 * to the hub, not joined (no agent connected) or whose API server is down gets 502. Responses
 * stream through as they come (watches, followed logs), request bodies of any type pass on, and
 * status and headers come back as the API server sent them.
 */
export class ClusterProxyServer {
  private server?: Server;
  private readonly sockets = new Set<Duplex>();
  private readonly agent: Agent;
  private readonly reviewClusterToken: (
    cluster: string,
    token: string,
  ) => Promise<TokenIdentity | undefined>;
  private readonly reviewHubToken: (
    token: string,
  ) => Promise<TokenIdentity | undefined>;
  private boundPort = 0;

  constructor(private readonly options: ClusterProxyOptions) {
    this.agent = new Agent({ keepAlive: true, ca: options.caCert });
    this.reviewClusterToken = cachedReviews(
      options.reviewClusterToken
        ? (cluster, token) => options.reviewClusterToken!(cluster, token)
        : (cluster, token) => this.reviewAtCluster(cluster, token),
    );
    this.reviewHubToken = cachedReviews(token => options.reviewHubToken(token));
  }

  get url() {
    return `https://${this.options.host ?? '127.0.0.1'}:${this.boundPort}`;
  }

  async start(): Promise<string> {
    const server = createServer(
      { key: this.options.tls.key, cert: this.options.tls.cert },
      (req, res) => this.handle(req, res),
    );
    this.boundPort = await listenTracked(
      server,
      this.options.port ?? 0,
      this.options.host ?? '127.0.0.1',
      this.sockets,
    );
    this.server = server;
    return this.url;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    this.agent.destroy();
    if (server)
      await new Promise<void>(resolve => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    try {
      const { cluster, path } = targetOf(req.url ?? '/');
      const target = this.options.resolveCluster(cluster);
      if (!target)
        throw noAgent(
          `cluster "${cluster}" is not a managed cluster of the hub`,
        );
      if (!target.joined)
        throw noAgent(
          `the cluster-proxy agent of cluster "${cluster}" is not connected: the cluster has not joined the hub`,
        );
      if (!target.reachable) throw dialFailure(target.url);
      const headers = await this.authenticate(cluster, target, req);
      this.forward(req, res, target, path, headers);
    } catch (error) {
      const refusal =
        error instanceof ProxyRefusal
          ? error
          : new ProxyRefusal(500, (error as Error).message);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.writeHead(refusal.code, {
        'Content-Type': 'text/plain; charset=utf-8',
        'X-Content-Type-Options': 'nosniff',
      });
      res.end(`${refusal.message}\n`);
    }
  }

  /**
   * The headers the request goes on with: its own when it impersonates or the cluster takes its
   * token; the proxy's account impersonating the hub user when only the hub takes it.
   */
  private async authenticate(
    cluster: string,
    target: ProxiedCluster,
    req: IncomingMessage,
  ): Promise<OutgoingHttpHeaders> {
    const headers = forwardedHeaders(req);
    if (Object.keys(headers).some(isImpersonation)) return headers;
    const token = /^Bearer\s+(\S+)$/i.exec(
      req.headers.authorization ?? '',
    )?.[1];
    const unauthorized = new ProxyRefusal(
      401,
      'authentication failed: token is neither valid for managed cluster nor hub cluster',
    );
    if (!token) throw unauthorized;
    try {
      if (await this.reviewClusterToken(cluster, token)) return headers;
    } catch (error) {
      if (error instanceof TokenReviewUnavailable)
        throw dialFailure(target.url);
      throw error;
    }
    let hubUser: TokenIdentity | undefined;
    try {
      hubUser = await this.reviewHubToken(token);
    } catch (error) {
      throw new ProxyRefusal(
        401,
        `authentication failed: managed cluster auth: not authenticated, hub cluster auth error: ${
          (error as Error).message
        }`,
      );
    }
    if (!hubUser) throw unauthorized;
    // As in the service-proxy, no client impersonation header goes on with the proxy account.
    const impersonated: OutgoingHttpHeaders = Object.fromEntries(
      Object.entries(headers).filter(
        ([name]) =>
          !isImpersonation(name) && name.toLowerCase() !== 'authorization',
      ),
    );
    impersonated['Impersonate-User'] = hubUser.username.startsWith(
      SERVICE_ACCOUNT_PREFIX,
    )
      ? `cluster:hub:${hubUser.username}`
      : hubUser.username;
    if (hubUser.groups.length)
      impersonated['Impersonate-Group'] = hubUser.groups;
    impersonated.Authorization = `Bearer ${this.options.serviceAccountToken(
      cluster,
    )}`;
    return impersonated;
  }

  private reviewAtCluster(cluster: string, token: string) {
    const target = this.options.resolveCluster(cluster);
    if (!target) return Promise.resolve(undefined);
    return reviewToken(
      {
        url: target.url,
        caCert: this.options.caCert,
        token: this.options.serviceAccountToken(cluster),
      },
      token,
    );
  }

  /** Passes the request on and its response back, chunk by chunk, as they come. */
  private forward(
    req: IncomingMessage,
    res: ServerResponse,
    target: ProxiedCluster,
    path: string,
    headers: OutgoingHttpHeaders,
  ) {
    const upstream = httpsRequest(new URL(path, target.url), {
      method: req.method,
      agent: this.agent,
      headers: {
        ...headers,
        'X-Forwarded-For': req.socket.remoteAddress ?? '',
      },
    });
    upstream.on('response', answer => {
      res.writeHead(answer.statusCode ?? 502, passedHeaders(answer.rawHeaders));
      // Headers go out at once, so that a watch's client sees its 200 before any event.
      res.flushHeaders();
      answer.pipe(res);
      answer.on('aborted', () => res.destroy());
      answer.on('error', () => res.destroy());
    });
    upstream.on('error', error => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const refusal = dialFailure(target.url, error);
      res.writeHead(refusal.code, {
        'Content-Type': 'text/plain; charset=utf-8',
        'X-Content-Type-Options': 'nosniff',
      });
      res.end(`${refusal.message}\n`);
    });
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  }
}

/**
 * The cluster and the API path a request names, `/<cluster>/<path>?<query>`; like the
 * user-server, a URL with nothing after the cluster is refused.
 */
function targetOf(url: string): { cluster: string; path: string } {
  const match = /^\/([^/?]+)\/([^?]*)(\?.*)?$/.exec(url);
  if (!match) {
    throw new ProxyRefusal(
      400,
      `requestURL format not correct, path more than 2: ${url}`,
    );
  }
  return {
    cluster: decodeURIComponent(match[1]),
    path: `/${match[2]}${match[3] ?? ''}`,
  };
}

/** The request's end-to-end headers, repeated ones (Impersonate-Group) kept apart. */
function forwardedHeaders(req: IncomingMessage): OutgoingHttpHeaders {
  const headers: Record<string, string | string[]> = {};
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i];
    const lower = name.toLowerCase();
    if (HOP_BY_HOP.has(lower) || lower === 'host') continue;
    const existing = Object.keys(headers).find(k => k.toLowerCase() === lower);
    const value = req.rawHeaders[i + 1];
    if (existing === undefined) headers[name] = value;
    else headers[existing] = ([] as string[]).concat(headers[existing], value);
  }
  return headers;
}

/** The response's headers as a flat name, value list, hop-by-hop ones left out. */
function passedHeaders(raw: string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    if (!HOP_BY_HOP.has(raw[i].toLowerCase())) kept.push(raw[i], raw[i + 1]);
  }
  return kept;
}
