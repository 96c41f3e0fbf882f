import { KubeObject } from '@kubestellar/fleet-sim';
import { randomBytes } from 'node:crypto';
import { certificateRequest } from './certificateRequest';

/** The ITS's context name, as KubeStellar's getting-started names its first ITS. */
export const ITS_NAME = 'its1';

export const MANAGED_CLUSTERS = {
  group: 'cluster.open-cluster-management.io',
  version: 'v1',
  plural: 'managedclusters',
};
/** The label OCM puts on a cluster's CSRs (and its mailbox namespace). */
export const CLUSTER_NAME_LABEL = 'open-cluster-management.io/cluster-name';
export const CLUSTERSET_LABEL = 'cluster.open-cluster-management.io/clusterset';
/** The hub's finalizer on accepted clusters; its gc controller removes it on deletion. */
export const CLEANUP_FINALIZER =
  'cluster.open-cluster-management.io/api-resource-cleanup';
export const HUB_ACCEPTED = 'HubAcceptedManagedCluster';
export const JOINED = 'ManagedClusterJoined';
export const AVAILABLE = 'ManagedClusterConditionAvailable';
export const CLOCK_SYNCED = 'ManagedClusterConditionClockSynced';
export const CLIENT_SIGNER = 'kubernetes.io/kube-apiserver-client';

/** The identity `clusteradm join` hands the registration agent for its first requests. */
export const BOOTSTRAP_USER = {
  name: 'system:serviceaccount:open-cluster-management:cluster-bootstrap',
  groups: [
    'system:serviceaccounts',
    'system:serviceaccounts:open-cluster-management',
  ],
};

/** The schema of a metav1.Condition, as controller-gen writes it into every CRD. */
const conditionSchema = {
  type: 'object',
  required: ['lastTransitionTime', 'message', 'reason', 'status', 'type'],
  properties: {
    lastTransitionTime: { type: 'string', format: 'date-time' },
    message: { type: 'string', maxLength: 32768 },
    observedGeneration: { type: 'integer', format: 'int64', minimum: 0 },
    reason: {
      type: 'string',
      maxLength: 1024,
      minLength: 1,
      pattern: '^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$',
    },
    status: { type: 'string', enum: ['True', 'False', 'Unknown'] },
    type: { type: 'string', maxLength: 316 },
  },
};

const resourceList = {
  type: 'object',
  additionalProperties: {
    anyOf: [{ type: 'integer' }, { type: 'string' }],
    'x-kubernetes-int-or-string': true,
  },
};

const statusColumn = (name: string, type: string) => ({
  name,
  type: 'string',
  jsonPath: `.status.conditions[?(@.type=="${type}")].status`,
});

/**
 * OCM's ManagedCluster CRD with a structural schema of the fields the hub and its agents use, so
 * the API server validates and prunes them as a real ITS does.
 */
