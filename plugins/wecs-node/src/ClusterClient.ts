import { KubeConfig } from '@kubernetes/client-node';
import { createHash } from 'node:crypto';
import { OutgoingHttpHeaders, request as httpRequest } from 'node:http';
import {
  ClientHttp2Session,
  ClientHttp2Stream,
  connect as http2Connect,
  constants,
  IncomingHttpHeaders,
} from 'node:http2';
import { request as httpsRequest, RequestOptions } from 'node:https';
import { isIP } from 'node:net';
import { PassThrough, Readable } from 'node:stream';
import { connect as tlsConnect, TLSSocket } from 'node:tls';

/** How long a request waits for its response's status and headers. */
const RESPONSE_TIMEOUT_MS = 30_000;
/**
 * How often a connection with requests open is pinged, and how long the answer may take, as
 * client-go's HTTP/2 health check does: a connection that died silently (a NAT that forgot
 * it) is replaced instead of taking every watch on it down with it.
 */
const PING_INTERVAL_MS = 30_000;
const PING_TIMEOUT_MS = 15_000;
/** A connection without requests for this long is closed (its cluster left, say). */
const IDLE_CLOSE_MS = 60_000;
/** Headers HTTP/1.1 has and HTTP/2 forbids. */
const HTTP1_ONLY_HEADERS = new Set([
  'connection',
  'host',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
]);

/** One HTTP/2 connection to the API server, shared by the client's requests. */
interface SharedConnection {
  /** The TLS settings it was made with: other settings (a rotated certificate) need another. */
  tlsKey: string;
  /** Resolves undefined when the server speaks HTTP/1.1 only. */
  session: Promise<ClientHttp2Session | undefined>;
}

/**
 * A non-2xx answer of a Kubernetes API server, with its Status object when it sent one.
 *
 * @public
 */
export class KubeApiError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly status?: { reason?: string; code?: number; message?: string },
  ) {
    super(message);
    this.name = 'KubeApiError';
  }
}

/**
 * One request to an API server.
 *
 * @public
 */
export interface RequestSpec {
  method?: string;
  body?: string;
  contentType?: string;
  accept?: string;
  signal?: AbortSignal;
}

/**
 * Headers a {@link ClusterClient} adds to every request, e.g. `Impersonate-User` and
 * `Impersonate-Group` for a cluster-proxy configured to forward them.
 *
 * @public
 */
export interface ClusterClientOptions {
  headers?: Record<string, string | string[]>;
}

/**
 * HTTP access to one cluster's API server with the credentials of one kubeconfig context:
 * client certificates, bearer tokens and exec or OIDC plugins, as `@kubernetes/client-node`
 * applies them. Responses are streamed, so watches and logs flow as they arrive.
 *
 * @public
 */
export class ClusterClient {
  private readonly kubeConfig: KubeConfig;
  private fingerprintOnce?: string;
  /** Whether the server answered the TLS handshake without offering HTTP/2. */
  private http1Only = false;
  private connection?: SharedConnection;

  constructor(
    base: KubeConfig,
    readonly context: string,
    private readonly options: ClusterClientOptions = {},
  ) {
    // A KubeConfig per cluster: client-node caches exec credentials per user name. It holds
    // the context's own cluster and user only: a copy of the whole file for every context
    // cost a kubeconfig of 100 contexts 200 ms of parsing each time it changed.
    const contextObject = base.getContextObject(context);
    const cluster = contextObject && base.getCluster(contextObject.cluster);
    const user = contextObject?.user && base.getUser(contextObject.user);
    this.kubeConfig = new KubeConfig();
    this.kubeConfig.loadFromOptions({
      clusters: cluster ? [cluster] : [],
      users: user ? [user] : [],
      contexts: contextObject ? [contextObject] : [],
      currentContext: context,
    });
  }

