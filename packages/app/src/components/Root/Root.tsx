import { PropsWithChildren } from 'react';
import {
  Sidebar,
  SidebarDivider,
  SidebarGroup,
  SidebarItem,
  SidebarPage,
  SidebarSpace,
  SidebarSubmenu,
  SidebarSubmenuItem,
} from '@backstage/core-components';
import CategoryIcon from '@material-ui/icons/Category';
import DeviceHubIcon from '@material-ui/icons/DeviceHub';
import DnsIcon from '@material-ui/icons/Dns';
import ExploreIcon from '@material-ui/icons/Explore';
import LayersIcon from '@material-ui/icons/Layers';
import MenuIcon from '@material-ui/icons/Menu';
import PolicyIcon from '@material-ui/icons/Policy';
import StorageIcon from '@material-ui/icons/Storage';
import ViewModuleIcon from '@material-ui/icons/ViewModule';
import { SidebarLogo } from './SidebarLogo';

export const Root = ({ children }: PropsWithChildren<{}>) => (
  <SidebarPage>
    <Sidebar>
      <SidebarLogo />
      <SidebarDivider />
      <SidebarGroup label="Menu" icon={<MenuIcon />}>
        <SidebarItem icon={CategoryIcon} to="catalog" text="Catalog" />
        <SidebarDivider />
        {/* The guide's "click Deployed Workloads in the sidebar": one click away. */}
        <SidebarItem icon={DeviceHubIcon} to="wecs" text="Deployed Workloads" />
        <SidebarItem icon={DnsIcon} text="Infrastructure">
          <SidebarSubmenu title="Infrastructure">
            <SidebarSubmenuItem
              icon={StorageIcon}
              to="managed-clusters"
              title="Managed Clusters"
            />
            <SidebarSubmenuItem
              icon={LayersIcon}
              to="staged-workloads"
              title="Staged Workloads"
            />
            <SidebarSubmenuItem
              icon={ViewModuleIcon}
              to="manage-workloads"
              title="Manage Workloads"
            />
            <SidebarSubmenuItem
              icon={PolicyIcon}
              to="binding-policies"
              title="Binding Policies"
            />
            <SidebarSubmenuItem
              icon={DeviceHubIcon}
              to="wecs"
              title="Deployed Workloads"
            />
            <SidebarSubmenuItem
              icon={ExploreIcon}
              to="object-explorer"
              title="Object Explorer"
            />
          </SidebarSubmenu>
        </SidebarItem>
      </SidebarGroup>
      <SidebarSpace />
    </Sidebar>
    {children}
  </SidebarPage>
);
