/* eslint-disable no-console -- the test reports how long the control planes took to start */
import {
  PatchStrategy,
  setHeaderOptions,
  V1CertificateSigningRequest,
} from '@kubernetes/client-node';
import { KubeConfig } from '@kubernetes/client-node';
import { BINARIES_ENV } from './binaries';
import { ClusterApi } from './ClusterApi';
import { KwokFleet } from './KwokFleet';
import {
  AVAILABLE,
  BOOTSTRAP_USER,
  CLUSTER_NAME_LABEL,
  HUB_ACCEPTED,
  JOINED,
  MANAGED_CLUSTERS,
} from './ocm';

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** Polls `check` until it returns something truthy, or fails with `what` at the deadline. */
async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const result = await check();
      if (result) return result;
    } catch (error) {
      last = error;
    }
    await sleep(250);
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last}` : ''}`);
}

const condition = (cluster: any, type: string) =>
  (cluster.status?.conditions ?? []).find((c: any) => c.type === type);

const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

const haveBinaries = Boolean(process.env[BINARIES_ENV]);
const describeKwok = haveBinaries ? describe : describe.skip;
if (!haveBinaries) {
  console.log(
    `KwokFleet tests skipped: ${BINARIES_ENV} is unset (tools/k8s/build.sh builds the control plane; ./wecs sets it)`,
  );
}

