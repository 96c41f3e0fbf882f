export { Events, ResourceDetails, Summary } from './ResourceDetails';
export { objectFacts } from './objectFacts';
export { useLoadedObject } from './useLoadedObject';