  /**
   * A digest of everything that decides how this client reaches its API server (server,
   * certificate authority, credentials, headers): two clients with the same fingerprint are
   * interchangeable, a changed one means rotated credentials or a moved server.
   */
  get fingerprint(): string {
    // The client's kubeconfig and headers never change after construction.
    this.fingerprintOnce ??= createHash('sha256')
      .update(
        JSON.stringify([
          this.kubeConfig.getCurrentCluster(),
          this.kubeConfig.getCurrentUser(),
          this.options.headers ?? {},
        ]),
      )
      .digest('hex')
      .slice(0, 16);
    return this.fingerprintOnce;
  }

  get server(): string {
    return this.kubeConfig.getCurrentCluster()?.server ?? '';
  }

  /**
   * Opens a request and resolves with the response's body once a 2xx status arrived. Over
   * HTTPS it goes on the client's one HTTP/2 connection when the server offers HTTP/2, as
   * client-go's requests do (a cluster's twenty watches then hold one TLS connection, not
   * twenty), else over HTTP/1.1, as it does through a proxy.
   */
  async open(path: string, spec: RequestSpec = {}): Promise<Readable> {
    const url = new URL(this.server.replace(/\/$/, '') + path);
    const options: RequestOptions = {
      method: spec.method ?? 'GET',
      headers: {
        ...this.options.headers,
        Accept: spec.accept ?? 'application/json',
        ...(spec.body !== undefined
          ? {
              'Content-Type': spec.contentType ?? 'application/json',
              'Content-Length': Buffer.byteLength(spec.body),
            }
          : {}),
      },
    };
    await this.kubeConfig.applyToHTTPSOptions(options);
    // client-node gives every request an agent of its own; through a proxy it must be used.
    const proxied = Boolean(this.kubeConfig.getCurrentCluster()?.proxyUrl);
    if (url.protocol === 'https:' && !proxied && !this.http1Only) {
      const session = await this.sharedSession(url, options);
      if (session) return openStream(session, url, options, spec);
    }
    const send = url.protocol === 'http:' ? httpRequest : httpsRequest;
    return new Promise<Readable>((resolve, reject) => {
      const req = send(url, { ...options, signal: spec.signal }, response => {
        const code = response.statusCode ?? 0;
        if (code >= 200 && code < 300) {
          resolve(response);
          return;
        }
        readAll(response)
          .then(text => reject(apiError(code, text, url.pathname)))
          .catch(reject);
      });
      req.on('error', reject);
      req.setTimeout(RESPONSE_TIMEOUT_MS, () =>
        req.destroy(new Error(`no response from ${url.host} within 30s`)),
      );
      if (spec.body !== undefined) req.write(spec.body);
      req.end();
      // Only the connection and the headers are subject to the request timeout.
      req.once('response', response => response.socket?.setTimeout(0));
    });
  }

  /**
   * Pings the shared HTTP/2 connection, if there is one, and closes it (its requests fail, the
   * next ones open another) when no answer comes within `timeoutMs`: before work that must
   * not wait on a connection a network silently dropped (a refresh, a reconnect). Never
   * rejects.
   */
  async checkConnection(timeoutMs = 5_000): Promise<void> {
    const session = await this.connection?.session.catch(() => undefined);
    if (!session || session.closed || session.destroyed) return;
    await new Promise<void>(resolve => {
      const timer = setTimeout(() => {
        session.destroy();
        resolve();
      }, timeoutMs);
      const sent = session.ping(error => {
        clearTimeout(timer);
        if (error) session.destroy();
        resolve();
      });
      if (!sent) {
        clearTimeout(timer);
        resolve();
      }
    });
  }

