export { wecsApiRef } from './WecsApi';
export type {
  FleetSearchQuery,
  ListQuery,
  ObjectRef,
  PropagationPolicy,
  WecsApi,
} from './WecsApi';
export { WecsClient } from './WecsClient';
export { FleetConnection } from './FleetConnection';
export type { FleetView } from './FleetConnection';
export { FleetViewConnection } from './FleetViewConnection';
export type {
  FleetViews,
  FleetWindow,
  WantedView,
} from './FleetViewConnection';
export type { LeftCluster } from './LeftClusters';
export type {
  FleetConnectionOptions,
  LiveConnectionStatus,
  LiveState,
  LiveTransportKind,
  LiveTransportState,
  SocketLike,
} from './ReconnectingSocket';
export { openLogStream } from './LogStream';
export type { LogLine, LogQuery, LogStreamHandlers } from './LogStream';
export { POLL_INTERVAL_MS } from './LiveTransports';
