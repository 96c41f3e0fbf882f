import { createServer, IncomingMessage, request, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import {
  expectEventStreamHeaders,
  readEventStream,
} from '../__testUtils__/eventStreamClient';
import { waitFor } from '../__testUtils__/simulatedFleet';
import { LiveChannel } from './channel';
import { openEventStream } from './eventStream';

type Message = { n: number; text?: string };

/** A server whose every request becomes an event stream handed to the test. */
async function serveEventStreams(keepAliveMs?: number) {
  const channels: Array<LiveChannel<Message>> = [];
  const server: Server = createServer((_req, res) =>
    channels.push(openEventStream<Message>(res, keepAliveMs)),
  );
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    channels,
    close() {
      server.closeAllConnections();
      server.close();
    },
  };
}

describe('openEventStream', () => {
  let served: Awaited<ReturnType<typeof serveEventStreams>>;

  beforeEach(async () => {
    served = await serveEventStreams(200);
  });

  afterEach(() => served.close());

  it('flushes its headers at once, then sends each message as one event', async () => {
    const stream = await readEventStream<Message>(served.url, {});
    // The headers arrived before any message was sent.
    expectEventStreamHeaders(stream.response);
    const [channel] = served.channels;
    channel.send({ n: 1, text: 'two\nlines' });
    channel.send({ n: 2 });
    await waitFor('two events', () => stream.messages.length === 2);
    expect(stream.messages).toEqual([{ n: 1, text: 'two\nlines' }, { n: 2 }]);
    channel.close();
    await stream.ended;
    expect(stream.error()).toBeUndefined();
  });

  it('keeps a quiet stream open with comments, which carry no message', async () => {
    const stream = await readEventStream<Message>(served.url, {});
    await waitFor('two keep-alive comments', () => stream.comments() >= 2);
    expect(stream.messages).toEqual([]);
    stream.close();
  });

  it('tells its listeners when the client goes, and sends nothing after', async () => {
    const stream = await readEventStream<Message>(served.url, {});
    const [channel] = served.channels;
    let closed = 0;
    channel.onClose(() => closed++);
    stream.close();
    await waitFor('the close', () => closed === 1);
    expect(() => channel.send({ n: 1 })).not.toThrow();
    // A listener added late is told at once.
    channel.onClose(() => closed++);
    expect(closed).toBe(2);
  });

  it('counts what a client has not read as buffered, until it reads', async () => {
    let response: IncomingMessage | undefined;
    const req = request(served.url, res => {
      response = res;
      res.pause();
    });
    req.end();
    await waitFor('the headers', () => response !== undefined);
    const [channel] = served.channels;
    const text = 'x'.repeat(1024 * 1024);
    for (let n = 0; n < 32; n++) channel.send({ n, text });
    await new Promise(resolve => setTimeout(resolve, 300));
    // Past what the network takes in, the rest waits in the response: the fan-out's measure
    // of a slow client (4 MB by default).
    expect(channel.bufferedAmount).toBeGreaterThan(4 * 1024 * 1024);
    response!.resume();
    await waitFor('the client to catch up', () => channel.bufferedAmount === 0);
    req.destroy();
  });
});
