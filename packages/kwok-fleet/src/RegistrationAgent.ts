import { appendFileSync } from 'node:fs';
import {
  PatchStrategy,
  setHeaderOptions,
  V1CertificateSigningRequest,
} from '@kubernetes/client-node';
import { ClusterApi } from './ClusterApi';
import {
  AVAILABLE,
  CLEANUP_FINALIZER,
  CLOCK_SYNCED,
  CLUSTER_NAME_LABEL,
  HUB_ACCEPTED,
  JOINED,
  MANAGED_CLUSTERS,
} from './ocm';

interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  lastTransitionTime?: string;
}

interface ManagedCluster {
  metadata: {
    name: string;
    deletionTimestamp?: string;
    finalizers?: string[];
  };
  spec?: { hubAcceptsClient?: boolean };
  status?: { conditions?: Condition[] };
}

/** The registration agent of a WEC of the fleet, as far as the hub can tell. */
export interface Klusterlet {
  /** The WEC's own API server, for the version the agent reports. */
  api: ClusterApi;
  /** The CSR it filed when it joined; once approved, the agent holds a hub certificate. */
  csr?: string;
  /** It holds a hub certificate (a cluster that joined before the fleet began does). */
  certified: boolean;
  version?: string;
}

const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

const find = (conditions: Condition[], type: string) =>
  conditions.find(c => c.type === type);

const isTrue = (conditions: Condition[], type: string) =>
  find(conditions, type)?.status === 'True';

/** Sets a condition as meta.SetStatusCondition does: its transition time moves only with its status. */
function setCondition(conditions: Condition[], next: Condition) {
  const current = find(conditions, next.type);
  const lastTransitionTime =
    current?.status === next.status ? current.lastTransitionTime : now();
  const merged = { ...next, lastTransitionTime };
  return current
    ? conditions.map(c => (c === current ? merged : c))
    : [...conditions, merged];
}

const unavailable: Condition = {
  type: AVAILABLE,
  status: 'Unknown',
  reason: 'ManagedClusterLeaseUpdateStopped',
  message: 'Registration agent stopped updating its lease.',
};

/**
 * The conditions OCM would give a ManagedCluster: its hub's registration controller accepts or
 * denies it, and its klusterlet joins once it holds a certificate and reports itself available
 * while it runs. A cluster the hub never accepted keeps what it has, as in OCM.
 */
export function nextConditions(
  cluster: ManagedCluster,
  klusterletRunning: boolean,
  certified: boolean,
): Condition[] {
  let conditions = cluster.status?.conditions ?? [];
  if (cluster.spec?.hubAcceptsClient !== true) {
    if (!isTrue(conditions, HUB_ACCEPTED)) return conditions;
    conditions = setCondition(conditions, {
      type: HUB_ACCEPTED,
      status: 'False',
      reason: 'HubClusterAdminDenied',
      message: 'Denied by hub cluster admin',
    });
    // Its agent loses its permissions on the hub, so its lease goes stale.
    return find(conditions, AVAILABLE)
      ? setCondition(conditions, unavailable)
      : conditions;
  }
  conditions = setCondition(conditions, {
    type: HUB_ACCEPTED,
    status: 'True',
    reason: 'HubClusterAdminAccepted',
    message: 'Accepted by hub cluster admin',
  });
  const joined = isTrue(conditions, JOINED) || (klusterletRunning && certified);
  if (!joined) return conditions;
  conditions = setCondition(conditions, {
    type: JOINED,
    status: 'True',
    reason: 'ManagedClusterJoined',
    message: 'Managed cluster joined',
  });
  conditions = setCondition(
    conditions,
    klusterletRunning
      ? {
          type: AVAILABLE,
          status: 'True',
          reason: 'ManagedClusterAvailable',
          message: 'Managed cluster is available',
        }
      : unavailable,
  );
  return setCondition(conditions, {
    type: CLOCK_SYNCED,
    status: 'True',
    reason: 'ManagedClusterClockSynced',
    message: 'The clock of the managed cluster is synced with the hub.',
  });
}

const sameConditions = (a: Condition[], b: Condition[]) =>
  a.length === b.length &&
  a.every(c => {
    const other = find(b, c.type);
    return other?.status === c.status && other.reason === c.reason;
  });

const isApproved = (csr: V1CertificateSigningRequest) =>
  Boolean(
    csr.status?.conditions?.some(
      c => c.type === 'Approved' && c.status === 'True',
    ),
  );

/**
 * What a real ITS runs that the KWOK fleet has no binaries for: OCM's hub registration controller
 * and, for each WEC, the klusterlet's registration agent. It polls the ITS's ManagedClusters and
 * CSRs and writes their status through the status subresource, as those controllers do: a cluster
 * the hub accepts whose CSR is approved joins and is available while its control plane runs.
 */
