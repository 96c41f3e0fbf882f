// Commands and servers for the adopter test: each command's output goes to the run's log,
// each server runs in its own process group so that stopping it stops all of its children,
// and whatever is still running when the test process ends is killed with it.
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, createWriteStream } from 'node:fs';
import { createServer } from 'node:net';

const running = new Set<ChildProcess>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}

// A test that fails or is interrupted must not leave servers behind.
process.on('exit', () => running.forEach(child => killGroup(child, 'SIGKILL')));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => process.exit(130));
}

/** A port nothing listens on now (the test runs beside a demo on 3000/7007/7080). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface CommandOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** The file the command's output is appended to. */
  log: string;
  input?: string;
}

export interface CommandResult {
  code: number;
  output: string;
}

/** Runs a command to its end, its output appended to the log; never throws for a failure. */
export function runCommand(
  command: string,
  args: string[],
  options: CommandOptions,
): Promise<CommandResult> {
  appendFileSync(options.log, `\n$ ${[command, ...args].join(' ')}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    running.add(child);
    const log = createWriteStream(options.log, { flags: 'a' });
    const chunks: Buffer[] = [];
    for (const stream of [child.stdout!, child.stderr!]) {
      stream.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        log.write(chunk);
      });
    }
    if (options.input !== undefined) child.stdin!.end(options.input);
    child.once('error', reject);
    child.once('close', code => {
      running.delete(child);
      log.end(() =>
        resolve({
          code: code ?? 1,
          output: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
  });
}

/** The last lines of a command's output, for an error message. */
export function tail(output: string, lines = 25): string {
  return output.trimEnd().split('\n').slice(-lines).join('\n');
}

/** A long-running process group whose output goes to a log. */
export class Server {
  private readonly child: ChildProcess;
  readonly exited: Promise<number>;

  constructor(command: string, args: string[], options: CommandOptions) {
    appendFileSync(options.log, `\n$ ${[command, ...args].join(' ')} &\n`);
    const log = createWriteStream(options.log, { flags: 'a' });
    this.child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(this.child);
    this.child.stdout!.pipe(log);
    this.child.stderr!.pipe(log);
    this.exited = new Promise(resolve =>
      this.child.once('exit', code => {
        running.delete(this.child);
        resolve(code ?? 1);
      }),
    );
  }

  get hasExited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  /** SIGTERM to the whole group, SIGKILL after 15 s. */
  async stop(): Promise<void> {
    if (this.hasExited || !running.has(this.child)) return;
    killGroup(this.child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(this.child, 'SIGKILL'), 15_000);
    await this.exited;
    clearTimeout(timer);
    // Children that outlived the group's leader.
    killGroup(this.child, 'SIGKILL');
  }
}

/** Waits until `url` answers 2xx, failing early when `server` exits. */
export async function waitForUrl(
  url: string,
  server: Server,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.hasExited) {
      throw new Error(`${what} exited before ${url} answered`);
    }
    try {
      const response = await fetch(url, {
        signal: AbortSignal.timeout(10_000),
      });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}