export const managedClusterCrd: KubeObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'managedclusters.cluster.open-cluster-management.io' },
  spec: {
    group: MANAGED_CLUSTERS.group,
    names: {
      kind: 'ManagedCluster',
      listKind: 'ManagedClusterList',
      plural: MANAGED_CLUSTERS.plural,
      singular: 'managedcluster',
      shortNames: ['mcl', 'mcls'],
    },
    scope: 'Cluster',
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        subresources: { status: {} },
        additionalPrinterColumns: [
          {
            name: 'Hub Accepted',
            type: 'boolean',
            jsonPath: '.spec.hubAcceptsClient',
          },
          {
            name: 'Managed Cluster URLs',
            type: 'string',
            jsonPath: '.spec.managedClusterClientConfigs[*].url',
          },
          statusColumn('Joined', JOINED),
          statusColumn('Available', AVAILABLE),
          {
            name: 'Age',
            type: 'date',
            jsonPath: '.metadata.creationTimestamp',
          },
        ],
        schema: {
          openAPIV3Schema: {
            type: 'object',
            required: ['spec'],
            properties: {
              apiVersion: { type: 'string' },
              kind: { type: 'string' },
              metadata: { type: 'object' },
              spec: {
                type: 'object',
                required: ['hubAcceptsClient'],
                properties: {
                  hubAcceptsClient: { type: 'boolean' },
                  leaseDurationSeconds: {
                    type: 'integer',
                    format: 'int32',
                    default: 60,
                  },
                  managedClusterClientConfigs: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['url'],
                      properties: {
                        url: { type: 'string' },
                        caBundle: { type: 'string', format: 'byte' },
                      },
                    },
                  },
                  taints: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['effect', 'key'],
                      properties: {
                        key: { type: 'string' },
                        value: { type: 'string' },
                        effect: {
                          type: 'string',
                          enum: ['NoSelect', 'PreferNoSelect', 'NoSelectIfNew'],
                        },
                        timeAdded: { type: 'string', format: 'date-time' },
                      },
                    },
                  },
                },
              },
              status: {
                type: 'object',
                properties: {
                  conditions: { type: 'array', items: conditionSchema },
                  capacity: resourceList,
                  allocatable: resourceList,
                  version: {
                    type: 'object',
                    properties: { kubernetes: { type: 'string' } },
                  },
                  clusterClaims: {
                    type: 'array',
                    items: {
                      type: 'object',
                      properties: {
                        name: { type: 'string' },
                        value: { type: 'string' },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    ],
  },
};

/** OCM's ManifestWork, the ITS mailbox item; its workload stays free-form, as in OCM. */
export const manifestWorkCrd: KubeObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'manifestworks.work.open-cluster-management.io' },
  spec: {
    group: 'work.open-cluster-management.io',
    names: {
      kind: 'ManifestWork',
      listKind: 'ManifestWorkList',
      plural: 'manifestworks',
      singular: 'manifestwork',
      shortNames: ['mw'],
    },
    scope: 'Namespaced',
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        subresources: { status: {} },
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                'x-kubernetes-preserve-unknown-fields': true,
              },
              status: {
                type: 'object',
                'x-kubernetes-preserve-unknown-fields': true,
              },
            },
          },
        },
      },
    ],
  },
};

/** Where the klusterlet says its cluster's API server is, as `clusteradm join` fills it in. */
export interface ClusterEndpoint {
  url: string;
  caCert: string;
}

/**
 * A ManagedCluster as a cluster's registration agent creates it when it joins (with
 * `hubAcceptsClient` false), with the default clusterset the hub adds and the labels given; with
 * `hubAcceptsClient` true, as the hub admin has it once the cluster is accepted.
 */
export function managedCluster(
  name: string,
  labels: Record<string, string>,
  endpoint: ClusterEndpoint,
  hubAcceptsClient: boolean,
): KubeObject {
  return {
    apiVersion: `${MANAGED_CLUSTERS.group}/${MANAGED_CLUSTERS.version}`,
    kind: 'ManagedCluster',
    metadata: { name, labels: { [CLUSTERSET_LABEL]: 'default', ...labels } },
    spec: {
      hubAcceptsClient,
      leaseDurationSeconds: 60,
      managedClusterClientConfigs: [
        {
          url: endpoint.url,
          caBundle: Buffer.from(endpoint.caCert).toString('base64'),
        },
      ],
    },
  };
}

/**
 * The CSR a joining cluster's registration agent files for its hub client certificate: a real
 * P-256 request for the identity OCM gives the agent, named `<cluster>-<5 random>` by the API
 * server.
 */
export function registrationCsr(name: string): KubeObject {
  const agent = randomBytes(4).toString('hex');
  const { pem } = certificateRequest([
    ['O', `system:open-cluster-management:${name}`],
    ['O', 'system:open-cluster-management:managed-clusters'],
    ['CN', `system:open-cluster-management:${name}:${agent}`],
  ]);
  return {
    apiVersion: 'certificates.k8s.io/v1',
    kind: 'CertificateSigningRequest',
    metadata: {
      generateName: `${name}-`,
      labels: {
        [CLUSTER_NAME_LABEL]: name,
        'open-cluster-management.io/agent-name': agent,
      },
    },
    spec: {
      request: Buffer.from(pem).toString('base64'),
      signerName: CLIENT_SIGNER,
      usages: ['digital signature', 'key encipherment', 'client auth'],
    },
  };
}
