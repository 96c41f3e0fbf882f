/**
 * @jest-environment node
 */
import { FakeLiveBackend } from '../__testUtils__/FakeLiveBackend';
import { HttpStreamSocket } from './HttpStreamSocket';
import { LogLine, openLogStream } from './LogStream';

describe('HttpStreamSocket', () => {
  let backend: FakeLiveBackend;
  let baseUrl: string;

  beforeEach(async () => {
    backend = new FakeLiveBackend();
    baseUrl = await backend.start();
  });

  afterEach(() => backend.stop());

  it('closes with the backend’s own words when it refuses', async () => {
    backend.streams = 'forbidden';
    const socket = new HttpStreamSocket({
      url: `${baseUrl}/fleet/stream`,
      method: 'POST',
      fetch,
    });
    const closed = new Promise<{ code: number; reason: string }>(resolve => {
      socket.onclose = resolve;
    });
    socket.onopen = () => socket.send('{"type":"subscribe"}');
    expect(await closed).toEqual({
      code: 4403,
      reason: 'Permission wecs.resources.read is required',
    });
  });

  it('opens one request per subscription and drops the one before', async () => {
    const socket = new HttpStreamSocket({
      url: `${baseUrl}/fleet/stream`,
      method: 'POST',
      fetch,
    });
    const messages: unknown[] = [];
    socket.onmessage = event => messages.push(JSON.parse(String(event.data)));
    await new Promise(resolve => {
      socket.onopen = resolve;
    });
    socket.send('{"type":"subscribe","filters":{"kinds":["Pod"]}}');
    socket.send('{"type":"ping"}');
    await new Promise(resolve => setTimeout(resolve, 200));
    socket.send('{"type":"subscribe","filters":{"kinds":["Service"]}}');
    await new Promise(resolve => setTimeout(resolve, 200));
    expect(messages.map((m: any) => m.type)).toEqual(['snapshot', 'snapshot']);
    expect(backend.subscriptions).toEqual([
      { type: 'subscribe', filters: { kinds: ['Pod'] } },
      { type: 'subscribe', filters: { kinds: ['Service'] } },
    ]);
    expect(backend.openStreams).toBe(1);
    socket.close();
    await new Promise(resolve => setTimeout(resolve, 100));
    expect(backend.openStreams).toBe(0);
  });

  it('carries a log stream to its end, every line tagged', async () => {
    const lines: LogLine[] = [];
    const ended = new Promise<string | undefined>(resolve =>
      openLogStream(
        {
          url: async () => `${baseUrl}/logs/stream`,
          token: async () => undefined,
          openSocket: url =>
            new HttpStreamSocket({ url, method: 'GET', fetch }),
        },
        {
          cluster: 'cluster1',
          namespace: 'shop',
          pod: 'web-1',
          follow: true,
          previous: false,
        },
        {
          onSources: () => {},
          onLines: more => lines.push(...more),
          onSourceEnded: () => {},
          onEnd: resolve,
        },
      ),
    );
    expect(await ended).toBeUndefined();
    expect(
      lines.map(line => `${line.pod}/${line.container} ${line.text}`),
    ).toEqual(['web-1/web INFO started', 'web-1/web ERROR broke']);
  });
});
