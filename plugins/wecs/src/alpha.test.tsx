import {
  coreExtensionData,
  ExtensionDefinition,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { screen } from '@testing-library/react';
import { wecsApiRef } from './api';
import { fakeWecsApi } from './__testUtils__/fakeWecsApi';
import { clustersSnapshot, clusterStatus } from './__testUtils__/fixtures';
import wecsPlugin, {
  bindingPoliciesPage,
  managedClustersPage,
  manageWorkloadsPage,
  objectExplorerPage,
  stagedWorkloadsPage,
  wecsPage,
} from './alpha';

describe('the new frontend system plugin', () => {
  it('offers the page, the entity tab and the entity card', () => {
    expect(wecsPlugin.pluginId).toBe('wecs');
    expect(wecsPlugin.getExtension('page:wecs')).toBeDefined();
    expect(wecsPlugin.getExtension('entity-content:wecs/wecs')).toBeDefined();
    expect(wecsPlugin.getExtension('entity-card:wecs/workloads')).toBeDefined();
  });

  it('gives every page the title and icon that navigation shows', () => {
    // Typed loosely: each page's tester is typed by its own outputs, which all include these.
    const navigationOf = (page: ExtensionDefinition<any>) => {
      const tester = createExtensionTester(page);
      return {
        title: tester.get(coreExtensionData.title),
        path: tester.get(coreExtensionData.routePath),
        icon: Boolean(tester.get(coreExtensionData.icon)),
      };
    };
    expect(
      [
        wecsPage,
        managedClustersPage,
        stagedWorkloadsPage,
        manageWorkloadsPage,
        bindingPoliciesPage,
        objectExplorerPage,
      ].map(navigationOf),
    ).toEqual([
      { title: 'Deployed Workloads', path: '/wecs', icon: true },
      { title: 'Managed Clusters', path: '/managed-clusters', icon: true },
      { title: 'Staged Workloads', path: '/staged-workloads', icon: true },
      { title: 'Manage Workloads', path: '/manage-workloads', icon: true },
      { title: 'Binding Policies', path: '/binding-policies', icon: true },
      { title: 'Object Explorer', path: '/object-explorer', icon: true },
    ]);
  });

  it('puts the entity tab on its own, with an icon, not inside another tab group', () => {
    const tester = createExtensionTester(
      wecsPlugin.getExtension('entity-content:wecs/wecs'),
    );
    const { dataRefs } = EntityContentBlueprint;
    expect(tester.get(dataRefs.title)).toBe('WECS');
    expect(tester.get(coreExtensionData.routePath)).toBe('/wecs');
    expect(tester.get(dataRefs.icon)).toBeTruthy();
    expect(tester.get(dataRefs.group)).toBeUndefined();
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
