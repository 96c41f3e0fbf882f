export { CodeEditor } from './CodeEditor';
export { DiffView } from './DiffView';
