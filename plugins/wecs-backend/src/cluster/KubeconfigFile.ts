import { KubeConfig } from '@kubernetes/client-node';
import { existsSync, FSWatcher, watch } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { describeError } from '../model/errors';

/** Loads a kubeconfig file, or says why it cannot. */
export function readKubeconfig(
  path: string,
):
  | { kubeConfig: KubeConfig; error?: undefined }
  | { kubeConfig?: undefined; error: string } {
  const kubeConfig = new KubeConfig();
  try {
    kubeConfig.loadFromFile(path);
    return { kubeConfig };
  } catch (error) {
    // YAML parse errors quote the source over several lines; the first says what is wrong.
    const reason = describeError(error).split('\n')[0].trim();
    return { error: `Cannot read kubeconfig ${path}: ${reason}` };
  }
}

/** The configured path, else the first existing file of $KUBECONFIG, else ~/.kube/config. */
export function resolveKubeconfigPath(configured?: string): string {
  if (configured) {
    return resolve(configured);
  }
  const fromEnv = process.env.KUBECONFIG?.split(':').find(p => existsSync(p));
  return fromEnv ?? join(homedir(), '.kube', 'config');
}

/**
 * A kubeconfig file followed on disk. It is re-read when it changes (changes in quick
 * succession count once, since editors and tools write in several steps or replace the file);
 * a version that cannot be read leaves the last good one in use, and says why.
 */
export class KubeconfigFile {
  private lastGood?: { kubeConfig: KubeConfig; readAt: Date };
  private failure?: string;
  private watcher?: FSWatcher;
  private timer?: NodeJS.Timeout;
  private readonly listeners = new Set<() => void>();

  constructor(readonly path: string, private readonly debounceMs = 250) {
    this.load();
  }

  /** The kubeconfig as last read successfully, if it ever was. */
  get current(): KubeConfig | undefined {
    return this.lastGood?.kubeConfig;
  }

  /** Why the file as it is now is not what is in use, if it is not. */
  get problem(): string | undefined {
    if (!this.failure) return undefined;
    return this.lastGood
      ? `${
          this.failure
        }; the version read at ${this.lastGood.readAt.toISOString()} stays in use`
      : this.failure;
  }

  /** Reads the file now. */
  load() {
    const { kubeConfig, error } = readKubeconfig(this.path);
    if (kubeConfig) {
      this.lastGood = { kubeConfig, readAt: new Date() };
      this.failure = undefined;
    } else {
      this.failure = error;
    }
  }

  /** Calls `onChange` after each re-read caused by a change on disk; returns the unsubscribe. */
  follow(onChange: () => void): () => void {
    this.listeners.add(onChange);
    this.watchDirectory();
    return () => {
      this.listeners.delete(onChange);
      if (this.listeners.size === 0) this.close();
    };
  }

  close() {
    clearTimeout(this.timer);
    this.watcher?.close();
    this.watcher = undefined;
  }

  private watchDirectory() {
    if (this.watcher) return;
    // The directory, not the file: a file replaced by a rename is a new inode the old watch misses.
    const name = basename(this.path);
    try {
      this.watcher = watch(dirname(this.path), (_event, changed) => {
        if (changed !== null && changed !== name) return;
        clearTimeout(this.timer);
        this.timer = setTimeout(() => {
          this.load();
          for (const listener of this.listeners) listener();
        }, this.debounceMs);
      });
      this.watcher.on('error', error => {
        this.failure = `Cannot follow kubeconfig ${
          this.path
        } for changes: ${describeError(error)}`;
        this.watcher = undefined;
      });
      this.watcher.unref();
    } catch (error) {
      this.failure = `Cannot follow kubeconfig ${
        this.path
      } for changes: ${describeError(error)}`;
    }
  }
}
