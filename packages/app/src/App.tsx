import { Navigate, Route } from 'react-router-dom';
import { createApp } from '@backstage/app-defaults';
import { AppRouter, FlatRoutes } from '@backstage/core-app-api';
import {
  AlertDisplay,
  OAuthRequestDialog,
  SignInPage,
} from '@backstage/core-components';
import {
  CatalogEntityPage,
  CatalogIndexPage,
  catalogPlugin,
} from '@backstage/plugin-catalog';
import {
  BindingPoliciesPage,
  ManagedClustersPage,
  ManageWorkloadsPage,
  ObjectExplorerPage,
  StagedWorkloadsPage,
  DeployedWorkloadsPage,
} from '@kubestellar/plugin-wecs';
import { apis } from './apis';
import { entityPage } from './components/catalog/EntityPage';
import { Root } from './components/Root';

const app = createApp({
  apis,
  plugins: [catalogPlugin],
  components: {
    SignInPage: props => <SignInPage {...props} auto providers={['guest']} />,
  },
});

const routes = (
  <FlatRoutes>
    <Route path="/" element={<Navigate to="wecs" />} />
    <Route
      path="/catalog"
      element={<CatalogIndexPage initiallySelectedFilter="all" />}
    />
    <Route
      path="/catalog/:namespace/:kind/:name"
      element={<CatalogEntityPage />}
    >
      {entityPage}
    </Route>
    <Route path="/wecs" element={<DeployedWorkloadsPage />} />
    <Route path="/managed-clusters" element={<ManagedClustersPage />} />
    <Route path="/staged-workloads" element={<StagedWorkloadsPage />} />
    <Route path="/manage-workloads" element={<ManageWorkloadsPage />} />
    <Route path="/binding-policies" element={<BindingPoliciesPage />} />
    <Route path="/object-explorer" element={<ObjectExplorerPage />} />
  </FlatRoutes>
);

export default app.createRoot(
  <>
    <AlertDisplay />
    <OAuthRequestDialog />
    <AppRouter>
      <Root>{routes}</Root>
    </AppRouter>
  </>,
);
