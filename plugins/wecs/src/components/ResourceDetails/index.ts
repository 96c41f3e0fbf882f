export { Events, ResourceDetails, Summary } from './ResourceDetails';
