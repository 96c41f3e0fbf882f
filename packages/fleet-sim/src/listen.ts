import { Server } from 'node:net';
import { Duplex } from 'node:stream';

/**
 * Starts `server` listening and resolves with the port it got (any free one for 0), or rejects
 * with the listen error (a port in use); keeps `sockets` holding its open connections, so that
 * stopping it can cut them as an unreachable server would.
 */
export async function listenTracked(
  server: Server,
  port: number,
  host: string,
  sockets: Set<Duplex>,
): Promise<number> {
  server.on('connection', socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as { port: number }).port;
}
