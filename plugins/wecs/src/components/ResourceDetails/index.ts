export { Events } from './Events';
export { ResourceDetails, Summary } from './ResourceDetails';
