import { FuzzAuth } from './routeCatalogue';

/** A stack frame, or a file path of the machine the backend runs on. */
const LEAKED_INTERNALS =
  /\n\s+at \S.*\(|node_modules\/|\/(?:work|home|tmp|usr)\/\S+\.[cm]?[jt]s\b/;

/**
 * What is wrong with one answer, or undefined when nothing is: a 5xx, a Secret value, a stack
 * trace or a file path, or a success for a request that did not authenticate.
 */
export function faultOf(answer: {
  status: number;
  body: string;
  auth: FuzzAuth;
  /** Whether the route is open to everyone (health). */
  open: boolean;
  secrets: readonly string[];
}): string | undefined {
  const { status, body, auth, open, secrets } = answer;
  if (status >= 500) return `answered ${status}: ${body.slice(0, 300)}`;
  if (auth !== 'user' && !open && status < 400)
    return `answered ${status} without authentication`;
  const secret = secrets.find(value => body.includes(value));
  if (secret) return `carried the Secret value ${JSON.stringify(secret)}`;
  const internals = body.match(LEAKED_INTERNALS);
  if (internals)
    return `showed a stack or a file path: ${JSON.stringify(
      body.slice(Math.max(0, internals.index! - 80), internals.index! + 120),
    )}`;
  return undefined;
}

/** Answers counted by route and status class, and the faults found, for the suite's report. */
export class FuzzTally {
  readonly byClass = new Map<string, number>();
  readonly byTarget = new Map<string, Map<string, number>>();
  readonly faults = new Map<string, string>();
  inputs = 0;

  count(target: string, outcome: string) {
    this.inputs++;
    const kind = /^\d{3}$/.test(outcome) ? `${outcome[0]}xx` : outcome;
    this.byClass.set(kind, (this.byClass.get(kind) ?? 0) + 1);
    const counts = this.byTarget.get(target) ?? new Map<string, number>();
    counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
    this.byTarget.set(target, counts);
  }

  /** The first fault of each target is kept: fast-check shrinks it to its smallest input. */
  fault(target: string, why: string) {
    if (!this.faults.has(target)) this.faults.set(target, why);
  }

  /** The faults found in `targets`, by target. */
  faultsOf(...targets: string[]): Record<string, string> {
    return Object.fromEntries(
      targets.flatMap(target => {
        const why = this.faults.get(target);
        return why ? [[target, why]] : [];
      }),
    );
  }

  report(): string {
    const classes = [...this.byClass]
      .sort()
      .map(([kind, count]) => `${kind} ${count}`)
      .join(', ');
    const lines = [`fuzz: ${this.inputs} inputs, ${classes}`];
    for (const [target, counts] of this.byTarget)
      lines.push(
        `  ${target}: ${[...counts]
          .sort()
          .map(([outcome, count]) => `${outcome} ${count}`)
          .join(', ')}`,
      );
    for (const [target, why] of this.faults)
      lines.push(`  FAULT ${target}: ${why}`);
    return lines.join('\n');
  }
}
