export { StagedWorkloadsPage } from './StagedWorkloadsPage';
