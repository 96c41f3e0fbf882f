import { createServer, request, Server } from 'node:https';
import { IncomingHttpHeaders } from 'node:http';
import { AddressInfo } from 'node:net';
import { createFleetTls, FleetTls } from '../tls';
import { ClusterProxyServer, ProxiedCluster } from './ClusterProxyServer';

jest.setTimeout(30_000);

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** The proxy on its own, in front of an API server stand-in that shows what reached it. */
describe('ClusterProxyServer', () => {
  let tls: FleetTls;
  let upstream: Server;
  let upstreamUrl: string;
  let proxy: ClusterProxyServer;
  let releaseStream: () => void = () => {};

  const clusters: Record<string, () => ProxiedCluster> = {
    c1: () => ({ url: upstreamUrl, reachable: true, joined: true }),
    pending: () => ({ url: upstreamUrl, reachable: true, joined: false }),
    down: () => ({
      url: 'https://127.0.0.1:1',
      reachable: false,
      joined: true,
    }),
    // Said to be up, yet nothing listens there.
    refusing: () => ({
      url: 'https://127.0.0.1:1',
      reachable: true,
      joined: true,
    }),
  };

  const call = (
    path: string,
    options: {
      method?: string;
      token?: string;
      headers?: Record<string, string | string[]>;
      body?: string;
      onChunk?: (text: string) => void;
    } = {},
  ) =>
    new Promise<Reply>((resolve, reject) => {
      const req = request(new URL(path, proxy.url), {
        method: options.method ?? 'GET',
        ca: tls.caCert,
        agent: false,
        headers: {
          ...(options.token
            ? { Authorization: `Bearer ${options.token}` }
            : {}),
          ...options.headers,
        },
      });
      req.on('response', res => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', chunk => {
          text += chunk;
          options.onChunk?.(text);
        });
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, text }),
        );
      });
      req.on('error', reject);
      req.end(options.body);
    });

  /** What the stand-in API server received, as it echoes it. */
  const seen = (reply: Reply) => JSON.parse(reply.text);

  beforeAll(async () => {
    tls = await createFleetTls();
    upstream = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
      if (req.url === '/stream') {
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.write('first\n');
        releaseStream = () => res.end('second\n');
        return;
      }
      let body = '';
      req.on('data', chunk => (body += chunk));
      req.on('end', () => {
        res.writeHead(req.url === '/teapot' ? 418 : 200, {
          'Content-Type': 'application/json',
          'X-Upstream': 'stand-in',
        });
        res.end(
          JSON.stringify({
            method: req.method,
            url: req.url,
            headers: req.headersDistinct,
            body,
          }),
        );
      });
    });
    await new Promise<void>(resolve =>
      upstream.listen(0, '127.0.0.1', resolve),
    );
    upstreamUrl = `https://127.0.0.1:${
      (upstream.address() as AddressInfo).port
    }`;
    proxy = new ClusterProxyServer({
      tls: { key: tls.key, cert: tls.cert },
      caCert: tls.caCert,
      resolveCluster: name => clusters[name]?.(),
      reviewClusterToken: async (_cluster, token) =>
        token === 'cluster-token'
          ? { username: 'local', groups: ['system:authenticated'] }
          : undefined,
      reviewHubToken: async token => {
        if (token === 'hub-user')
          return {
            username: 'alice',
            groups: ['team-a', 'system:authenticated'],
          };
        if (token === 'hub-sa')
          return {
            username: 'system:serviceaccount:kubestellar:viewer',
            groups: ['system:serviceaccounts', 'system:authenticated'],
          };
        return undefined;
      },
      serviceAccountToken: cluster => `proxy-account-of-${cluster}`,
    });
    await proxy.start();
  });

  afterAll(async () => {
    await proxy.stop();
    upstream.closeAllConnections();
    await new Promise(resolve => upstream.close(resolve));
  });

  it('passes a token the cluster accepts on unchanged, path and query kept', async () => {
    const reply = await call('/c1/api/v1/pods?limit=5&watch=0', {
      token: 'cluster-token',
    });
    expect(reply.status).toBe(200);
    expect(reply.headers['x-upstream']).toBe('stand-in');
    expect(seen(reply)).toMatchObject({
      method: 'GET',
      url: '/api/v1/pods?limit=5&watch=0',
      headers: { authorization: ['Bearer cluster-token'] },
    });
    expect(seen(reply).headers['impersonate-user']).toBeUndefined();
  });

  it("passes a client's own impersonation headers and token on unchanged", async () => {
    const reply = await call('/c1/api', {
      token: 'anything',
      headers: {
        'Impersonate-User': 'bob',
        'Impersonate-Group': ['g1', 'g2'],
      },
    });
    expect(seen(reply).headers).toMatchObject({
      authorization: ['Bearer anything'],
      'impersonate-user': ['bob'],
      'impersonate-group': ['g1', 'g2'],
    });
  });

  it('impersonates a hub user with its own account, one group header a group', async () => {
    const reply = await call('/c1/apis/apps/v1/deployments', {
      token: 'hub-user',
    });
    expect(seen(reply).headers).toMatchObject({
      authorization: ['Bearer proxy-account-of-c1'],
      'impersonate-user': ['alice'],
      'impersonate-group': ['team-a', 'system:authenticated'],
    });
    const account = await call('/c1/api', { token: 'hub-sa' });
    expect(seen(account).headers['impersonate-user']).toEqual([
      'cluster:hub:system:serviceaccount:kubestellar:viewer',
    ]);
  });

  it('answers 401 for a token neither the cluster nor the hub accepts', async () => {
    for (const token of ['wrong', undefined]) {
      const reply = await call('/c1/api', { token });
      expect(reply.status).toBe(401);
      expect(reply.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(reply.text).toBe(
        'authentication failed: token is neither valid for managed cluster nor hub cluster\n',
      );
    }
  });

  it('answers 502 for a cluster the hub does not know, one not joined, and one down', async () => {
    const refusals = await Promise.all(
      ['nowhere', 'pending', 'down', 'refusing'].map(c =>
        call(`/${c}/api`, { token: 'cluster-token' }),
      ),
    );
    expect(refusals.map(r => r.status)).toEqual([502, 502, 502, 502]);
    expect(refusals.map(r => r.text)).toEqual([
      'proxy to anp-proxy-server failed because No agent available: cluster "nowhere" is not a managed cluster of the hub\n',
      'proxy to anp-proxy-server failed because No agent available: the cluster-proxy agent of cluster "pending" is not connected: the cluster has not joined the hub\n',
      'proxy to anp-proxy-server failed because dial tcp 127.0.0.1:1: connect: connection refused\n',
      'proxy to anp-proxy-server failed because dial tcp 127.0.0.1:1: connect: connection refused\n',
    ]);
    expect((await call('/c1', { token: 'cluster-token' })).status).toBe(400);
  });

  it('passes request bodies of any type on, and status and headers back', async () => {
    const reply = await call('/c1/teapot', {
      method: 'PATCH',
      token: 'cluster-token',
      headers: { 'Content-Type': 'application/apply-patch+yaml' },
      body: 'spec:\n  replicas: 2\n',
    });
    expect(reply.status).toBe(418);
    expect(reply.headers['content-type']).toBe('application/json');
    expect(seen(reply)).toMatchObject({
      method: 'PATCH',
      body: 'spec:\n  replicas: 2\n',
      headers: { 'content-type': ['application/apply-patch+yaml'] },
    });
  });

  it('streams a response chunk by chunk, without waiting for its end', async () => {
    let firstArrived: () => void;
    const first = new Promise<void>(resolve => (firstArrived = resolve));
    const reply = call('/c1/stream', {
      token: 'cluster-token',
      onChunk: text => text === 'first\n' && firstArrived(),
    });
    // The upstream holds the rest back until the first chunk reached the client.
    await first;
    releaseStream();
    expect((await reply).text).toBe('first\nsecond\n');
  });
});
