import {
  AddressInfo,
  createConnection,
  createServer,
  Server,
  Socket,
} from 'node:net';

interface Connection {
  client: Socket;
  upstream: Socket;
}

/**
 * A TCP proxy in front of an API server that breaks the network the ways real networks break:
 * refused connections, connections cut mid-stream, and connections that go silent without
 * closing. TLS passes through untouched, so clients still verify the API server itself.
 */
export class FaultProxy {
  private server?: Server;
  private readonly open = new Set<Connection>();
  private stalled = false;
  private boundPort = 0;

  constructor(
    private readonly upstreamPort: number,
    private readonly host = '127.0.0.1',
  ) {}

  get port() {
    return this.boundPort;
  }

  get reachable() {
    return Boolean(this.server?.listening);
  }

  get connectionCount() {
    return this.open.size;
  }

  /** Listens on `port`, or on a free port the first time. */
  async start(port = this.boundPort) {
    if (this.reachable) return;
    const server = createServer(client => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, this.host, () => resolve());
    });
    this.server = server;
    this.boundPort = (server.address() as AddressInfo).port;
  }

  /** Stops listening and drops every connection: clients see ECONNREFUSED until `start`. */
  async stop() {
    const server = this.server;
    this.server = undefined;
    this.cutConnections();
    if (server) await new Promise(resolve => server.close(resolve));
  }

  /** Drops every open connection, as a restarting load balancer would; new ones go through. */
  cutConnections() {
    for (const connection of [...this.open]) this.drop(connection);
  }

  /**
   * While stalled, every connection, open or new, stops carrying bytes without closing. When the
   * stall ends, new connections work again, but the ones it caught stay silent until their
   * clients give up on them: a half-dead TCP connection behind a NAT looks exactly like this.
   */
  setStalled(stalled: boolean) {
    this.stalled = stalled;
    if (stalled) for (const connection of this.open) this.silence(connection);
  }

  private accept(client: Socket) {
    const upstream = createConnection(this.upstreamPort, this.host);
    const connection = { client, upstream };
    this.open.add(connection);
    client.on('error', () => this.drop(connection));
    upstream.on('error', () => this.drop(connection));
    client.on('close', () => this.drop(connection));
    upstream.on('close', () => this.drop(connection));
    client.pipe(upstream);
    upstream.pipe(client);
    if (this.stalled) this.silence(connection);
  }

  private silence(connection: Connection) {
    connection.client.unpipe(connection.upstream);
    connection.upstream.unpipe(connection.client);
    connection.client.pause();
    connection.upstream.pause();
  }

  private drop(connection: Connection) {
    if (!this.open.delete(connection)) return;
    connection.client.destroy();
    connection.upstream.destroy();
  }
}
