import {
  Content,
  ContentHeader,
  Header,
  Page,
  SupportButton,
} from '@backstage/core-components';
import { Breadcrumbs, Link, Typography } from '@material-ui/core';
import { ReactNode } from 'react';
import { LiveConnectionStatus } from '../../api';
import { LiveStatus } from '../LiveStatus';

/** One step of a view's breadcrumbs; the last is where the user is. */
export interface Crumb {
  label: string;
  /** Goes back up to this step; unset for the current one and for group names. */
  onClick?: () => void;
}

/**
 * The frame of the KubeStellar views: header, breadcrumbs from "Infrastructure" down to the
 * selection, the live status of the view's socket and a help button.
 */
export const KubeStellarLayout = ({
  title,
  subtitle,
  crumbs = [],
  view,
  help,
  children,
}: {
  title: string;
  subtitle: string;
  /** Steps below the view's own title, e.g. the selected namespace. */
  crumbs?: Crumb[];
  /** The page's live connection: its state shows beside the title, with a refresh. */
  view: LiveConnectionStatus & { refresh: () => void };
  help: ReactNode;
  children: ReactNode;
}) => {
  const trail: Crumb[] = [{ label: 'Infrastructure' }, ...crumbs];
  return (
    <Page themeId="tool">
      <Header title={title} subtitle={subtitle} />
      <Content>
        <ContentHeader
          titleComponent={
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
                    color={
                      index === trail.length - 1 ? 'textPrimary' : 'inherit'
                    }
                  >
                    {crumb.label}
                  </Typography>
                ),
              )}
            </Breadcrumbs>
          }
        >
          <LiveStatus view={view} onRefresh={view.refresh} />
          <SupportButton>{help}</SupportButton>
        </ContentHeader>
        {children}
      </Content>
    </Page>
  );
};
