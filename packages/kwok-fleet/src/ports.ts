import { readFileSync } from 'node:fs';
import { AddressInfo, createServer } from 'node:net';

/** Where listen(0) and outgoing connections take their ports from, per the kernel. */
function ephemeralRangeStart(): number {
  try {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    return Number.isInteger(low) ? low : 32768;
  } catch {
    return 32768;
  }
}

const FIRST_PORT = 10_000;
const handedOut = new Set<number>();

function canListen(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function kernelChosenPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

/**
 * A port for a control-plane component to listen on later. Ports come from below the kernel's
 * ephemeral range, picked at random: a port listen(0) handed out comes from that range, so an
 * outgoing connection (of this or any process) could take it before the component binds it,
 * or while a restarted API server is down. The random pick keeps concurrent test workers
 * apart; a port is never handed out twice in one process.
 */
export async function freePort(): Promise<number> {
  const end = ephemeralRangeStart();
  for (let attempt = 0; end > FIRST_PORT && attempt < 100; attempt++) {
    const port = FIRST_PORT + Math.floor(Math.random() * (end - FIRST_PORT));
    if (handedOut.has(port) || !(await canListen(port))) continue;
    handedOut.add(port);
    return port;
  }
  return kernelChosenPort();
}
