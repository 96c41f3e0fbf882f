export { FleetConnection } from './FleetConnection';
export type { FleetView, LiveState, SocketLike } from './FleetConnection';
export { useFleet } from './useFleet';
export { LiveStatus } from './LiveStatus';
