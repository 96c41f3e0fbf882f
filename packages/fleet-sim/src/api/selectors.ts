import { KubeObject } from './types';
import { badRequest } from './status';

/** A parsed selector: an object matches when every requirement holds. */
export type Selector = (object: KubeObject) => boolean;

export const matchEverything: Selector = () => true;

type Requirement = (get: (key: string) => string | undefined) => boolean;

/** Splits on commas that are not inside `in (...)` parentheses. */
function splitTerms(text: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      terms.push(current.trim());
      current = '';
    } else {
      current += char;
    }
  }
  if (current.trim()) terms.push(current.trim());
  return terms;
}

const LABEL_KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function parseLabelTerm(term: string): Requirement {
  const setMatch = /^(\S+)\s+(in|notin)\s+\((.*)\)$/.exec(term);
  if (setMatch) {
    const [, key, op, list] = setMatch;
    checkKey(key, term);
    const values = new Set(
      list
        .split(',')
        .map(v => v.trim())
        .filter(v => v !== ''),
    );
    values.forEach(v => checkValue(v, term));
    return op === 'in'
      ? get => values.has(get(key) ?? '\u0000absent')
      : get => !values.has(get(key) ?? '\u0000absent');
  }
  const compare = /^([^!=<>\s]+)\s*(==|=|!=|<|>)\s*(.*)$/.exec(term);
  if (compare) {
    const [, key, op, value] = compare;
    checkKey(key, term);
    if (op === '<' || op === '>') {
      const bound = Number(value);
      if (!Number.isInteger(bound)) {
        throw badRequest(
          `unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer`,
        );
      }
      return get => {
        const actual = Number(get(key));
        return (
          get(key) !== undefined &&
          (op === '<' ? actual < bound : actual > bound)
        );
      };
    }
    checkValue(value, term);
    return op === '!=' ? get => get(key) !== value : get => get(key) === value;
  }
  if (term.startsWith('!')) {
    const key = term.slice(1).trim();
    checkKey(key, term);
    return get => get(key) === undefined;
  }
  checkKey(term, term);
  return get => get(term) !== undefined;
}

function checkKey(key: string, term: string) {
  if (!LABEL_KEY.test(key) || key.length > 316) {
    throw badRequest(
      `unable to parse requirement: invalid label key "${key}" in "${term}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
    );
  }
}

function checkValue(value: string, term: string) {
  if (!LABEL_VALUE.test(value) || value.length > 63) {
    throw badRequest(
      `unable to parse requirement: invalid label value: "${value}" in "${term}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
    );
  }
}

/** Parses a label selector as `kubectl -l` and the labelSelector query parameter use it. */
export function parseLabelSelector(text: string | undefined | null): Selector {
  if (!text || !text.trim()) {
    return matchEverything;
  }
  const requirements = splitTerms(text).map(parseLabelTerm);
  return object => {
    const labels = object.metadata.labels ?? {};
    const get = (key: string) =>
      Object.prototype.hasOwnProperty.call(labels, key)
        ? labels[key]
        : undefined;
    return requirements.every(requirement => requirement(get));
  };
}

/** Which field selector labels each kind supports, beyond metadata.name and metadata.namespace. */
const FIELD_LABELS: Record<string, Record<string, (o: any) => unknown>> = {
  Pod: {
    'spec.nodeName': o => o.spec?.nodeName,
    'spec.restartPolicy': o => o.spec?.restartPolicy,
    'spec.schedulerName': o => o.spec?.schedulerName,
    'spec.serviceAccountName': o => o.spec?.serviceAccountName,
    'status.phase': o => o.status?.phase,
    'status.podIP': o => o.status?.podIP,
    'status.nominatedNodeName': o => o.status?.nominatedNodeName,
  },
  Event: {
    'involvedObject.kind': o => o.involvedObject?.kind,
    'involvedObject.namespace': o => o.involvedObject?.namespace,
    'involvedObject.name': o => o.involvedObject?.name,
    'involvedObject.uid': o => o.involvedObject?.uid,
    'involvedObject.apiVersion': o => o.involvedObject?.apiVersion,
    'involvedObject.resourceVersion': o => o.involvedObject?.resourceVersion,
    'involvedObject.fieldPath': o => o.involvedObject?.fieldPath,
    'regarding.kind': o => o.involvedObject?.kind,
    'regarding.namespace': o => o.involvedObject?.namespace,
    'regarding.name': o => o.involvedObject?.name,
    'regarding.uid': o => o.involvedObject?.uid,
    reason: o => o.reason,
    reportingComponent: o => o.reportingComponent ?? o.source?.component,
    source: o => o.source?.component,
    type: o => o.type,
  },
  Secret: { type: o => o.type },
  Node: { 'spec.unschedulable': o => String(Boolean(o.spec?.unschedulable)) },
  Namespace: { 'status.phase': o => o.status?.phase },
  ReplicaSet: { 'status.replicas': o => String(o.status?.replicas ?? 0) },
  Job: { 'status.successful': o => String(o.status?.succeeded ?? 0) },
};

/**
 * Parses a field selector for one kind. Like the API server, a field the kind does not index
 * is a 400, not an empty result.
 */
export function parseFieldSelector(
  text: string | undefined | null,
  kind: string,
): Selector {
  if (!text || !text.trim()) {
    return matchEverything;
  }
  const fields: Record<string, (o: any) => unknown> = {
    'metadata.name': o => o.metadata?.name,
    'metadata.namespace': o => o.metadata?.namespace ?? '',
    ...(FIELD_LABELS[kind] ?? {}),
  };
  const requirements = text.split(',').map(term => {
    const match = /^\s*([^!=\s]+)\s*(==|=|!=)\s*(.*?)\s*$/.exec(term);
    if (!match) {
      throw badRequest(`invalid field selector: '${term}'`);
    }
    const [, field, op, value] = match;
    const read = fields[field];
    if (!read) {
      throw badRequest(`field label not supported: ${field}`);
    }
    return (object: KubeObject) => {
      const actual = String(read(object) ?? '');
      return op === '!=' ? actual !== value : actual === value;
    };
  });
  return object => requirements.every(requirement => requirement(object));
}
