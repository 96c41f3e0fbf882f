import { renderTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { wecsApiRef } from './api';
import { fakeWecsApi } from './__testUtils__/fakeWecsApi';
import { clustersSnapshot, clusterStatus } from './__testUtils__/fixtures';
import wecsPlugin from './alpha';

describe('the new frontend system plugin', () => {
  it('offers the page, the entity tab and the entity card', () => {
    expect(wecsPlugin.pluginId).toBe('wecs');
    expect(wecsPlugin.getExtension('page:wecs')).toBeDefined();
    expect(wecsPlugin.getExtension('entity-content:wecs/wecs')).toBeDefined();
    expect(wecsPlugin.getExtension('entity-card:wecs/workloads')).toBeDefined();
  });

  it('serves the Deployed Workloads page in an app of the new system', async () => {
    const { api } = fakeWecsApi(() =>
      clustersSnapshot([clusterStatus('cluster1')]),
    );
    // The plugin's own API extension, answered by the fake backend instead of WecsClient.
    const plugin = wecsPlugin.withOverrides({
      extensions: [
        wecsPlugin.getExtension('api:wecs').override({
          params: defineParams =>
            defineParams({ api: wecsApiRef, deps: {}, factory: () => api }),
        }),
      ],
    });
    renderTestApp({ features: [plugin], initialRouteEntries: ['/wecs'] });
    // The page loads lazily inside a whole app: give it longer than findBy's default second.
    expect(
      await screen.findByText('Clusters (1)', {}, { timeout: 20_000 }),
    ).toBeInTheDocument();
  });
});
