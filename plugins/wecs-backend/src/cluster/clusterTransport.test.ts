import { KubeConfig } from '@kubernetes/client-node';
import { createFleetTls, FleetTls } from '@kubestellar/fleet-sim';
import { FaultProxy } from '@kubestellar/kwok-fleet';
import { ClusterClient, readAll } from '@kubestellar/plugin-wecs-node';
import { createServer as createHttpsServer } from 'node:https';
import { createSecureServer } from 'node:http2';
import { AddressInfo, Server, Socket } from 'node:net';

/**
 * How the cluster client reaches API servers: on one HTTP/2 connection when the server offers
 * HTTP/2 (as kube-apiserver does), over HTTP/1.1 when it does not.
 */
describe('ClusterClient transport', () => {
  let tls: FleetTls;
  /** Another CA's, which did not sign the servers' certificates. */
  let otherCa: string;
  beforeAll(async () => {
    tls = await createFleetTls();
    otherCa = (await createFleetTls()).caCert;
  }, 60_000);

  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(
      servers
        .splice(0)
        .map(server => new Promise(resolve => server.close(resolve))),
    );
  });

  /**
   * A server answering every path with the protocol it was asked over, counting connections,
   * and a client that trusts `caCert`.
   */
  async function serve(
    http2: boolean,
    caCert = tls.caCert,
    stream = false,
    proxy?: (port: number) => Promise<number>,
  ) {
    const answer = (req: any, res: any) => {
      res.setHeader('Content-Type', 'application/json');
      // A watch: the answer starts and never ends.
      if (stream && req.url === '/watch') {
        res.write('{"type":"ADDED"}\n');
        return;
      }
      res.end(
        JSON.stringify({
          path: req.url,
          protocol: req.httpVersion,
          user: req.headers.authorization,
        }),
      );
    };
    const options = { key: tls.key, cert: tls.cert };
    const server: Server = http2
      ? createSecureServer({ ...options, allowHTTP1: true }, answer)
      : createHttpsServer(options, answer);
    const connections: Socket[] = [];
    server.on('secureConnection', socket => connections.push(socket));
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    const served = (server.address() as AddressInfo).port;
    const port = proxy ? await proxy(served) : served;
    const config = new KubeConfig();
    config.loadFromOptions({
      clusters: [
        {
          name: 'c',
          server: `https://127.0.0.1:${port}`,
          caData: Buffer.from(caCert).toString('base64'),
          skipTLSVerify: false,
        },
      ],
      users: [{ name: 'u', token: 'a-token' }],
      contexts: [{ name: 'ctx', cluster: 'c', user: 'u' }],
      currentContext: 'ctx',
    });
    return { client: new ClusterClient(config, 'ctx'), connections };
  }

  it('sends concurrent requests on one HTTP/2 connection, with the credentials', async () => {
    const { client, connections } = await serve(true);
    const answers = await Promise.all(
      ['/api', '/apis', '/api/v1/pods', '/api/v1/nodes', '/version'].map(path =>
        client.getJson(path),
      ),
    );
    expect(answers.map(a => a.path)).toEqual([
      '/api',
      '/apis',
      '/api/v1/pods',
      '/api/v1/nodes',
      '/version',
    ]);
    expect(answers.every(a => a.protocol === '2.0')).toBe(true);
    expect(answers.every(a => a.user === 'Bearer a-token')).toBe(true);
    expect(connections).toHaveLength(1);
  });

  it('opens a new connection when the server closed the last one', async () => {
    const { client, connections } = await serve(true);
    await client.getJson('/api');
    connections[0].destroy();
    await new Promise(resolve => setTimeout(resolve, 50));
    expect((await client.getJson('/apis')).path).toBe('/apis');
    expect(connections).toHaveLength(2);
  });

  it('fails an open response when the server goes away, and the next request while it is down', async () => {
    const { client, connections } = await serve(true, tls.caCert, true);
    const body = await client.open('/watch');
    const failed = new Promise<Error>(resolve => body.once('error', resolve));
    body.resume();
    const server = servers[servers.length - 1];
    server.close();
    connections.forEach(socket => socket.destroy());
    expect((await failed).message).toMatch(/connection .* was lost/);
    await expect(client.getJson('/api')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('replaces a connection that no longer answers when asked to check it, and keeps one that does', async () => {
    let faults: FaultProxy | undefined;
    const { client, connections } = await serve(
      true,
      tls.caCert,
      false,
      async port => {
        faults = new FaultProxy(port);
        await faults.start();
        return faults.port;
      },
    );
    try {
      await client.getJson('/api');
      await client.checkConnection(1000);
      await client.getJson('/api');
      expect(connections).toHaveLength(1);
      // The network goes silent on it, as a NAT that forgot it: pings go unanswered.
      faults!.setStalled(true);
      faults!.setStalled(false);
      await client.checkConnection(200);
      expect((await client.getJson('/apis')).path).toBe('/apis');
      expect(connections).toHaveLength(2);
    } finally {
      await faults?.stop();
    }
  });

  it('speaks HTTP/1.1 to a server that does not offer HTTP/2', async () => {
    const { client } = await serve(false);
    const answers = await Promise.all([
      client.getJson('/api'),
      client.getJson('/apis'),
    ]);
    expect(answers.map(a => [a.path, a.protocol])).toEqual([
      ['/api', '1.1'],
      ['/apis', '1.1'],
    ]);
    const stream = await client.open('/version');
    expect(JSON.parse(await readAll(stream)).protocol).toBe('1.1');
  });

  it('refuses a server whose certificate its CA did not sign', async () => {
    const { client } = await serve(true, otherCa);
    await expect(client.getJson('/api')).rejects.toThrow(
      /self-signed|unable to verify|certificate/,
    );
  });
});
