import {
  Content,
  Header,
  Page,
  SupportButton,
} from '@backstage/core-components';
import { Breadcrumbs, Link, Typography } from '@material-ui/core';
import { ClusterRole } from '@kubestellar/plugin-wecs-common';
import { ComponentType, memo, ReactNode } from 'react';
import { LiveConnectionStatus } from '../../api';
import { useClusterRefresh, WHOLE_FLEET } from '../../hooks/useClusterRefresh';
import { LiveStatus } from '../LiveStatus';
import { ViewHeader } from './ViewHeader';

/** One step of a view's breadcrumbs; the last is where the user is. */
export interface Crumb {
  label: string;
  /** Goes back up to this step; unset for the current one and for group names. */
  onClick?: () => void;
}

/**
 * A plugin page's frame: Backstage's page, header and content around the page's view. Its
 * props never change while the page is open, so it draws once, even when a navigation (a
 * selection kept in the URL) draws the route again: `Page` hands MUI a new theme each time it
 * draws, which would attach every style sheet below it again. The view reads its own state.
 */
export const PluginPage = memo(function PluginPageFrame({
  title,
  subtitle,
  view: View,
}: {
  title: string;
  subtitle: string;
  view: ComponentType;
}) {
  return (
    <Page themeId="tool">
      <Header title={title} subtitle={subtitle} />
      <Content>
        <View />
      </Content>
    </Page>
  );
});

/**
 * The top of a KubeStellar view, inside its `PluginPage`: breadcrumbs from "Infrastructure"
 * down to the selection, the live status of the view's socket with Refresh, and a help button.
 * Refresh lists the clusters the view reads again from their API servers (those of
 * `refreshes`, every cluster when it is empty), then has the view sent again.
 */
export const KubeStellarLayout = ({
  crumbs = [],
  view,
  refreshes,
  help,
  children,
}: {
  /** Steps below the view's own title, e.g. the selected namespace. */
  crumbs?: Crumb[];
  /** The page's live connection: its state shows beside the title, with a refresh. */
  view: LiveConnectionStatus & { refresh: () => void };
  /** The roles of the clusters the view reads (the WDS, the ITS, the WECs); empty: all. */
  refreshes: readonly ClusterRole[];
  help: ReactNode;
  children: ReactNode;
}) => {
  const trail: Crumb[] = [{ label: 'Infrastructure' }, ...crumbs];
  const { refresh, refreshing } = useClusterRefresh(refreshes, view.refresh);
  return (
    <>
      <ViewHeader
        title={
          <Breadcrumbs aria-label="Breadcrumbs">
            {trail.map((crumb, index) =>
              crumb.onClick && index < trail.length - 1 ? (
                <Link
                  key={`${index}:${crumb.label}`}
                  component="button"
                  variant="body1"
                  onClick={crumb.onClick}
                >
                  {crumb.label}
                </Link>
              ) : (
                <Typography
                  key={`${index}:${crumb.label}`}
                  color={index === trail.length - 1 ? 'textPrimary' : 'inherit'}
                >
                  {crumb.label}
                </Typography>
              ),
            )}
          </Breadcrumbs>
        }
      >
        <LiveStatus
          view={view}
          onRefresh={() => refresh()}
          refreshing={refreshing.has(WHOLE_FLEET)}
        />
        <SupportButton>{help}</SupportButton>
      </ViewHeader>
      {children}
    </>
  );
};
