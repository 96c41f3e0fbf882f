import { KubeConfig } from '@kubernetes/client-node';
import { createHash } from 'node:crypto';
import { IncomingMessage, request as httpRequest } from 'node:http';
import { request as httpsRequest, RequestOptions } from 'node:https';

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

  /** Opens a request and resolves with the response once a 2xx status arrived. */
  async open(path: string, spec: RequestSpec = {}): Promise<IncomingMessage> {
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
    const send = url.protocol === 'http:' ? httpRequest : httpsRequest;
    return new Promise<IncomingMessage>((resolve, reject) => {
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
      req.setTimeout(30_000, () =>
        req.destroy(new Error(`no response from ${url.host} within 30s`)),
      );
      if (spec.body !== undefined) req.write(spec.body);
      req.end();
    }).then(response => {
      // Only the connection and the headers are subject to the request timeout.
      response.socket?.setTimeout(0);
      return response;
    });
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
 * Reads a response to its end as text.
 *
 * @public
 */
export function readAll(stream: IncomingMessage): Promise<string> {
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
