import { CodeSnippet, EmptyState } from '@backstage/core-components';

const exampleConfig = `wecs:
  kubeconfig:
    path: /path/to/kubeconfig
    contexts: [cluster1, cluster2]`;

/** Shown when the backend has no cluster to monitor, with the configuration that adds some. */
export const NoClustersState = () => (
  <EmptyState
    missing="data"
    title="No clusters configured"
    description="The WECS backend has no cluster source. Point it at a kubeconfig in app-config.yaml and restart the backend."
    action={<CodeSnippet language="yaml" text={exampleConfig} />}
  />
);
