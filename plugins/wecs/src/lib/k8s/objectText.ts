import { LineCounter, parseAllDocuments, parseDocument, stringify } from 'yaml';

/** The two ways an object is written out: YAML as kubectl prints it, or JSON. */
export type ObjectTextFormat = 'yaml' | 'json';

/** An object as the editor shows it: YAML as kubectl prints it, or JSON indented by two. */
export function objectToText(
  object: unknown,
  format: ObjectTextFormat,
): string {
  return format === 'json'
    ? `${JSON.stringify(object, null, 2)}\n`
    : stringify(object, { lineWidth: 0 });
}

/** A YAML document's first syntax error, with its line; undefined when there is none. */
function syntaxProblem(
  document: { errors: Array<{ pos: [number, number]; message: string }> },
  lineCounter: LineCounter,
): { ok: false; message: string; line?: number } | undefined {
  const [error] = document.errors;
  if (!error) return undefined;
  const line = lineCounter.linePos(error.pos[0]).line;
  return {
    ok: false,
    message: `Invalid YAML${line ? ` at line ${line}` : ''}: ${error.message}`,
    line,
  };
}

export type ParsedText =
  | { ok: true; object: Record<string, any> }
  | { ok: false; message: string; line?: number };

/** Reads the editor's text back, with the line of the first syntax error when there is one. */
export function parseObjectText(
  text: string,
  format: ObjectTextFormat,
): ParsedText {
  let value: unknown;
  if (format === 'json') {
    try {
      value = JSON.parse(text);
    } catch (error) {
      const message = (error as Error).message;
      const position = /position (\d+)/.exec(message);
      const line = position
        ? text.slice(0, Number(position[1])).split('\n').length
        : undefined;
      return { ok: false, message: `Invalid JSON: ${message}`, line };
    }
  } else {
    const lineCounter = new LineCounter();
    const document = parseDocument(text, { lineCounter, prettyErrors: false });
    const problem = syntaxProblem(document, lineCounter);
    if (problem) return problem;
    value = document.toJS();
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, message: 'The text must describe one object' };
  }
  return { ok: true, object: value as Record<string, any> };
}

/**
 * Why an edited object cannot replace `expected`, checked before asking the API server: it must
 * still be the same object.
 */
export function identityProblem(
  object: Record<string, any>,
  expected: { kind: string; name: string; namespace?: string },
): string | undefined {
  if (object.kind !== expected.kind)
    return `kind must stay ${expected.kind} (it is ${
      object.kind ?? 'missing'
    })`;
  if (object.metadata?.name !== expected.name)
    return `metadata.name must stay ${expected.name}: create a new object to rename one`;
  if ((object.metadata?.namespace ?? undefined) !== expected.namespace)
    return `metadata.namespace must stay ${expected.namespace ?? 'unset'}`;
  return undefined;
}

export type ParsedManifests =
  | { ok: true; objects: Array<Record<string, any>> }
  | { ok: false; message: string; line?: number };

/**
 * Reads manifests to create: YAML documents separated by `---` (a JSON object is YAML too),
 * each an object with an apiVersion, a kind and a name, as `kubectl create -f` wants them.
 */
export function parseManifests(text: string): ParsedManifests {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter });
  if (!Array.isArray(documents))
    return { ok: false, message: 'The text holds no manifest' };
  const objects: Array<Record<string, any>> = [];
  for (const [index, document] of documents.entries()) {
    const problem = syntaxProblem(document, lineCounter);
    if (problem) return problem;
    const value = document.toJS();
    if (value === null || value === undefined) continue;
    const start = document.contents?.range?.[0] ?? document.range?.[0];
    const line =
      start === undefined ? undefined : lineCounter.linePos(start).line;
    const where = documents.length > 1 ? `Document ${index + 1}` : 'The text';
    if (typeof value !== 'object' || Array.isArray(value))
      return { ok: false, message: `${where} is not an object`, line };
    const missing = [
      typeof value.apiVersion !== 'string' && 'apiVersion',
      typeof value.kind !== 'string' && 'kind',
      typeof value.metadata?.name !== 'string' &&
        typeof value.metadata?.generateName !== 'string' &&
        'metadata.name',
    ].filter(Boolean);
    if (missing.length)
      return {
        ok: false,
        message: `${where} needs ${missing.join(', ')}`,
        line,
      };
    objects.push(value);
  }
  if (!objects.length)
    return { ok: false, message: 'The text holds no manifest' };
  return { ok: true, objects };
}
