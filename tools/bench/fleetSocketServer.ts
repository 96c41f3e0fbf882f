import { LoggerService } from '@backstage/backend-plugin-api';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { serveFleetSocket } from '../../plugins/wecs-backend/src/sockets/fleetSocket';
import { FleetFanOut } from '../../plugins/wecs-backend/src/sockets/FleetFanOut';
import {
  createSocketServer,
  upgrade,
} from '../../plugins/wecs-backend/src/sockets/socketServer';

/** The benchmarks report figures, not the backend's log lines. */
export const quietLogger: LoggerService = {
  info: () => {},
  warn: () => {},
  error: () => {},
  debug: () => {},
  child: () => quietLogger,
};

/**
 * The backend's fleet socket on a free loopback port, without Backstage's auth in front (a
 * benchmark measures the fan-out, not the token check). Returns its ws:// URL and the close.
 */
export async function serveFleetSocketForBench(fanOut: FleetFanOut) {
  const sockets = createSocketServer();
  const http = createServer();
  http.on('upgrade', async (request, socket, head) =>
    serveFleetSocket(
      await upgrade(sockets, request, socket, head),
      fanOut,
      quietLogger,
    ),
  );
  await new Promise<void>(r => http.listen(0, '127.0.0.1', r));
  return {
    url: `ws://127.0.0.1:${(http.address() as AddressInfo).port}/fleet`,
    close: () => {
      sockets.close();
      http.close();
    },
  };
}
