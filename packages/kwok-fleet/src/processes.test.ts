import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reapOrphans } from './processes';

describe('reapOrphans', () => {
  let parent: string;

  beforeEach(() => {
    parent = mkdtempSync(join(tmpdir(), 'reap-test-'));
  });

  afterEach(() => rmSync(parent, { recursive: true, force: true }));

  /** A working folder whose owner has exited, with a process still running from it. */
  function orphanedFolder(name: string) {
    const dir = join(parent, name);
    const logs = join(dir, 'cluster1', 'logs');
    mkdirSync(logs, { recursive: true });
    const exited = spawnSync('true');
    writeFileSync(join(dir, 'owner.pid'), String(exited.pid));
    const child = spawn('bash', ['-c', 'sleep 60; true', dir], {
      stdio: 'ignore',
    });
    writeFileSync(join(logs, 'etcd.log.pid'), String(child.pid));
    return { dir, child };
  }

  /** Until a spawned child has exec'd, /proc shows the parent's command line. (`; true` keeps bash
   * from replacing itself with sleep, whose command line would not name the folder.) */
  const execed = async (pid: number, dir: string) => {
    const deadline = Date.now() + 4000;
    while (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dir)) {
      if (Date.now() > deadline)
        throw new Error(`${pid} never ran from ${dir}`);
      await new Promise(resolve => setTimeout(resolve, 10));
    }
  };

  it('kills what a dead owner left running and removes its folder', async () => {
    const { dir, child } = orphanedFolder('wecs-kwok-dead');
    await execed(child.pid!, dir);
    const exited = new Promise(resolve => child.once('exit', resolve));
    reapOrphans(parent, 'wecs-kwok-');
    await expect(exited).resolves.toBeDefined();
    expect(existsSync(dir)).toBe(false);
  });

  it('leaves folders of a live owner, and others, alone', () => {
    const live = join(parent, 'wecs-kwok-live');
    mkdirSync(live);
    writeFileSync(join(live, 'owner.pid'), String(process.pid));
    const { dir: other, child } = orphanedFolder('something-else');
    reapOrphans(parent, 'wecs-kwok-');
    expect(existsSync(live)).toBe(true);
    expect(existsSync(other)).toBe(true);
    child.kill('SIGKILL');
  });
});
