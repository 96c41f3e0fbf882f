// The edits an adopter makes by hand, done to a file's text as the README's steps say.

/** A code block split into its import statements and the rest. */
export function splitImports(code: string): {
  imports: string[];
  body: string[];
} {
  const imports: string[] = [];
  const body: string[] = [];
  let inImport = false;
  for (const line of code.split('\n')) {
    if (inImport || line.startsWith('import ')) {
      imports.push(line);
      inImport = !line.trimEnd().endsWith(';');
    } else {
      body.push(line);
    }
  }
  while (body.length && !body[0].trim()) body.shift();
  while (body.length && !body[body.length - 1].trim()) body.pop();
  return { imports, body };
}

/** The index of the line that ends a file's last top-level import statement, or -1. */
function lastImportEnd(lines: string[]): number {
  let end = -1;
  let inImport = false;
  lines.forEach((line, index) => {
    if (inImport || line.startsWith('import ')) {
      inImport = !line.trimEnd().endsWith(';');
      if (!inImport) end = index;
    }
  });
  return end;
}

export interface Insertion {
  where: 'before' | 'after';
  /** Text on the line to insert before or after. */
  anchor: string;
  /** Text on a line before the anchor's: the anchor is looked for from there on. */
  within?: string;
  code: string;
}

/**
 * `source` with the block's imports after its own and the rest of the block before or after
 * the anchor's line, indented like that line. Throws when the file has no such line.
 */
export function insertCode(source: string, insertion: Insertion): string {
  const lines = source.split('\n');
  let from = 0;
  if (insertion.within !== undefined) {
    from = lines.findIndex(line => line.includes(insertion.within!));
    if (from < 0) throw new Error(`no line holds "${insertion.within}"`);
  }
  const at = lines.findIndex(
    (line, index) => index >= from && line.includes(insertion.anchor),
  );
  if (at < 0) {
    throw new Error(
      `no line holds "${insertion.anchor}"${
        insertion.within === undefined
          ? ''
          : ` after the one with "${insertion.within}"`
      }`,
    );
  }
  const { imports, body } = splitImports(insertion.code);
  // Inside the element whose closing tag the anchor is, one level deeper than that tag.
  const closing = insertion.where === 'before' && /^\s*<\//.test(lines[at]);
  const indent = /^\s*/.exec(lines[at])![0] + (closing ? '  ' : '');
  const indented = body.map(line => (line.trim() ? indent + line : ''));
  const bodyAt = insertion.where === 'before' ? at : at + 1;
  const importsAt = lastImportEnd(lines) + 1;
  // The later position first, so that the earlier one still points where it did.
  if (bodyAt >= importsAt) {
    lines.splice(bodyAt, 0, ...indented);
    lines.splice(importsAt, 0, ...imports);
  } else {
    lines.splice(importsAt, 0, ...imports);
    lines.splice(bodyAt, 0, ...indented);
  }
  return lines.join('\n');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `target` with `patch` merged in: objects key by key, anything else replaced. */
export function mergeJson(target: unknown, patch: unknown): unknown {
  if (!isObject(target) || !isObject(patch)) return patch;
  const merged: Record<string, unknown> = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    merged[key] = mergeJson(target[key], value);
  }
  return merged;
}

/** The README's configuration block, every `kubeconfigPath` pointed at `kubeconfig`. */
export function withKubeconfig(config: string, kubeconfig: string): string {
  return config.replace(
    /^(\s*kubeconfigPath:\s*)\S+/gm,
    (_match, key: string) => `${key}${JSON.stringify(kubeconfig)}`,
  );
}
