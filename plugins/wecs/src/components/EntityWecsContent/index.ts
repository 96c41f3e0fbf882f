export { EntityWecsContent } from './EntityWecsContent';
