import { InputError } from '@backstage/errors';
import { ClusterRole, StatusPhase } from '@kubestellar/plugin-wecs-common';

/** DNS subdomain: cluster, namespace and object names. */
export const NAME_PATTERN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
/** A namespace a filter keeps, or `''` for the objects of no namespace (cluster-scoped). */
export const NAMESPACE_FILTER_PATTERN = new RegExp(`^$|${NAME_PATTERN.source}`);
/** A Kubernetes kind, e.g. `Deployment`. */
export const KIND_PATTERN = /^[A-Za-z][A-Za-z0-9]{0,62}$/;
/** A group version, e.g. `v1` or `apps/v1`. */
export const API_VERSION_PATTERN =
  /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?v[0-9][a-z0-9]*$/;
/** An object's uid. */
export const UID_PATTERN = /^[0-9a-f-]{1,64}$/i;
export const PHASES: StatusPhase[] = [
  'running',
  'pending',
  'failed',
  'succeeded',
  'unknown',
];

/** Throws a 400 naming the first value that does not fit the pattern. */
export function checkAll(
  values: string[],
  pattern: RegExp,
  what: string,
): string[] {
  for (const value of values) {
    if (typeof value !== 'string' || !pattern.test(value)) {
      throw new InputError(`Invalid ${what} "${value}"`);
    }
  }
  return values;
}

export function checkPhases(values: string[]): StatusPhase[] {
  for (const phase of values) {
    if (!PHASES.includes(phase as StatusPhase)) {
      throw new InputError(
        `Invalid status "${phase}"; expected one of ${PHASES.join(', ')}`,
      );
    }
  }
  return values as StatusPhase[];
}

export function checkNameFilter(name: unknown): string | undefined {
  if (name === undefined || name === '') return undefined;
  if (typeof name !== 'string' || name.length > 253) {
    throw new InputError(
      'The name filter must be text of at most 253 characters',
    );
  }
  return name;
}

/** The `delivered` filter: true or false (`"true"` or `"false"` as a query parameter). */
export function checkDeliveredFilter(value: unknown): boolean {
  if ([undefined, '', false, 'false'].includes(value as string)) return false;
  if (value === true || value === 'true') return true;
  throw new InputError('The delivered filter must be true or false');
}

/** One optional query parameter, given once and fitting the pattern; otherwise a 400 naming it. */
export function optionalParam(
  req: { query: Record<string, unknown> },
  key: string,
  pattern: RegExp,
  what: string,
): string | undefined {
  const value = req.query[key];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw new InputError(`Invalid ${what} "${String(value)}"`);
  }
  return value;
}

/** What a cluster is to KubeStellar. */
export const ROLES: ClusterRole[] = ['wec', 'its', 'wds'];

export function checkRoles(values: string[]): ClusterRole[] {
  for (const role of values) {
    if (!ROLES.includes(role as ClusterRole)) {
      throw new InputError(
        `Invalid cluster role "${role}"; expected one of ${ROLES.join(', ')}`,
      );
    }
  }
  return values as ClusterRole[];
}

/** Plain decimal digits, at most 15 of them: what a number in a request's text may be. */
const DECIMAL_DIGITS = /^[0-9]{1,15}$/;

/**
 * A whole number from a request's text (a query parameter), given once, written in plain
 * decimal digits and within `min`..`max`: `0x10`, `1e3`, `+5`, ` 7` and `2.0` are refused with
 * a 400 naming the parameter and the range, as a number out of range is. Absent or empty: undefined.
 */
export function wholeNumberParam(
  raw: unknown,
  name: string,
  max: number,
  min = 0,
): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const range = `${name} must be a whole number from ${min} to ${max}`;
  if (typeof raw !== 'string') throw new InputError(`${range}, given once`);
  if (!DECIMAL_DIGITS.test(raw))
    throw new InputError(
      `${range}, in decimal digits; ${JSON.stringify(raw.slice(0, 32))} is not`,
    );
  const value = Number(raw);
  if (value < min || value > max)
    throw new InputError(`${range}; ${value} is out of range`);
  return value;
}

/**
 * A yes-or-no parameter of a request's text: `true` or `1`, `false` or `0`; absent or empty is
 * false. Anything else (`yes`, given twice) is a 400 naming the parameter, not a silent false.
 */
export function flagParam(raw: unknown, name: string): boolean {
  if (raw === undefined || raw === '' || raw === 'false' || raw === '0')
    return false;
  if (raw === 'true' || raw === '1') return true;
  throw new InputError(
    `${name} must be true or false (or 1 or 0)${
      typeof raw === 'string'
        ? `; ${JSON.stringify(raw.slice(0, 32))} is not`
        : ', given once'
    }`,
  );
}