export class RegistrationAgent {
  private readonly mailboxes = new Set<string>();
  private timer?: NodeJS.Timeout;
  private ticking = false;
  private lastError = '';
  /** The clusters accepted and joined as of the last pass: the tunnel a cluster-proxy needs. */
  private readonly joined = new Set<string>();

  constructor(
    /** The ITS's API server, reached directly as its own controllers reach it. */
    private readonly its: ClusterApi,
    private readonly klusterlet: (name: string) => Klusterlet | undefined,
    private readonly logFile: string,
    private readonly intervalMs = 500,
  ) {}

  start() {
    this.timer = setInterval(() => this.tick(), this.intervalMs);
  }

  stop() {
    clearInterval(this.timer);
  }

  /** Whether cluster `name` was accepted and joined at the last pass. */
  isJoined(name: string) {
    return this.joined.has(name);
  }

  private async tick() {
    if (this.ticking) return;
    this.ticking = true;
    try {
      await this.reconcile();
      this.lastError = '';
    } catch (error) {
      // The ITS may be restarting: log each new failure once and try again next time.
      const message = String(error);
      if (message !== this.lastError) {
        appendFileSync(this.logFile, `${now()} ${message}\n`);
      }
      this.lastError = message;
    } finally {
      this.ticking = false;
    }
  }

  /** One pass over every ManagedCluster of the ITS. */
  async reconcile() {
    const [clusters, csrs] = await Promise.all([
      this.its.custom.listClusterCustomObject(MANAGED_CLUSTERS),
      this.its.certificates.listCertificateSigningRequest({
        labelSelector: CLUSTER_NAME_LABEL,
      }),
    ]);
    const approved = new Set(
      csrs.items.filter(isApproved).map(csr => csr.metadata!.name!),
    );
    const present = new Set(
      (clusters.items as ManagedCluster[]).map(c => c.metadata.name),
    );
    for (const name of this.joined)
      if (!present.has(name)) this.joined.delete(name);
    for (const cluster of clusters.items as ManagedCluster[]) {
      const klusterlet = this.klusterlet(cluster.metadata.name);
      if (klusterlet?.csr && approved.has(klusterlet.csr)) {
        klusterlet.certified = true;
      }
      await this.reconcileCluster(cluster, klusterlet);
    }
  }

  private async reconcileCluster(
    cluster: ManagedCluster,
    klusterlet: Klusterlet | undefined,
  ) {
    const { name, deletionTimestamp, finalizers = [] } = cluster.metadata;
    if (deletionTimestamp) {
      this.joined.delete(name);
      // The hub's gc controller: nothing of the cluster's is left to clean up here.
      if (finalizers.includes(CLEANUP_FINALIZER)) {
        await this.setFinalizers(
          name,
          finalizers.filter(f => f !== CLEANUP_FINALIZER),
        );
      }
      return;
    }
    const accepted = cluster.spec?.hubAcceptsClient === true;
    if (accepted) {
      if (!finalizers.includes(CLEANUP_FINALIZER)) {
        await this.setFinalizers(name, [...finalizers, CLEANUP_FINALIZER]);
      }
      await this.ensureMailbox(name);
    }
    const current = cluster.status?.conditions ?? [];
    const conditions = nextConditions(
      cluster,
      Boolean(klusterlet),
      Boolean(klusterlet?.certified),
    );
    if (accepted && isTrue(conditions, JOINED)) this.joined.add(name);
    else this.joined.delete(name);
    const joining = !isTrue(current, JOINED) && isTrue(conditions, JOINED);
    if (sameConditions(current, conditions) && !joining) return;
    const status: Record<string, unknown> = { conditions };
    if (joining && klusterlet) {
      klusterlet.version ??= (
        await klusterlet.api.version.getCode()
      ).gitVersion;
      const version = klusterlet.version;
      status.version = { kubernetes: version };
      status.clusterClaims = [
        { name: 'id.k8s.io', value: name },
        { name: 'kubeversion.open-cluster-management.io', value: version },
        { name: 'platform.open-cluster-management.io', value: 'Other' },
      ];
    }
    await this.its.custom.patchClusterCustomObjectStatus(
      { ...MANAGED_CLUSTERS, name, body: { status } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
  }

  private async setFinalizers(name: string, finalizers: string[]) {
    await this.its.custom.patchClusterCustomObject(
      { ...MANAGED_CLUSTERS, name, body: { metadata: { finalizers } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
  }

  /** The namespace the hub makes for an accepted cluster: its ManifestWorks go there. */
  private async ensureMailbox(name: string) {
    if (this.mailboxes.has(name)) return;
    await this.its.create({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: { [CLUSTER_NAME_LABEL]: name } },
    });
    this.mailboxes.add(name);
  }
}
