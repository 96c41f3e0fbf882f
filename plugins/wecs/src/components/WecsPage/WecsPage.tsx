import {
  Content,
  ContentHeader,
  Header,
  Page,
  SupportButton,
} from '@backstage/core-components';
import { LiveStatus, useFleet } from '../../live';
import { ConfiguredClusters } from '../ClusterTable';

/** The "Deployed Workloads" page of the WECS plugin. */
export const WecsPage = () => {
  const fleet = useFleet({});
  return (
    <Page themeId="tool">
      <Header
        title="Deployed Workloads"
        subtitle="WECS: live workloads in every KubeStellar workload execution cluster"
      />
      <Content>
        <ContentHeader title="Fleet">
          <LiveStatus view={fleet} onRefresh={fleet.refresh} />
          <SupportButton>
            Every workload the remote clusters run, grouped by cluster,
            namespace and kind.
          </SupportButton>
        </ContentHeader>
        <ConfiguredClusters view={fleet} />
      </Content>
    </Page>
  );
};
