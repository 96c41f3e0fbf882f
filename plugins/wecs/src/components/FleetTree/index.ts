export { FleetTree } from './FleetTree';
