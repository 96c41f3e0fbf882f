import {
  LogServerMessage,
  SOCKET_CLOSE_CODES,
} from '@kubestellar/plugin-wecs-common';
import { LogLine, openLogStream } from './LogStream';
import type { SocketLike } from './ReconnectingSocket';

/** A socket the test drives: it opens, says what the test tells it, and drops. */
class FakeSocket implements SocketLike {
  readyState = 0;
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  closedByClient = false;
  constructor(readonly url: string) {}
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  say(message: LogServerMessage) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  drop(code = 1006, reason = '') {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }
  send() {}
  close() {
    this.closedByClient = true;
  }
}

const web = { pod: 'web-1', container: 'web' };
const line = (time: string, text: string) => ({ ...web, time, text });

describe('openLogStream', () => {
  let sockets: FakeSocket[];
  let lines: LogLine[];
  let reconnecting: Array<string | undefined>;
  let ended: Array<string | undefined>;
  const latest = () => sockets[sockets.length - 1];
  const settle = () => new Promise(resolve => setTimeout(resolve, 0));

  const open = () =>
    openLogStream(
      {
        url: async () => 'ws://backend/api/wecs/logs',
        token: async () => 'token',
        openSocket: url => {
          const socket = new FakeSocket(url);
          sockets.push(socket);
          return socket;
        },
        backoff: { initialMs: 1, maxMs: 1 },
      },
      {
        cluster: 'cluster1',
        namespace: 'shop',
        pod: 'web-1',
        tailLines: 100,
        follow: true,
        previous: false,
      },
      {
        onSources: () => {},
        onLines: more => lines.push(...more),
        onSourceEnded: () => {},
        onEnd: error => ended.push(error),
        onReconnecting: reason => reconnecting.push(reason),
      },
    );

  beforeEach(() => {
    sockets = [];
    lines = [];
    reconnecting = [];
    ended = [];
  });

  it('reconnects after a drop and resumes from the last line, repeating none', async () => {
    const close = open();
    await settle();
    const first = latest();
    expect(new URL(first.url).searchParams.get('tailLines')).toBe('100');
    expect(new URL(first.url).searchParams.get('allContainers')).toBe('true');
    first.open();
    first.say({ type: 'sources', sources: [web] });
    first.say({
      type: 'lines',
      lines: [
        line('2026-12-07T18:00:01.100000000Z', 'a'),
        line('2026-12-07T18:00:01.200000000Z', 'b'),
        line('2026-12-07T18:00:01.200000000Z', 'c'),
      ],
    });
    first.drop();
    expect(reconnecting).toEqual(['the connection to the backend was lost']);
    await new Promise(resolve => setTimeout(resolve, 20));
    const second = latest();
    expect(second).not.toBe(first);
    const query = new URL(second.url).searchParams;
    expect(query.get('sinceTime')).toBe('2026-12-07T18:00:01.200000000Z');
    expect(query.get('tailLines')).toBeNull();
    second.open();
    second.say({ type: 'sources', sources: [web] });
    // The API server resends the whole second asked for.
    second.say({
      type: 'lines',
      lines: [
        line('2026-12-07T18:00:01.100000000Z', 'a'),
        line('2026-12-07T18:00:01.200000000Z', 'b'),
        line('2026-12-07T18:00:01.200000000Z', 'c'),
        line('2026-12-07T18:00:01.200000000Z', 'd'),
        line('2026-12-07T18:00:02.000000000Z', 'e'),
      ],
    });
    expect(lines.map(l => l.text)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(reconnecting).toEqual([
      'the connection to the backend was lost',
      undefined,
    ]);
    second.say({ type: 'end' });
    second.drop(1000);
    expect(ended).toEqual([undefined]);
    await new Promise(resolve => setTimeout(resolve, 20));
    expect(sockets).toHaveLength(2);
    close();
  });

  it('ends, without retrying, when the first connection is refused or the server says no', async () => {
    open();
    await settle();
    latest().drop();
    expect(ended).toEqual(['the connection to the backend was lost']);
    await new Promise(resolve => setTimeout(resolve, 20));
    expect(sockets).toHaveLength(1);

    ended = [];
    open();
    await settle();
    latest().open();
    latest().say({ type: 'error', message: 'Pod web-1 is not known' });
    latest().drop(1000);
    expect(ended).toEqual(['Pod web-1 is not known']);
    await new Promise(resolve => setTimeout(resolve, 20));
    expect(sockets).toHaveLength(2);
  });

  it('ends with the limit, without retrying, when the backend closes the socket for one', async () => {
    open();
    await settle();
    latest().open();
    latest().say({ type: 'sources', sources: [web] });
    const reason =
      'At most 10 log streams may be open per user; close one first';
    latest().drop(SOCKET_CLOSE_CODES.tooMany, reason);
    expect(ended).toEqual([reason]);
    expect(reconnecting).toEqual([]);
    await new Promise(resolve => setTimeout(resolve, 20));
    expect(sockets).toHaveLength(1);
  });

  it('stops reconnecting when the page closes the stream', async () => {
    const close = open();
    await settle();
    latest().open();
    latest().drop();
    close();
    await new Promise(resolve => setTimeout(resolve, 20));
    expect(sockets).toHaveLength(1);
    expect(ended).toEqual([]);
  });
});