  /**
   * The HTTP/2 connection for requests with these TLS options: the open one, or a new one;
   * undefined when the server speaks HTTP/1.1 only (remembered for the client's lifetime).
   */
  private async sharedSession(
    url: URL,
    options: RequestOptions,
  ): Promise<ClientHttp2Session | undefined> {
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const tls = {
      ca: options.ca,
      cert: options.cert,
      key: options.key,
      pfx: options.pfx,
      passphrase: options.passphrase,
      rejectUnauthorized: options.rejectUnauthorized,
      servername: options.servername ?? (isIP(host) ? undefined : host),
    };
    const tlsKey = createHash('sha256')
      .update(JSON.stringify(tls))
      .digest('hex');
    const current = this.connection;
    if (current?.tlsKey === tlsKey) {
      const session = await current.session;
      if (!session || !(session.closed || session.destroyed)) {
        if (!session) this.http1Only = true;
        return session;
      }
    }
    // Other TLS settings (a client certificate an exec plugin renewed): the old connection
    // ends once its requests have.
    void current?.session.then(
      session => session?.close(),
      () => undefined,
    );
    const connection: SharedConnection = {
      tlsKey,
      session: connectHttp2(url, host, tls).then(session => {
        if (!session) {
          this.http1Only = true;
          return undefined;
        }
        session.once('close', () => {
          if (this.connection === connection) this.connection = undefined;
        });
        return session;
      }),
    };
    this.connection = connection;
    connection.session.catch(() => {
      if (this.connection === connection) this.connection = undefined;
    });
    return connection.session;
  }

  async getJson<T = any>(path: string, signal?: AbortSignal): Promise<T> {
    return JSON.parse(await readAll(await this.open(path, { signal }))) as T;
  }

  async sendJson<T = any>(
    method: string,
    path: string,
    body: unknown,
    contentType?: string,
  ): Promise<T> {
    const response = await this.open(path, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
      contentType,
    });
    const text = await readAll(response);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

/**
 * Connects over TLS offering HTTP/2 and HTTP/1.1, as client-go does: an HTTP/2 session when the
 * server picks HTTP/2, else undefined (the socket closed). The session is pinged while requests
 * are open on it, and closed when a ping goes unanswered or a response never comes.
 */
function connectHttp2(
  url: URL,
  host: string,
  tls: Record<string, unknown>,
): Promise<ClientHttp2Session | undefined> {
  return new Promise((resolve, reject) => {
    const socket: TLSSocket = tlsConnect({
      host,
      port: Number(url.port || 443),
      ...tls,
      ALPNProtocols: ['h2', 'http/1.1'],
    });
    const timer = setTimeout(
      () =>
        socket.destroy(new Error(`no response from ${url.host} within 30s`)),
      RESPONSE_TIMEOUT_MS,
    );
    socket.once('error', error => {
      clearTimeout(timer);
      reject(error);
    });
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      if (socket.alpnProtocol !== 'h2') {
        socket.destroy();
        resolve(undefined);
        return;
      }
      const session = http2Connect(url.origin, {
        createConnection: () => socket,
      });
      // A broken connection fails the requests on it; each says so to its reader.
      session.on('error', () => undefined);
      keepHealthy(session);
      resolve(session);
    });
  });
}

/**
 * Holds the process open only while requests are open on the session (as an HTTP/1.1 socket
 * does), pings it meanwhile, and closes it once it has been idle for a while.
 */
function keepHealthy(session: ClientHttp2Session) {
  let open = 0;
  let pinger: ReturnType<typeof setInterval> | undefined;
  let idle: ReturnType<typeof setTimeout> | undefined;
  const stopPinging = () => {
    clearInterval(pinger);
    pinger = undefined;
  };
  const closeWhenIdle = () => {
    idle = setTimeout(() => session.close(), IDLE_CLOSE_MS);
    idle.unref?.();
  };
  session.unref();
  closeWhenIdle();
  session.on('close', () => {
    stopPinging();
    clearTimeout(idle);
  });
  (session as SessionWithCounter).streamOpened = () => {
    clearTimeout(idle);
    if (open++ === 0) session.ref();
    pinger ??= setInterval(() => {
      const timer = setTimeout(() => session.destroy(), PING_TIMEOUT_MS);
      const sent = session.ping(error => {
        clearTimeout(timer);
        if (error) session.destroy();
      });
      if (!sent) clearTimeout(timer);
    }, PING_INTERVAL_MS);
    pinger.unref?.();
  };
  (session as SessionWithCounter).streamClosed = () => {
    if (--open > 0) return;
    session.unref();
    stopPinging();
    closeWhenIdle();
  };
}

