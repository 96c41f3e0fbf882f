import type { FleetView, LiveState } from '../api';

/** From the best to the worst: a joined view stands as its worse part. */
const STATES: LiveState[] = ['live', 'connecting', 'reconnecting', 'closed'];

/**
 * Two subscriptions' views as one page shows them (say, the hub's objects and the copies the
 * WECs hold of them): everything each holds, and the connection state of the part that stands
 * worse, current as of the part updated longest ago.
 */
export function joinedFleetView(a: FleetView, b: FleetView): FleetView {
  const [worse, better] =
    STATES.indexOf(b.state) > STATES.indexOf(a.state) ? [b, a] : [a, b];
  const times = [a.updatedAt, b.updatedAt];
  const resources = new Map(a.resources);
  for (const [key, resource] of b.resources) resources.set(key, resource);
  const named = new Set(a.clusters.map(c => c.name));
  return {
    state: worse.state,
    ...(times.every(Boolean)
      ? { updatedAt: new Date(Math.min(...times.map(t => t!.getTime()))) }
      : {}),
    ...(worse.lastError ?? better.lastError
      ? { lastError: worse.lastError ?? better.lastError }
      : {}),
    ...(worse.retryAt ? { retryAt: worse.retryAt } : {}),
    ...(worse.transport ?? better.transport
      ? { transport: worse.transport ?? better.transport }
      : {}),
    resources,
    clusters: [...a.clusters, ...b.clusters.filter(c => !named.has(c.name))],
    errors: [...new Set([...a.errors, ...b.errors])],
    left: [...a.left, ...b.left].sort(
      (x, y) => x.at.getTime() - y.at.getTime(),
    ),
  };
}
