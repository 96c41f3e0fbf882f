export { LogViewer } from './LogViewer';
export type { LogTarget } from './LogViewer';
