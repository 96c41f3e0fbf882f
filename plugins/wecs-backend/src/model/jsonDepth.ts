import { InputError } from '@backstage/errors';

const OPEN = new Set(['{', '[']);
const CLOSE = new Set(['}', ']']);

/**
 * Refuses JSON text that nests objects and lists deeper than `maxDepth`, in one pass over the
 * text and without recursion, before anything parses or walks it: code that walks an object
 * recursively (a merge, a redaction, a client's serializer) would otherwise overflow its stack
 * on a body of ten thousand levels.
 */
export function checkJsonDepth(text: string, maxDepth: number): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
    } else if (OPEN.has(c)) {
      depth++;
      if (depth > maxDepth) {
        throw new InputError(
          `JSON may nest objects and lists at most ${maxDepth} levels deep`,
        );
      }
    } else if (CLOSE.has(c)) {
      depth--;
    }
  }
}
