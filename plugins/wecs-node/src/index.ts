/**
 * Extension points of the WECS backend plugin: cluster sources and the client that reaches a
 * cluster's API server.
 *
 * @packageDocumentation
 */
export * from './ClusterClient';
export * from './ClusterSource';
export * from './extensions';
