import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// CodeMirror measures text through Range geometry, which jsdom leaves out: nothing is laid out,
// so every rectangle is empty. (Tests of the transports run in Node, with no DOM at all.)
if (typeof Range !== 'undefined') {
  const emptyRect = () => new DOMRect(0, 0, 0, 0);
  Range.prototype.getBoundingClientRect = emptyRect;
  Range.prototype.getClientRects = () =>
    Object.assign([], { item: () => null }) as unknown as DOMRectList;
}

// Component tests drive MUI through user-event, which takes seconds when a CI run has KWOK
// control planes busy beside it; testTimeout in package.json is ignored in repo-wide runs.
jest.setTimeout(30_000);

// For the same reason findBy and waitFor get 5 s instead of 1 s: a page that loads an object
// after its first render can take longer than a second on a loaded CI machine.
configure({ asyncUtilTimeout: 5_000 });
