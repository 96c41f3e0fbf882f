import { Config } from '@backstage/config';
import { KubeConfig } from '@kubernetes/client-node';
import { ClusterClient } from '@kubestellar/plugin-wecs-node';

/**
 * How to reach WECs through OCM's cluster-proxy addon (its service proxy, the
 * `cluster-proxy-addon-user` endpoint on the hub): `url/<cluster>/<Kubernetes API path>`
 * reaches each managed cluster's API server over the addon's reverse tunnel, so the WECs need
 * no kubeconfig context of their own and may sit behind NAT.
 */
export interface ClusterProxySettings {
  /** The service proxy's base URL, e.g. `https://cluster-proxy-addon-user.open-cluster-management-addon.svc:9092`. */
  url: string;
  /** The CA that signed the service proxy's certificate; unset: the ITS context's CA. */
  caFile?: string;
  /**
   * Sent as `Impersonate-User` and `Impersonate-Group`, which the addon forwards unchanged with
   * the ITS token; unset, the addon impersonates the ITS token's own hub identity.
   */
  impersonate?: { user: string; groups: string[] };
}

/** Reads `wecs.its.clusterProxy`; a URL that is not https is a configuration error. */
export function clusterProxyFromConfig(
  config: Config | undefined,
): ClusterProxySettings | undefined {
  if (!config) return undefined;
  const url = config.getString('url');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`wecs.its.clusterProxy.url "${url}" is not a URL`);
  }
  if (parsed.protocol !== 'https:') {
    throw new Error(
      `wecs.its.clusterProxy.url must be an https URL (the addon's service proxy serves TLS), got "${url}"`,
    );
  }
  const impersonate = config.getOptionalConfig('impersonate');
  return {
    url: url.replace(/\/+$/, ''),
    caFile: config.getOptionalString('caFile'),
    impersonate: impersonate && {
      user: impersonate.getString('user'),
      groups: impersonate.getOptionalStringArray('groups') ?? [],
    },
  };
}

/**
 * A client for managed cluster `name` through the cluster-proxy, with the ITS context's
 * credentials: the addon authenticates them against the hub and impersonates that identity on
 * the managed cluster (or forwards the impersonation asked for).
 */
export function clusterProxyClient(
  kubeConfig: KubeConfig,
  itsContext: string,
  name: string,
  settings: ClusterProxySettings,
): ClusterClient | undefined {
  const context = kubeConfig.getContextObject(itsContext);
  const its = context && kubeConfig.getCluster(context.cluster);
  const user = context && kubeConfig.getUser(context.user);
  if (!context || !its || !user) return undefined;
  const contextName = `${name}@${itsContext}-cluster-proxy`;
  const proxied = new KubeConfig();
  proxied.loadFromOptions({
    clusters: [
      {
        name: contextName,
        server: `${settings.url}/${encodeURIComponent(name)}`,
        skipTLSVerify: false,
        ...(settings.caFile
          ? { caFile: settings.caFile }
          : { caFile: its.caFile, caData: its.caData }),
      },
    ],
    users: [user],
    contexts: [{ name: contextName, cluster: contextName, user: user.name }],
    currentContext: contextName,
  });
  const headers: Record<string, string | string[]> = {};
  if (settings.impersonate) {
    headers['Impersonate-User'] = settings.impersonate.user;
    if (settings.impersonate.groups.length)
      headers['Impersonate-Group'] = settings.impersonate.groups;
  }
  return new ClusterClient(proxied, contextName, { headers });
}
