export { wecsApiRef } from './WecsApi';
export type { WecsApi } from './WecsApi';
export { WecsClient } from './WecsClient';
