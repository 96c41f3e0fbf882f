import { slimResource } from '../__testUtils__/fixtures';
import type { FleetView } from '../api';
import { joinedFleetView } from './joinedFleetView';

const view = (changes: Partial<FleetView>): FleetView => ({
  state: 'live',
  resources: new Map(),
  clusters: [],
  errors: [],
  left: [],
  ...changes,
});

describe('joinedFleetView', () => {
  it('holds what both hold, and stands as the part that stands worse', () => {
    const hubObject = slimResource('Binding', 'edge', { cluster: 'wds1' });
    const copy = slimResource('Deployment', 'web', { cluster: 'cluster1' });
    const hub = view({
      updatedAt: new Date(2_000),
      resources: new Map([['wds1/a', hubObject]]),
      errors: ['the ITS is slow'],
      left: [{ name: 'cluster9', at: new Date(5_000) }],
    });
    const copies = view({
      state: 'reconnecting',
      updatedAt: new Date(1_000),
      lastError: 'socket closed',
      retryAt: new Date(3_000),
      resources: new Map([['cluster1/b', copy]]),
      errors: ['the ITS is slow', 'cluster2 is unreachable'],
      left: [{ name: 'cluster8', at: new Date(4_000) }],
    });
    const joined = joinedFleetView(hub, copies);
    expect(joined.state).toBe('reconnecting');
    expect(joined.lastError).toBe('socket closed');
    expect(joined.retryAt).toEqual(new Date(3_000));
    // Current as of the part that heard from the backend longest ago.
    expect(joined.updatedAt).toEqual(new Date(1_000));
    expect([...joined.resources.values()]).toEqual([hubObject, copy]);
    expect(joined.errors).toEqual([
      'the ITS is slow',
      'cluster2 is unreachable',
    ]);
    expect(joined.left.map(c => c.name)).toEqual(['cluster8', 'cluster9']);
  });

  it('is live only when both parts are, and has no time before both have one', () => {
    const joined = joinedFleetView(
      view({ updatedAt: new Date(1_000) }),
      view({ state: 'connecting' }),
    );
    expect(joined.state).toBe('connecting');
    expect(joined.updatedAt).toBeUndefined();
    expect(joinedFleetView(view({}), view({})).state).toBe('live');
  });
});