type SessionWithCounter = ClientHttp2Session & {
  streamOpened?: () => void;
  streamClosed?: () => void;
};

/** Opens a request on an HTTP/2 session; resolves with its body once a 2xx status arrived. */
function openStream(
  session: ClientHttp2Session,
  url: URL,
  options: RequestOptions,
  spec: RequestSpec,
): Promise<Readable> {
  const headers: OutgoingHttpHeaders = {
    ':method': options.method ?? 'GET',
    ':path': `${url.pathname}${url.search}`,
  };
  for (const [name, value] of Object.entries(
    (options.headers ?? {}) as OutgoingHttpHeaders,
  )) {
    const lower = name.toLowerCase();
    if (!HTTP1_ONLY_HEADERS.has(lower) && value !== undefined)
      headers[lower] = value;
  }
  // Basic credentials, which client-node leaves to https.request's `auth`.
  if (options.auth && !headers.authorization)
    headers.authorization = `Basic ${Buffer.from(options.auth).toString(
      'base64',
    )}`;
  const counted = session as SessionWithCounter;
  const stream = session.request(headers, {
    endStream: spec.body === undefined,
    ...(spec.signal ? { signal: spec.signal } : {}),
  });
  counted.streamOpened?.();
  stream.once('close', () => counted.streamClosed?.());
  return new Promise<Readable>((resolve, reject) => {
    // A response that never comes means a dead connection: the next request opens another.
    const timer = setTimeout(() => {
      stream.destroy(new Error(`no response from ${url.host} within 30s`));
      session.destroy();
    }, RESPONSE_TIMEOUT_MS);
    stream.once('error', error => {
      clearTimeout(timer);
      reject(error);
    });
    let answered = false;
    // Closed before any answer: its connection went away (cancelled, so without an error).
    stream.once('close', () => {
      clearTimeout(timer);
      if (!answered)
        reject(new Error(`the connection to ${url.host} was lost`));
    });
    stream.once('response', (response: IncomingHttpHeaders) => {
      answered = true;
      clearTimeout(timer);
      const code = Number(response[':status'] ?? 0);
      if (code >= 200 && code < 300) {
        resolve(bodyOf(stream, url));
        return;
      }
      readAll(stream)
        .then(text => reject(apiError(code, text, url.pathname)))
        .catch(reject);
    });
    if (spec.body !== undefined) stream.end(spec.body);
  });
}

/**
 * A response's body as its reader sees it: an HTTP/2 stream cut short (its connection lost,
 * the server stopped) ends as if complete and closes with a cancel code, where an HTTP/1.1
 * response fails; the body fails then, so that a log stream knows to open again. Destroying
 * the body cancels the stream.
 */
function bodyOf(stream: ClientHttp2Stream, url: URL): Readable {
  const body = new PassThrough();
  stream.pipe(body, { end: false });
  stream.on('error', error => body.destroy(error));
  stream.once('close', () => {
    if (stream.rstCode === constants.NGHTTP2_NO_ERROR) body.end();
    else body.destroy(new Error(`the connection to ${url.host} was lost`));
  });
  body.once('close', () => {
    if (!stream.closed) stream.close(constants.NGHTTP2_CANCEL);
  });
  return body;
}

/**
 * Reads a response to its end as text.
 *
 * @public
 */
export function readAll(stream: Readable): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    stream.setEncoding('utf8');
    stream.on('data', chunk => (text += chunk));
    stream.on('end', () => resolve(text));
    stream.on('error', reject);
  });
}

function apiError(code: number, text: string, path: string): KubeApiError {
  try {
    const status = JSON.parse(text);
    if (status?.kind === 'Status') {
      return new KubeApiError(code, status.message ?? `HTTP ${code}`, status);
    }
  } catch {
    // not JSON
  }
  return new KubeApiError(
    code,
    `HTTP ${code} from ${path}${text ? `: ${text.slice(0, 200)}` : ''}`,
  );
}
