export { FleetTree, useTreeSearch } from './FleetTree';
