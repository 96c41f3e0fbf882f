import { LoggerService } from '@backstage/backend-plugin-api';
import { describeMalformed } from '../model/objectShape';

/** Distinct problems remembered per cluster; past it the memory starts again (and may repeat a line). */
const MAX_REMEMBERED = 5_000;

/**
 * Logs each object a cluster sent that WECS left out, once: a malformed object comes again in
 * every relist and every refresh while the cluster keeps it, and one warning is what an
 * operator needs to find it. The same object with a new problem is logged again.
 */
export class MalformedObjectLog {
  private readonly seen = new Set<string>();

  constructor(
    private readonly cluster: string,
    private readonly logger: Pick<LoggerService, 'warn'>,
  ) {}

  /** Records that `resource`'s `object` was left out for `problem`; logs it the first time. */
  report(resource: string, object: unknown, problem: string) {
    const what = describeMalformed(object);
    const key = `${resource}\n${what}\n${problem}`;
    if (this.seen.has(key)) return;
    if (this.seen.size >= MAX_REMEMBERED) this.seen.clear();
    this.seen.add(key);
    this.logger.warn(
      `cluster ${this.cluster}: left out a malformed object of ${resource}, ${what}: ${problem}; the rest of ${resource} is kept and watched`,
    );
  }
}
