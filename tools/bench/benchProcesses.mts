// The processes a benchmark runs beside a demo: free ports, the simulator in scale mode, and
// a wait for the backend's store to hold the fleet.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import { guestToken, repoRoot } from '../e2e/demo.mts';

const sleep = (millis: number) =>
  new Promise(resolve => setTimeout(resolve, millis));

/** `count` distinct free TCP ports, held together while chosen so that none repeats. */
export async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = createServer();
      servers.push(server);
      await new Promise<void>(resolve =>
        server.listen(0, '127.0.0.1', resolve),
      );
    }
    return servers.map(server => (server.address() as AddressInfo).port);
  } finally {
    await Promise.all(
      servers.map(server => new Promise(resolve => server.close(resolve))),
    );
  }
}

/** Stops a detached child's process group now (also from an exit handler); never throws. */
export function killGroup(child: ChildProcess | undefined) {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null)
    return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

/** What `./wecs sim` runs for a benchmark: a scale-mode fleet with live changes. */
export interface ScaleFleet {
  kubeconfig: string;
  clusters: number;
  objects: number;
  /** Changes a second across the fleet. */
  rate: number;
  controlPort: number;
}

/**
 * The simulator's `./wecs sim` in scale mode, in a process group of its own; resolves once it
 * wrote its kubeconfig.
 */
export async function startSimulator(fleet: ScaleFleet): Promise<ChildProcess> {
  const child = spawn(
    join(repoRoot, 'wecs'),
    [
      'sim',
      '--kubeconfig',
      fleet.kubeconfig,
      '--clusters',
      String(fleet.clusters),
      '--scale-objects',
      String(fleet.objects),
      '--scale-changes',
      String(fleet.rate),
      '--control-port',
      String(fleet.controlPort),
    ],
    { cwd: repoRoot, detached: true, stdio: 'ignore' },
  );
  const deadline = Date.now() + 120_000;
  while (!existsSync(fleet.kubeconfig)) {
    if (child.exitCode !== null)
      throw new Error(`./wecs sim exited with ${child.exitCode}`);
    if (Date.now() > deadline) {
      killGroup(child);
      throw new Error('the simulator wrote no kubeconfig in 120 s');
    }
    await sleep(250);
  }
  return child;
}

/**
 * Waits until the backend's store holds at least 95% of `objects` on its WECs, so that what
 * follows is timed alone; returns how many it holds. Connection errors are retried: the
 * development backend restarts when its sources change.
 */
export async function backendLoaded(
  backendUrl: string,
  objects: number,
  timeoutMs: number,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let held = 0;
  let lastError = '';
  while (held < objects * 0.95) {
    if (Date.now() > deadline)
      throw new Error(
        `the backend held ${held} of ${objects} objects after ${
          timeoutMs / 1000
        } s${lastError && ` (last error: ${lastError})`}`,
      );
    await sleep(500);
    try {
      const response = await fetch(`${backendUrl}/api/wecs/clusters`, {
        headers: { Authorization: `Bearer ${await guestToken(backendUrl)}` },
      });
      if (!response.ok) {
        lastError = `GET /api/wecs/clusters: ${response.status}`;
        continue;
      }
      const list = (await response.json()) as {
        items: Array<{ role: string; counts?: { total: number } }>;
      };
      held = list.items
        .filter(cluster => cluster.role === 'wec')
        .reduce((sum, cluster) => sum + (cluster.counts?.total ?? 0), 0);
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
  }
  return held;
}
