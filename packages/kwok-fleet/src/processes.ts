import { ChildProcess, spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/** However the test process ends, the control planes it started end with it. */
function killAllOnExit() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

/** A long-running binary of the control plane, its output in a log file. */
export class ManagedProcess {
  private child?: ChildProcess;
  private exited?: Promise<void>;

  constructor(
    readonly name: string,
    private readonly binary: string,
    private readonly args: string[],
    readonly logFile: string,
  ) {}

  get pid() {
    return this.child?.pid;
  }

  get isRunning() {
    return Boolean(
      this.child && this.child.exitCode === null && !this.child.signalCode,
    );
  }

  start() {
    if (this.isRunning) return;
    killAllOnExit();
    const log = openSync(this.logFile, 'a');
    const child = spawn(this.binary, this.args, {
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    // Read by reapOrphans should this process die without stopping its children.
    if (child.pid) writeFileSync(`${this.logFile}.pid`, String(child.pid));
    running.add(child);
    this.child = child;
    this.exited = new Promise(resolve => {
      child.once('exit', () => {
        running.delete(child);
        resolve();
      });
      child.once('error', () => {
        running.delete(child);
        resolve();
      });
    });
  }

  /** Stops it: SIGTERM, then SIGKILL if it lingers; `signal` SIGKILL kills at once, as a crash would. */
  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM', graceMs = 5000) {
    const { child, exited } = this;
    if (!child || !exited || !this.isRunning) return;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
}

const OWNER_FILE = 'owner.pid';

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Marks a working folder as this process's, for reapOrphans. */
export function claimWorkingDir(dir: string) {
  writeFileSync(join(dir, OWNER_FILE), String(process.pid));
}

/** Gives a working folder up: kept on purpose, it is no orphan. */
export function releaseWorkingDir(dir: string) {
  rmSync(join(dir, OWNER_FILE), { force: true });
}

/**
 * Kills the control-plane processes of working folders under `parent` whose owner died without
 * stopping them (a test process killed with SIGKILL runs no exit hook), and removes the folders.
 */
export function reapOrphans(parent: string, prefix: string) {
  for (const entry of readdirSync(parent)) {
    if (!entry.startsWith(prefix)) continue;
    const dir = join(parent, entry);
    const ownerFile = join(dir, OWNER_FILE);
    if (!existsSync(ownerFile)) continue;
    if (isAlive(Number(readFileSync(ownerFile, 'utf8')))) continue;
    for (const cluster of readdirSync(dir, { withFileTypes: true })) {
      const logs = join(dir, cluster.name, 'logs');
      if (!cluster.isDirectory() || !existsSync(logs)) continue;
      for (const file of readdirSync(logs).filter(f => f.endsWith('.pid'))) {
        const pid = Number(readFileSync(join(logs, file), 'utf8'));
        // A pid may have been reused: only kill a process that still runs from this folder.
        const cmdline = existsSync(`/proc/${pid}/cmdline`)
          ? readFileSync(`/proc/${pid}/cmdline`, 'utf8')
          : '';
        if (cmdline.includes(dir)) process.kill(pid, 'SIGKILL');
      }
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
