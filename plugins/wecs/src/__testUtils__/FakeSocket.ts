import {
  FleetFilters,
  FleetViewsMessage,
} from '@kubestellar/plugin-wecs-common';
import { SocketLike } from '../api';

/** A socket the test drives: it records what the connection sends and opens on demand. */
export class FakeSocket implements SocketLike {
  readyState = 0;
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  readonly sent: any[] = [];
  closedWith?: number;
  /** The filters of the last subscription sent on it, for fakes that answer per socket. */
  filters?: FleetFilters;
  /** The last views message sent on it, for fakes that answer views. */
  views?: FleetViewsMessage;

  constructor(readonly url: string, readonly protocols: string[]) {}

  send(data: string) {
    this.sent.push(JSON.parse(data));
  }

  close(code = 1000) {
    this.closedWith = code;
    this.readyState = 3;
  }

  open() {
    this.readyState = 1;
    this.onopen?.({});
  }

  receive(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }

  drop(code = 1006, reason = '') {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }
}
