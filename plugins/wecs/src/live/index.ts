export { FleetConnection } from './FleetConnection';
export type { FleetView, LiveState, SocketLike } from './FleetConnection';
export { useFleet } from './useFleet';
export { LiveStatus } from './LiveStatus';
export { AUTO_REFRESH_SECONDS, useAutoRefresh } from './useAutoRefresh';
export type { AutoRefreshSeconds } from './useAutoRefresh';
