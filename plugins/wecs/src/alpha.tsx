/**
 * The WECS plugin for Backstage's new frontend system: the same pages, entity tab, workloads
 * card and API client as the legacy exports, from the same tables.
 *
 * @packageDocumentation
 */
import {
  compatWrapper,
  convertLegacyRouteRef,
  convertLegacyRouteRefs,
} from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import DeviceHubIcon from '@material-ui/icons/DeviceHub';
import { wecsApiFactory } from './apis';
import { isWecsAvailable } from './lib/entitySelector';
import { WECS_PAGES, WecsPageDefinition } from './pages';
import { wecsRoutes } from './routes';

/** @alpha */
export const wecsApi = ApiBlueprint.make({
  params: defineParams => defineParams(wecsApiFactory),
});

const pageParams = (page: WecsPageDefinition) => ({
  path: page.path,
  title: page.title,
  icon: <page.icon fontSize="inherit" />,
  // Each page brings its own header, with the live status in it.
  noHeader: true,
  routeRef: convertLegacyRouteRef(page.routeRef),
  loader: () => page.load().then(Page => compatWrapper(<Page />)),
});

/** @alpha */
export const wecsPage = PageBlueprint.make({
  params: pageParams(WECS_PAGES.deployedWorkloads),
});

/** @alpha */
export const managedClustersPage = PageBlueprint.make({
  name: 'managed-clusters',
  params: pageParams(WECS_PAGES.managedClusters),
});

/** @alpha */
export const stagedWorkloadsPage = PageBlueprint.make({
  name: 'staged-workloads',
  params: pageParams(WECS_PAGES.stagedWorkloads),
});

/** @alpha */
export const manageWorkloadsPage = PageBlueprint.make({
  name: 'manage-workloads',
  params: pageParams(WECS_PAGES.manageWorkloads),
});

/** @alpha */
export const bindingPoliciesPage = PageBlueprint.make({
  name: 'binding-policies',
  params: pageParams(WECS_PAGES.bindingPolicies),
});

/** @alpha */
export const objectExplorerPage = PageBlueprint.make({
  name: 'object-explorer',
  params: pageParams(WECS_PAGES.objectExplorer),
});

/** @alpha */
export const entityWecsContent = EntityContentBlueprint.make({
  name: 'wecs',
  params: {
    path: '/wecs',
    title: 'WECS',
    icon: <DeviceHubIcon fontSize="inherit" />,
    filter: isWecsAvailable,
    loader: () =>
      import('./entity').then(m => compatWrapper(<m.EntityWecsContent />)),
  },
});

/** @alpha */
export const entityWecsCard = EntityCardBlueprint.make({
  name: 'workloads',
  params: {
    filter: isWecsAvailable,
    loader: () =>
      import('./entity').then(m => compatWrapper(<m.EntityWecsCard />)),
  },
});

/** @alpha */
export default createFrontendPlugin({
  pluginId: 'wecs',
  title: 'WECS',
  icon: <DeviceHubIcon fontSize="inherit" />,
  extensions: [
    wecsApi,
    wecsPage,
    managedClustersPage,
    stagedWorkloadsPage,
    manageWorkloadsPage,
    bindingPoliciesPage,
    objectExplorerPage,
    entityWecsContent,
    entityWecsCard,
  ],
  routes: convertLegacyRouteRefs(wecsRoutes),
});
