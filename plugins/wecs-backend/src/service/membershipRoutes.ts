import { ConflictError } from '@backstage/errors';
import {
  ClusterMembershipAction,
  WecsClusterActionResult,
  wecsClustersManagePermission,
} from '@kubestellar/plugin-wecs-common';
import { Router } from 'express';
import { RouteContext } from './routeContext';

const CSRS = '/apis/certificates.k8s.io/v1/certificatesigningrequests';
const CLUSTER_NAME_LABEL = 'open-cluster-management.io/cluster-name';
const MERGE_PATCH = 'application/merge-patch+json';

const hasCondition = (object: any, type: string) =>
  (object?.status?.conditions ?? []).some(
    (c: any) => c?.type === type && c?.status === 'True',
  );

/**
 * Fleet membership, done on the ITS as KubeStellar's operators do it:
 *
 *   POST /clusters/:cluster/accept   approve the cluster's pending CSRs and set
 *                                    spec.hubAcceptsClient (what `clusteradm accept` does)
 *   POST /clusters/:cluster/detach   clear spec.hubAcceptsClient: the hub stops accepting it
 *
 * Both need `wecs.clusters.manage`, are audited, and answer 409 when they do not apply. The
 * backend follows the ITS, so the cluster joins or leaves the live views on its own.
 */
export function addMembershipRoutes(router: Router, context: RouteContext) {
  const { requirePermission, audited, call, clusterObject } = context;

  const answer = (
    cluster: string,
    action: ClusterMembershipAction,
    message: string,
  ): WecsClusterActionResult => ({ cluster, action, message });

  router.post('/clusters/:cluster/accept', async (req, res) => {
    await requirePermission(req, wecsClustersManagePermission);
    const name = req.params.cluster;
    const { client, path, holder } = clusterObject(name);
    const managed = await call(holder, () => client.getJson(path));
    const accepted = managed.spec?.hubAcceptsClient === true;
    if (accepted && hasCondition(managed, 'ManagedClusterJoined')) {
      throw new ConflictError(`${name} is accepted and joined already`);
    }
    const approved = await audited(
      req,
      'cluster-accept',
      { cluster: name, kind: 'ManagedCluster', name },
      async () => {
        const csrs = await call(holder, () =>
          client.getJson(
            `${CSRS}?labelSelector=${encodeURIComponent(
              `${CLUSTER_NAME_LABEL}=${name}`,
            )}`,
          ),
        );
        const names: string[] = [];
        for (const csr of csrs.items ?? []) {
          if (hasCondition(csr, 'Approved') || hasCondition(csr, 'Denied'))
            continue;
          const csrName: string = csr.metadata.name;
          const conditions = [
            ...(csr.status?.conditions ?? []),
            {
              type: 'Approved',
              status: 'True',
              reason: 'ApprovedInWECS',
              message: `The hub accepted cluster ${name} in WECS`,
              lastUpdateTime: new Date().toISOString(),
            },
          ];
          await call(holder, () =>
            client.sendJson(
              'PUT',
              `${CSRS}/${encodeURIComponent(csrName)}/approval`,
              { ...csr, status: { ...csr.status, conditions } },
            ),
          );
          names.push(csrName);
        }
        if (!accepted) {
          await call(holder, () =>
            client.sendJson(
              'PATCH',
              path,
              { spec: { hubAcceptsClient: true } },
              MERGE_PATCH,
            ),
          );
        }
        return names;
      },
    );
    const csrText = approved.length
      ? ` and approved its certificate signing request${
          approved.length > 1 ? 's' : ''
        } ${approved.join(', ')}`
      : '';
    res.json(
      answer(
        name,
        'accept',
        `Accepted ${name} on ${holder}${csrText}; it is watched once its agent joins`,
      ),
    );
  });

  router.post('/clusters/:cluster/detach', async (req, res) => {
    await requirePermission(req, wecsClustersManagePermission);
    const name = req.params.cluster;
    const { client, path, holder } = clusterObject(name);
    const managed = await call(holder, () => client.getJson(path));
    if (managed.spec?.hubAcceptsClient !== true) {
      throw new ConflictError(
        `${name} is not accepted by the hub; there is nothing to detach`,
      );
    }
    await audited(
      req,
      'cluster-detach',
      { cluster: name, kind: 'ManagedCluster', name },
      () =>
        call(holder, () =>
          client.sendJson(
            'PATCH',
            path,
            { spec: { hubAcceptsClient: false } },
            MERGE_PATCH,
          ),
        ),
    );
    res.json(
      answer(
        name,
        'detach',
        `Detached ${name}: ${holder} no longer accepts it (spec.hubAcceptsClient: false), so its watches stop and KubeStellar stops delivering to it; Accept brings it back`,
      ),
    );
  });
}
