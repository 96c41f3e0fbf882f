import type { RouteRef } from '@backstage/core-plugin-api';
import type { SvgIconProps } from '@material-ui/core';
import DeviceHubIcon from '@material-ui/icons/DeviceHub';
import ExploreIcon from '@material-ui/icons/Explore';
import LayersIcon from '@material-ui/icons/Layers';
import PolicyIcon from '@material-ui/icons/Policy';
import StorageIcon from '@material-ui/icons/Storage';
import ViewModuleIcon from '@material-ui/icons/ViewModule';
import type { ComponentType } from 'react';
import {
  bindingPoliciesRouteRef,
  manageWorkloadsRouteRef,
  managedClustersRouteRef,
  objectExplorerRouteRef,
  rootRouteRef,
  stagedWorkloadsRouteRef,
} from '../routes';

/** A routable page of the plugin: what both frontend systems need to mount it. */
export interface WecsPageDefinition {
  /** The legacy extension's name, which is also its export's name. */
  name: string;
  title: string;
  /** Shown beside the title in navigation. */
  icon: ComponentType<SvgIconProps>;
  /** Where the new frontend system mounts it; legacy apps choose their own path. */
  path: string;
  routeRef: RouteRef;
  /** Loads the page's code when it is first opened. */
  load: () => Promise<() => JSX.Element | null>;
}

/** The plugin's pages, in the order of the sidebar: one table for both frontend systems. */
export const WECS_PAGES = {
  deployedWorkloads: {
    name: 'DeployedWorkloadsPage',
    title: 'Deployed Workloads',
    icon: DeviceHubIcon,
    path: '/wecs',
    routeRef: rootRouteRef,
    load: () =>
      import('./DeployedWorkloads').then(m => m.DeployedWorkloadsPage),
  },
  managedClusters: {
    name: 'ManagedClustersPage',
    title: 'Managed Clusters',
    icon: StorageIcon,
    path: '/managed-clusters',
    routeRef: managedClustersRouteRef,
    load: () => import('./ManagedClusters').then(m => m.ManagedClustersPage),
  },
  stagedWorkloads: {
    name: 'StagedWorkloadsPage',
    title: 'Staged Workloads',
    icon: LayersIcon,
    path: '/staged-workloads',
    routeRef: stagedWorkloadsRouteRef,
    load: () => import('./StagedWorkloads').then(m => m.StagedWorkloadsPage),
  },
  manageWorkloads: {
    name: 'ManageWorkloadsPage',
    title: 'Manage Workloads',
    icon: ViewModuleIcon,
    path: '/manage-workloads',
    routeRef: manageWorkloadsRouteRef,
    load: () => import('./ManageWorkloads').then(m => m.ManageWorkloadsPage),
  },
  bindingPolicies: {
    name: 'BindingPoliciesPage',
    title: 'Binding Policies',
    icon: PolicyIcon,
    path: '/binding-policies',
    routeRef: bindingPoliciesRouteRef,
    load: () => import('./BindingPolicies').then(m => m.BindingPoliciesPage),
  },
  objectExplorer: {
    name: 'ObjectExplorerPage',
    title: 'Object Explorer',
    icon: ExploreIcon,
    path: '/object-explorer',
    routeRef: objectExplorerRouteRef,
    load: () => import('./ObjectExplorer').then(m => m.ObjectExplorerPage),
  },
} satisfies Record<string, WecsPageDefinition>;
