import { redactSecretValues } from '../model/secretRedaction';
import { LiveChannel } from './channel';

/**
 * `channel` as a user without `wecs.secrets.read` must get it: every message passes through
 * the one redaction step before it is sent. The fleet's messages carry slim objects, which
 * hold no Secret value by construction; this makes sure of it for whatever a message carries
 * now or later. A user who may read Secrets gets `channel` itself, at no cost.
 */
export function secretSafeChannel<M>(
  channel: LiveChannel<M>,
  mayReadSecrets: boolean,
): LiveChannel<M> {
  if (mayReadSecrets) return channel;
  return {
    send: message => channel.send(redactSecretValues(message)),
    get bufferedAmount() {
      return channel.bufferedAmount;
    },
    close: problem => channel.close(problem),
    onClose: listener => channel.onClose(listener),
  };
}
