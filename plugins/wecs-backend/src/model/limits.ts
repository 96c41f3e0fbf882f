import { Config } from '@backstage/config';

/**
 * The limits that keep one user, socket or request from costing the backend without bound.
 * Each refusal names the limit it met; `wecs.limits` in app-config sets them, and the defaults
 * are far above what a person's pages use.
 */
export interface WecsLimits {
  /** Fleet sockets (and streamed fleet responses) one user may hold open. */
  fleetSocketsPerUser: number;
  /** Log streams one user may hold open: log sockets, streamed logs and followed REST logs. */
  logStreamsPerUser: number;
  /** Views one fleet socket may hold open (at most the protocol's 200). */
  viewsPerSocket: number;
  /** Messages one socket may send a second, and at once. */
  messagesPerSecond: number;
  messageBurst: number;
  /**
   * Bytes sent to a socket that it has not read yet. A client past this when it asks for more
   * is cut off: it stopped reading.
   */
  queuedBytesPerSocket: number;
  /** REST requests one user (or service) may make a second, and at once. */
  requestsPerSecond: number;
  requestBurst: number;
  /** The largest request body, in bytes. */
  requestBodyBytes: number;
  /** How deeply a JSON body or socket message may nest objects and lists. */
  jsonDepth: number;
  /** What one slim object carries: labels and annotations kept, and each value's length. */
  slimLabels: number;
  slimAnnotations: number;
  slimValueLength: number;
  /** The names (ConfigMap and Secret keys, containers, images) one slim object lists. */
  slimListItems: number;
  /**
   * Seconds between checks that an open socket's user still holds the permission it needs:
   * the longest a withdrawn permission keeps serving an open page.
   */
  permissionRecheckSeconds: number;
}

/** The limits a normal page never meets. */
export const DEFAULT_LIMITS: WecsLimits = {
  fleetSocketsPerUser: 20,
  logStreamsPerUser: 10,
  viewsPerSocket: 200,
  messagesPerSecond: 100,
  messageBurst: 200,
  queuedBytesPerSocket: 16 * 1024 * 1024,
  requestsPerSecond: 50,
  requestBurst: 100,
  requestBodyBytes: 2 * 1024 * 1024,
  jsonDepth: 100,
  slimLabels: 64,
  slimAnnotations: 32,
  slimValueLength: 512,
  slimListItems: 100,
  permissionRecheckSeconds: 60,
};

/** A byte count as a person reads it in a refusal: whole KiB or MiB when it is one. */
export function describeBytes(bytes: number): string {
  for (const [unit, size] of [
    ['MiB', 1024 * 1024],
    ['KiB', 1024],
  ] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size} ${unit}`;
  }
  return `${bytes} bytes`;
}

/**
 * The limits under `wecs.limits`, each a whole number of at least 1 where given, the defaults
 * elsewhere. A wrong value stops the backend at startup, naming the key.
 */
export function limitsFromConfig(config: Config): WecsLimits {
  const limits = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(limits) as Array<keyof WecsLimits>) {
    const value = config.getOptionalNumber(`wecs.limits.${key}`);
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(
        `wecs.limits.${key} must be a whole number of at least 1, not ${value}`,
      );
    }
    limits[key] = value;
  }
  return limits;
}
