export { EntityWecsCard } from './EntityWecsCard';
export { EntityWecsContent } from './EntityWecsContent';
