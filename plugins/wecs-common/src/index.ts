/**
 * Types, permissions and constants shared by the WECS frontend and backend plugins.
 *
 * @packageDocumentation
 */
export * from './delivery';
export * from './kubestellar';
export * from './logCursor';
export * from './permissions';
export * from './protocol';
export * from './resources';
export * from './secrets';
export * from './treeOrder';
export * from './types';
export * from './views';
