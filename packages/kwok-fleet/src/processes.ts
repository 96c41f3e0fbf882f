import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';

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
