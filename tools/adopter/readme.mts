// The README's install section as steps: the adopter test does what that section says, read
// from its code blocks, so the test breaks when the README and reality part ways.
//
// The section lies between `<!-- adopter-test: begin ... -->` and `<!-- adopter-test: end -->`.
// Inside it, a comment `<!-- adopter-test: ACTION ... -->` right before a fenced code block
// says what to do with that block:
//
//   run                                   run the block with bash in the app's root
//   start                                 the same, as the long-running app (it is stopped at the end)
//   merge-json FILE                       merge the block's JSON object into FILE
//   insert FILE before|after "TEXT" [in "TEXT"]
//                                         import lines go after FILE's imports, the rest before or
//                                         after the first line holding TEXT (looked for from the
//                                         first line holding the `in` text)
//   config                                append the block to app-config.local.yaml, every
//                                         kubeconfigPath pointed at the fleet's kubeconfig
//   append-yaml FILE                      append the block to FILE as one more YAML document
//
// and `for=TAG` keeps a step to the runs with that tag (`legacy`, `new`, `websocket`).
// Blocks without such a comment are prose: shown to readers, not done.
import { readFileSync } from 'node:fs';

export type Step =
  | { action: 'run' | 'start'; code: string; tags: string[] }
  | {
      action: 'merge-json' | 'append-yaml';
      file: string;
      code: string;
      tags: string[];
    }
  | {
      action: 'insert';
      file: string;
      where: 'before' | 'after';
      anchor: string;
      within?: string;
      code: string;
      tags: string[];
    }
  | { action: 'config'; code: string; tags: string[] };

const BEGIN = '<!-- adopter-test: begin';
const END = '<!-- adopter-test: end -->';
const MARKER = /^<!-- adopter-test: (.*?) -->$/;

/** Words and "quoted strings" of a marker, quotes removed. */
function tokens(text: string): string[] {
  return [...text.matchAll(/"((?:[^"\\]|\\.)*)"|(\S+)/g)].map(match =>
    match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : match[2],
  );
}

function parseMarker(marker: string, code: string): Step {
  const words = tokens(marker);
  const tags = words
    .filter(word => word.startsWith('for='))
    .map(word => word.slice('for='.length));
  const [action, ...rest] = words.filter(word => !word.startsWith('for='));
  switch (action) {
    case 'run':
    case 'start':
    case 'config':
      if (rest.length) throw new Error(`unexpected words in "${marker}"`);
      return { action, code, tags };
    case 'merge-json':
    case 'append-yaml':
      if (rest.length !== 1) throw new Error(`"${marker}" needs one file`);
      return { action, file: rest[0], code, tags };
    case 'insert': {
      const [file, where, anchor, inWord, within] = rest;
      if (
        !file ||
        (where !== 'before' && where !== 'after') ||
        !anchor ||
        (inWord !== undefined && (inWord !== 'in' || !within))
      ) {
        throw new Error(
          `"${marker}" should read: insert FILE before|after "TEXT" [in "TEXT"]`,
        );
      }
      return { action, file, where, anchor, within, code, tags };
    }
    default:
      throw new Error(`unknown action in "${marker}"`);
  }
}

/** The steps of the README's install section, in order. */
export function readInstallSteps(readmePath: string): Step[] {
  const lines = readFileSync(readmePath, 'utf8').split('\n');
  const begin = lines.findIndex(line => line.startsWith(BEGIN));
  const end = lines.indexOf(END);
  if (begin < 0 || end < begin) {
    throw new Error(
      `${readmePath} has no install section between "${BEGIN} ... -->" and "${END}"`,
    );
  }
  const steps: Step[] = [];
  for (let i = begin + 1; i < end; i++) {
    const marker = MARKER.exec(lines[i]);
    if (!marker) continue;
    const fence = lines[i + 1] ?? '';
    if (!/^```\w*$/.test(fence)) {
      throw new Error(
        `${readmePath}:${i + 1}: "${lines[i]}" is not followed by a code block`,
      );
    }
    const close = lines.indexOf('```', i + 2);
    if (close < 0 || close > end) {
      throw new Error(`${readmePath}:${i + 2}: the code block never closes`);
    }
    steps.push(parseMarker(marker[1], lines.slice(i + 2, close).join('\n')));
    i = close;
  }
  return steps;
}

/** The steps a run with these tags takes: untagged steps, and those tagged with one of them. */
export function stepsFor(steps: Step[], tags: string[]): Step[] {
  return steps.filter(
    step => step.tags.length === 0 || step.tags.some(tag => tags.includes(tag)),
  );
}

/** The text of the README's install section (between its begin and end comments). */
export function installSectionText(readmePath: string): string {
  const text = readFileSync(readmePath, 'utf8');
  const begin = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (begin < 0 || end < begin) {
    throw new Error(`${readmePath} has no install section`);
  }
  return text.slice(begin, end);
}

/**
 * The code blocks of a markdown file's `## HEADING` section, each without the indentation of
 * its fence (blocks inside list items are indented).
 */
export function codeBlocksUnder(
  markdownPath: string,
  heading: string,
): string[] {
  const text = readFileSync(markdownPath, 'utf8');
  const start = text.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`${markdownPath} has no "## ${heading}"`);
  const next = text.indexOf('\n## ', start + 1);
  const section = text.slice(start, next < 0 ? undefined : next);
  return [...section.matchAll(/^( *)```\w*\n([\s\S]*?)^\1```$/gm)].map(
    ([, indent, code]) =>
      code
        .split('\n')
        .map(line =>
          line.startsWith(indent) ? line.slice(indent.length) : line,
        )
        .join('\n')
        .trimEnd(),
  );
}
