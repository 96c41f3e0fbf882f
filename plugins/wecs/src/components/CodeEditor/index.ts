export { CodeEditor } from './CodeEditor';
export type { CodeLanguage } from './CodeEditor';
export { DiffView } from './DiffView';
