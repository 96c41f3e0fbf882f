import { LiveChannel } from './channel';
import { secretSafeChannel } from './secretSafeChannel';

/** A channel that keeps what it was given to send. */
function recordingChannel() {
  const sent: unknown[] = [];
  const channel: LiveChannel<unknown> = {
    send: message => sent.push(message),
    bufferedAmount: 7,
    close: () => {},
    onClose: () => {},
  };
  return { channel, sent };
}

const message = {
  type: 'rows',
  rows: [{ kind: 'Secret', data: { password: 'aHVudGVyMg==' } }],
};

describe('secretSafeChannel', () => {
  it('sends each message redacted to a user who may not read Secrets', () => {
    const { channel, sent } = recordingChannel();
    const safe = secretSafeChannel(channel, false);
    safe.send(message);
    expect(sent).toEqual([
      {
        type: 'rows',
        rows: [{ kind: 'Secret', data: { password: '<redacted>' } }],
      },
    ]);
    expect(safe.bufferedAmount).toBe(7);
  });

  it('is the channel itself for a user who may', () => {
    const { channel, sent } = recordingChannel();
    expect(secretSafeChannel(channel, true)).toBe(channel);
    channel.send(message);
    expect(sent).toEqual([message]);
  });
});
