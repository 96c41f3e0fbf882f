export { wecsApiRef } from './WecsApi';
export type { ObjectRef, PropagationPolicy, WecsApi } from './WecsApi';
export { WecsClient } from './WecsClient';
