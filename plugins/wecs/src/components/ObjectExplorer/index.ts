export { ObjectExplorerPage } from './ObjectExplorerPage';