describeKwok('KwokFleet with an ITS', () => {
  let fleet: KwokFleet;
  let its: ClusterApi;

  const managedCluster = (name: string): Promise<any> =>
    its.custom.getClusterCustomObject({ ...MANAGED_CLUSTERS, name });

  const csrsOf = async (name: string) =>
    (
      await its.certificates.listCertificateSigningRequest({
        labelSelector: `${CLUSTER_NAME_LABEL}=${name}`,
      })
    ).items;

  beforeAll(async () => {
    const started = Date.now();
    fleet = await KwokFleet.start({ clusters: 1, its: true });
    console.log(
      `an ITS and 1 WEC started in ${(Date.now() - started) / 1000} s`,
    );
    its = fleet.api('its1');
  }, 180_000);

  afterAll(() => fleet?.stop(), 60_000);

  it('holds an accepted, joined, available ManagedCluster per WEC', async () => {
    expect(fleet.wecNames).toEqual(['cluster1']);
    expect(fleet.contextNames).toEqual(['its1', 'cluster1']);
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromString(fleet.kubeconfig());
    expect(kubeConfig.getContexts().map(c => c.name)).toEqual([
      'its1',
      'cluster1',
    ]);
    expect(kubeConfig.getCurrentContext()).toBe('cluster1');

    const cluster1 = await managedCluster('cluster1');
    expect(cluster1.spec.hubAcceptsClient).toBe(true);
    expect(cluster1.metadata.labels).toMatchObject({
      'location-group': 'edge',
      name: 'cluster1',
      region: 'us-east-1',
    });
    for (const type of [HUB_ACCEPTED, JOINED, AVAILABLE]) {
      expect(condition(cluster1, type)?.status).toBe('True');
    }
    expect(cluster1.status.version.kubernetes).toMatch(/^v1\./);
    // The hub made its mailbox namespace on accepting it.
    await its.core.readNamespace({ name: 'cluster1' });
  });

  it('adds a cluster that joins, is accepted and denied as in OCM', async () => {
    const started = Date.now();
    await fleet.addCluster('cluster2', { env: 'edge' });
    console.log(`cluster2 added in ${(Date.now() - started) / 1000} s`);
    expect(fleet.wecNames).toEqual(['cluster1', 'cluster2']);

    // Its API server answers with the seeded WEC.
    const wec = fleet.api('cluster2');
    const nodes = await wec.core.listNode();
    expect(nodes.items.map(n => n.metadata!.name)).toContain(
      'cluster2-control-plane',
    );

    // What `clusteradm join` leaves: a cluster the hub has not accepted and a pending CSR.
    const pending = await managedCluster('cluster2');
    expect(pending.spec.hubAcceptsClient).toBe(false);
    expect(pending.metadata.labels).toMatchObject({ env: 'edge' });
    expect(pending.spec.managedClusterClientConfigs[0].url).toBe(
      fleet.member('cluster2').url,
    );
    const [csr, ...others] = await csrsOf('cluster2');
    expect(others).toEqual([]);
    expect(csr.metadata!.name).toMatch(/^cluster2-[a-z0-9]{5}$/);
    expect(csr.spec.signerName).toBe('kubernetes.io/kube-apiserver-client');
    expect(csr.spec.username).toBe(BOOTSTRAP_USER.name);
    expect(Buffer.from(csr.spec.request, 'base64').toString()).toMatch(
      /^-----BEGIN CERTIFICATE REQUEST-----/,
    );
    expect(csr.status?.conditions ?? []).toEqual([]);

    // Accepted without an approved CSR, it cannot join.
    await its.custom.patchClusterCustomObject(
      {
        ...MANAGED_CLUSTERS,
        name: 'cluster2',
        body: { spec: { hubAcceptsClient: true } },
      },
      mergePatch,
    );
    await eventually('cluster2 to be accepted', async () => {
      const cluster = await managedCluster('cluster2');
      return condition(cluster, HUB_ACCEPTED)?.status === 'True';
    });
    expect(condition(await managedCluster('cluster2'), JOINED)).toBeUndefined();

    // `clusteradm accept` approves its CSR too: then it joins and is available.
    const approval: V1CertificateSigningRequest = {
      ...csr,
      status: {
        conditions: [
          {
            type: 'Approved',
            status: 'True',
            reason: 'AutoApprovedByHubCSRApprovingController',
            message: 'Approved by the test as clusteradm accept does',
          },
        ],
      },
    };
    await its.certificates.replaceCertificateSigningRequestApproval({
      name: csr.metadata!.name!,
      body: approval,
    });
    const joined = await eventually('cluster2 to be available', async () => {
      const cluster = await managedCluster('cluster2');
      return condition(cluster, AVAILABLE)?.status === 'True' && cluster;
    });
    expect(condition(joined, JOINED)?.status).toBe('True');
    expect(joined.metadata.finalizers).toContain(
      'cluster.open-cluster-management.io/api-resource-cleanup',
    );
    await its.core.readNamespace({ name: 'cluster2' });

    // Denied again, it is no longer available.
    await its.custom.patchClusterCustomObject(
      {
        ...MANAGED_CLUSTERS,
        name: 'cluster2',
        body: { spec: { hubAcceptsClient: false } },
      },
      mergePatch,
    );
    const denied = await eventually('cluster2 to be denied', async () => {
      const cluster = await managedCluster('cluster2');
      return condition(cluster, AVAILABLE)?.status === 'Unknown' && cluster;
    });
    expect(condition(denied, HUB_ACCEPTED)).toMatchObject({
      status: 'False',
      reason: 'HubClusterAdminDenied',
    });

    // Removed, its context goes; deleting its ManagedCluster is the caller's.
    await fleet.removeCluster('cluster2');
    expect(fleet.wecNames).toEqual(['cluster1']);
    expect(fleet.kubeconfig()).not.toContain('cluster2');
    await its.custom.deleteClusterCustomObject({
      ...MANAGED_CLUSTERS,
      name: 'cluster2',
    });
    await eventually('cluster2 ManagedCluster to be gone', async () => {
      try {
        await managedCluster('cluster2');
        return false;
      } catch (error) {
        return (error as { code?: number }).code === 404;
      }
    });
  }, 180_000);

  it('makes the ITS unreachable and reachable again', async () => {
    await fleet.setReachable('its1', false);
    await expect(managedCluster('cluster1')).rejects.toMatchObject({
      cause: { code: 'ECONNREFUSED' },
    });
    await fleet.setReachable('its1', true);
    expect((await managedCluster('cluster1')).metadata.name).toBe('cluster1');
  });
});
