import {
  AddressInfo,
  createConnection,
  createServer,
  Server,
  Socket,
} from 'node:net';
import { FaultProxy } from './FaultProxy';

/** A client of the proxy that records what the echo server sends back, and how it ended. */
function connect(port: number) {
  const socket = createConnection(port, '127.0.0.1');
  const received: string[] = [];
  let ended: string | undefined;
  socket.setEncoding('utf8');
  socket.on('data', chunk => received.push(String(chunk)));
  socket.on('error', error => (ended = (error as NodeJS.ErrnoException).code));
  socket.on('close', () => (ended = ended ?? 'closed'));
  return {
    socket,
    text: () => received.join(''),
    ended: () => ended,
  };
}

const until = async (what: string, check: () => boolean) => {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 10));
  }
  return true;
};

describe('FaultProxy', () => {
  let echo: Server;
  let proxy: FaultProxy;
  const clients: Socket[] = [];

  beforeEach(async () => {
    echo = createServer(socket => socket.pipe(socket));
    await new Promise<void>(resolve => echo.listen(0, '127.0.0.1', resolve));
    proxy = new FaultProxy((echo.address() as AddressInfo).port);
    await proxy.start();
  });

  afterEach(async () => {
    clients.forEach(c => c.destroy());
    await proxy.stop();
    await new Promise(resolve => echo.close(resolve));
  });

  const open = () => {
    const client = connect(proxy.port);
    clients.push(client.socket);
    return client;
  };

  it('passes bytes both ways', async () => {
    const client = open();
    client.socket.write('hello');
    await expect(
      until('the echo', () => client.text() === 'hello'),
    ).resolves.toBe(true);
  });

  it('cuts open connections and accepts new ones', async () => {
    const client = open();
    client.socket.write('a');
    await until('the echo', () => client.text() === 'a');
    proxy.cutConnections();
    await expect(
      until('the cut', () => client.ended() !== undefined),
    ).resolves.toBe(true);
    const next = open();
    next.socket.write('b');
    await expect(
      until('the next echo', () => next.text() === 'b'),
    ).resolves.toBe(true);
  });

  it('refuses connections while stopped, on the same port after', async () => {
    const port = proxy.port;
    await proxy.stop();
    const refused = open();
    await until('the refusal', () => refused.ended() !== undefined);
    expect(refused.ended()).toBe('ECONNREFUSED');
    await proxy.start();
    expect(proxy.port).toBe(port);
    const client = open();
    client.socket.write('back');
    await expect(
      until('the echo', () => client.text() === 'back'),
    ).resolves.toBe(true);
  });

  it('leaves connections caught in a stall silent after it ends', async () => {
    const caught = open();
    caught.socket.write('1');
    await until('the echo', () => caught.text() === '1');
    proxy.setStalled(true);
    caught.socket.write('2');
    await new Promise(resolve => setTimeout(resolve, 100));
    proxy.setStalled(false);
    caught.socket.write('3');
    const fresh = open();
    fresh.socket.write('new');
    await until('the fresh echo', () => fresh.text() === 'new');
    expect(caught.text()).toBe('1');
    expect(caught.ended()).toBeUndefined();
  });
});
