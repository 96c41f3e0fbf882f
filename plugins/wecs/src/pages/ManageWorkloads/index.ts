export { ManageWorkloadsPage } from './ManageWorkloadsPage';
