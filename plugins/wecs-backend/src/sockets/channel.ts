import { WebSocket } from 'ws';

/**
 * One client's live connection, whatever carries it: a WebSocket, or a streamed HTTP response
 * (`eventStream.ts`). The fleet and log serving write to this, so both transports send the
 * same messages with the same backpressure.
 */
export interface LiveChannel<M> {
  /** Sends one message; does nothing once the channel is closed. */
  send(message: M): void;
  /** Bytes queued but not yet written to the network: the measure of a slow client. */
  readonly bufferedAmount: number;
  /** Ends the connection from the server side; `problem` says why when it is not a normal end. */
  close(problem?: string): void;
  /** Calls `listener` once when the connection ends, from either side (at once if it has). */
  onClose(listener: () => void): void;
}

/** A WebSocket as a live channel: JSON text frames, close code 1000, or 1008 with a problem. */
export function webSocketChannel<M>(ws: WebSocket): LiveChannel<M> {
  return {
    send(message) {
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
    },
    get bufferedAmount() {
      return ws.bufferedAmount;
    },
    close(problem) {
      if (problem) ws.close(1008, problem);
      else ws.close(1000);
    },
    onClose(listener) {
      if (ws.readyState === WebSocket.CLOSED) listener();
      else ws.once('close', () => listener());
    },
  };
}
