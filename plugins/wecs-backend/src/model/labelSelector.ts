import { InputError } from '@backstage/errors';

type Operator = '=' | '!=' | 'in' | 'notin' | 'exists' | '!' | '>' | '<';

/** One clause of a selector: `key op values`. */
export interface Requirement {
  key: string;
  operator: Operator;
  values: string[];
}

export type LabelPredicate = (
  labels: Record<string, string> | undefined,
) => boolean;

const MAX_SELECTOR_LENGTH = 4096;
const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const PREFIX =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A label key: a name of up to 63 characters, after an optional DNS-subdomain prefix and `/`. */
function isLabelKey(key: string) {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  return (
    NAME.test(name) &&
    (prefix === undefined || (prefix.length <= 253 && PREFIX.test(prefix)))
  );
}

const isLabelValue = (value: string) => value === '' || NAME.test(value);

function checkKey(key: string, at: number) {
  if (!isLabelKey(key)) {
    throw new InputError(
      `Invalid label key "${key}" at position ${at} of the selector`,
    );
  }
}

function checkValue(value: string, at: number) {
  if (!isLabelValue(value)) {
    throw new InputError(
      `Invalid label value "${value}" at position ${at} of the selector`,
    );
  }
}

/**
 * Refuses with a 400 a label filter (`key=value`) that no Kubernetes object could match: a key
 * or a value that is not label syntax (`__proto__` is not a key). `where` names the filter.
 */
export function checkLabelFilter(key: string, value: string, where: string) {
  if (!isLabelKey(key))
    throw new InputError(
      `Invalid label key ${JSON.stringify(
        key.slice(0, 80),
      )} in ${where}: a name of up to 63 letters, digits, '-', '_' or '.', optionally after a DNS subdomain and '/'`,
    );
  if (!isLabelValue(value))
    throw new InputError(
      `Invalid label value ${JSON.stringify(
        value.slice(0, 80),
      )} for ${key} in ${where}: up to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`,
    );
}

/**
 * Reads a Kubernetes label selector in its full syntax (as `kubectl get -l` takes it):
 * `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`, `a>3`, `a<3`, joined by commas.
 * A malformed selector is an InputError saying where.
 */
export function parseLabelSelector(text: string): Requirement[] {
  if (text.length > MAX_SELECTOR_LENGTH) {
    throw new InputError(
      `A label selector may be at most ${MAX_SELECTOR_LENGTH} characters`,
    );
  }
  const requirements: Requirement[] = [];
  let at = 0;
  const skipSpace = () => {
    while (at < text.length && /\s/.test(text[at])) at++;
  };
  const fail = (what: string): never => {
    throw new InputError(
      `Invalid label selector "${text}": ${what} at position ${at}`,
    );
  };
  const word = () => {
    skipSpace();
    const start = at;
    while (at < text.length && /[A-Za-z0-9_.\-/]/.test(text[at])) at++;
    return text.slice(start, at);
  };
  skipSpace();
  if (at === text.length) return requirements;
  for (;;) {
    skipSpace();
    const negated = text[at] === '!';
    if (negated) at++;
    const keyAt = at;
    const key = word();
    if (!key) fail('expected a label key');
    checkKey(key, keyAt);
    skipSpace();
    if (negated) {
      requirements.push({ key, operator: '!', values: [] });
    } else if (at === text.length || text[at] === ',') {
      requirements.push({ key, operator: 'exists', values: [] });
    } else if (text.startsWith('==', at) || text.startsWith('!=', at)) {
      const operator = text[at] === '!' ? '!=' : '=';
      at += 2;
      const valueAt = at;
      const value = word();
      checkValue(value, valueAt);
      requirements.push({ key, operator, values: [value] });
    } else if ('=<>'.includes(text[at])) {
      const operator = text[at] as '=' | '<' | '>';
      at++;
      const valueAt = at;
      const value = word();
      if (operator !== '=' && !/^-?\d+$/.test(value)) {
        at = valueAt;
        fail(`"${operator}" needs a whole number`);
      }
      checkValue(value, valueAt);
      requirements.push({ key, operator, values: [value] });
    } else {
      const operatorAt = at;
      const operator = word();
      if (operator !== 'in' && operator !== 'notin') {
        at = operatorAt;
        fail('expected =, ==, !=, in, notin, a comma or the end');
      }
      skipSpace();
      if (text[at] !== '(') fail(`expected "(" after ${operator}`);
      at++;
      const values: string[] = [];
      for (;;) {
        const valueAt = at;
        const value = word();
        checkValue(value, valueAt);
        values.push(value);
        skipSpace();
        if (text[at] === ',') {
          at++;
          continue;
        }
        if (text[at] === ')') {
          at++;
          break;
        }
        fail('expected "," or ")" in the list of values');
      }
      requirements.push({
        key,
        operator: operator as 'in' | 'notin',
        values,
      });
    }
    skipSpace();
    if (at === text.length) return requirements;
    if (text[at] !== ',') fail('expected a comma or the end');
    at++;
  }
}

function holds(
  requirement: Requirement,
  labels: Record<string, string> | undefined,
): boolean {
  const { key, operator, values } = requirement;
  const value = labels?.[key];
  switch (operator) {
    case '=':
      return value === values[0];
    case '!=':
      return value !== values[0];
    case 'in':
      return value !== undefined && values.includes(value);
    case 'notin':
      return value === undefined || !values.includes(value);
    case 'exists':
      return value !== undefined;
    case '!':
      return value === undefined;
    case '>':
    case '<': {
      if (value === undefined || !/^-?\d+$/.test(value)) return false;
      const [a, b] = [Number(value), Number(values[0])];
      return operator === '>' ? a > b : a < b;
    }
    default:
      return false;
  }
}

/** A predicate for objects' labels that every requirement of `selector` holds for. */
export function labelSelectorPredicate(selector: string): LabelPredicate {
  const requirements = parseLabelSelector(selector);
  return labels => requirements.every(r => holds(r, labels));
}
