export { DeployedWorkloadsPage } from './DeployedWorkloadsPage';
