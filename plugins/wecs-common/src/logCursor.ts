import type { LogSource } from './protocol';

/**
 * A log line's timestamp as seconds since the epoch and the nanoseconds within that second, so
 * that two kubelet timestamps (RFC 3339 with up to nine fractional digits, any offset) compare
 * exactly, which a JavaScript Date (milliseconds) cannot.
 */
function instantOf(time: string): [number, number] | undefined {
  const match =
    /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/i.exec(
      time,
    );
  if (!match) return undefined;
  const seconds = Date.parse(`${match[1]}${match[3]}`) / 1000;
  if (Number.isNaN(seconds)) return undefined;
  return [seconds, Number((match[2] ?? '').padEnd(9, '0'))];
}

/**
 * Whether `time` is a timestamp as the API server prefixes log lines with (`timestamps=true`)
 * and takes in `sinceTime`: RFC 3339, with or without fractional seconds.
 *
 * @public
 */
export function isLogTime(time: string): boolean {
  return instantOf(time) !== undefined;
}

/** Orders two log timestamps: negative, zero or positive. */
function compareLogTimes(a: string, b: string): number {
  const left = instantOf(a);
  const right = instantOf(b);
  if (!left || !right) return 0;
  return left[0] - right[0] || left[1] - right[1];
}

/**
 * Splits the timestamp the API server puts before each line with `timestamps=true` from the
 * line's text; a line without one (a partial last line, a server that ignored the option) keeps
 * its whole text.
 *
 * @public
 */
export function splitLogTime(line: string): { time?: string; text: string } {
  const space = line.indexOf(' ');
  if (space > 0 && isLogTime(line.slice(0, space))) {
    return { time: line.slice(0, space), text: line.slice(space + 1) };
  }
  return { text: line };
}

/** Where a source's log was read up to: its last line's time, and how many lines had that time. */
interface Position {
  time: string;
  count: number;
}

const keyOf = (source: LogSource) => `${source.pod}/${source.container}`;

/**
 * Remembers how far each container's log was read, so that a stream reopened after a dropped
 * connection resumes where it left off without repeating a line. The API server takes
 * `sinceTime` to the second only (it passes it to the kubelet as RFC 3339 without fractions), so
 * a resumed stream starts early; the cursor skips what was already read, counting lines that
 * share the last line's timestamp so that none is shown twice and none is lost.
 *
 * @public
 */
export class LogCursor {
  private readonly read = new Map<string, Position>();
  private skipping = new Map<string, Position & { skipped: number }>();

  /**
   * Whether to keep a line that just arrived: false for one the cursor has already passed.
   * Lines without a timestamp are always kept, as there is nothing to place them by.
   */
  admit(source: LogSource, time: string | undefined): boolean {
    if (!time) return true;
    const key = keyOf(source);
    const skip = this.skipping.get(key);
    if (skip) {
      const order = compareLogTimes(time, skip.time);
      if (order < 0) return false;
      if (order === 0 && skip.skipped < skip.count) {
        skip.skipped++;
        return false;
      }
      this.skipping.delete(key);
    }
    const last = this.read.get(key);
    if (last && compareLogTimes(time, last.time) === 0) last.count++;
    else this.read.set(key, { time, count: 1 });
    return true;
  }

  /**
   * The `sinceTime` to reopen with, the earliest of where each source stopped, or undefined when
   * nothing was read (then the original request is simply repeated). From now on, what a source
   * already showed is skipped.
   */
  resume(): string | undefined {
    let earliest: string | undefined;
    this.skipping = new Map();
    for (const [key, position] of this.read) {
      this.skipping.set(key, { ...position, skipped: 0 });
      if (!earliest || compareLogTimes(position.time, earliest) < 0)
        earliest = position.time;
    }
    return earliest;
  }

  /** The `sinceTime` to reopen one source with, where it stopped; the rest as `resume`. */
  resumeSource(source: LogSource): string | undefined {
    const key = keyOf(source);
    const position = this.read.get(key);
    if (!position) return undefined;
    this.skipping.set(key, { ...position, skipped: 0 });
    return position.time;
  }
}
