export { wecsApiRef } from './WecsApi';
export type { ObjectRef, WecsApi } from './WecsApi';
export { WecsClient } from './WecsClient';
