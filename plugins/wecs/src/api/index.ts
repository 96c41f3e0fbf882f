export { wecsApiRef } from './WecsApi';
export type {
  ListQuery,
  ObjectRef,
  PropagationPolicy,
  WecsApi,
} from './WecsApi';
export { WecsClient } from './WecsClient';
export { FleetConnection } from './FleetConnection';
export type {
  FleetConnectionOptions,
  FleetView,
  LeftCluster,
  LiveState,
  LiveTransportKind,
  LiveTransportState,
  SocketLike,
} from './FleetConnection';
export { openLogStream } from './LogStream';
export type { LogLine, LogQuery, LogStreamHandlers } from './LogStream';
export { POLL_INTERVAL_MS } from './LiveTransports';
