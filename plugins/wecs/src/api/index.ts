export { wecsApiRef } from './WecsApi';
export type {
  ListQuery,
  ObjectRef,
  PropagationPolicy,
  WecsApi,
} from './WecsApi';
export { WecsClient } from './WecsClient';
