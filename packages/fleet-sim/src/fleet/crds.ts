import { KubeObject } from '../api/types';

interface CrdSpec {
  group: string;
  version: string;
  kind: string;
  plural: string;
  scope: 'Namespaced' | 'Cluster';
  shortNames?: string[];
  categories?: string[];
  status?: boolean;
  scale?: boolean;
  columns?: Array<{
    name: string;
    type: string;
    jsonPath: string;
    priority?: number;
  }>;
}

/** A CustomResourceDefinition as `kubectl apply` of the project's manifests would create it. */
export function crd(spec: CrdSpec): KubeObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${spec.plural}.${spec.group}` },
    spec: {
      group: spec.group,
      names: {
        kind: spec.kind,
        listKind: `${spec.kind}List`,
        plural: spec.plural,
        singular: spec.kind.toLowerCase(),
        ...(spec.shortNames ? { shortNames: spec.shortNames } : {}),
        ...(spec.categories ? { categories: spec.categories } : {}),
      },
      scope: spec.scope,
      versions: [
        {
          name: spec.version,
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              'x-kubernetes-preserve-unknown-fields': true,
            },
          },
          ...(spec.status || spec.scale
            ? {
                subresources: {
                  ...(spec.status ? { status: {} } : {}),
                  ...(spec.scale
                    ? {
                        scale: {
                          specReplicasPath: '.spec.replicas',
                          statusReplicasPath: '.status.replicas',
                        },
                      }
                    : {}),
                },
              }
            : {}),
          ...(spec.columns ? { additionalPrinterColumns: spec.columns } : {}),
        },
      ],
    },
  };
}

const age = {
  name: 'Age',
  type: 'date',
  jsonPath: '.metadata.creationTimestamp',
};

/** Open Cluster Management's ManagedCluster, as served by the ITS. */
export const managedClusterCrd = crd({
  group: 'cluster.open-cluster-management.io',
  version: 'v1',
  kind: 'ManagedCluster',
  plural: 'managedclusters',
  scope: 'Cluster',
  shortNames: ['mcl', 'mcls'],
  status: true,
  columns: [
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
    {
      name: 'Joined',
      type: 'string',
      jsonPath: '.status.conditions[?(@.type=="ManagedClusterJoined")].status',
    },
    {
      name: 'Available',
      type: 'string',
      jsonPath:
        '.status.conditions[?(@.type=="ManagedClusterConditionAvailable")].status',
    },
    age,
  ],
});

export const manifestWorkCrd = crd({
  group: 'work.open-cluster-management.io',
  version: 'v1',
  kind: 'ManifestWork',
  plural: 'manifestworks',
  scope: 'Namespaced',
  shortNames: ['mw'],
  status: true,
});

export const appliedManifestWorkCrd = crd({
  group: 'work.open-cluster-management.io',
  version: 'v1',
  kind: 'AppliedManifestWork',
  plural: 'appliedmanifestworks',
  scope: 'Cluster',
  status: true,
});

export const workStatusCrd = crd({
  group: 'control.kubestellar.io',
  version: 'v1alpha1',
  kind: 'WorkStatus',
  plural: 'workstatuses',
  scope: 'Namespaced',
  shortNames: ['ws'],
  status: true,
});

export const bindingPolicyCrd = crd({
  group: 'control.kubestellar.io',
  version: 'v1alpha1',
  kind: 'BindingPolicy',
  plural: 'bindingpolicies',
  scope: 'Cluster',
  shortNames: ['bp'],
  status: true,
  columns: [
    {
      name: 'Synced',
      type: 'string',
      jsonPath: '.status.conditions[?(@.type=="Synced")].status',
    },
    {
      name: 'Ready',
      type: 'string',
      jsonPath: '.status.conditions[?(@.type=="Ready")].status',
    },
    age,
  ],
});

export const bindingCrd = crd({
  group: 'control.kubestellar.io',
  version: 'v1alpha1',
  kind: 'Binding',
  plural: 'bindings',
  scope: 'Cluster',
  shortNames: ['bdg'],
  status: true,
});

export const combinedStatusCrd = crd({
  group: 'control.kubestellar.io',
  version: 'v1alpha1',
  kind: 'CombinedStatus',
  plural: 'combinedstatuses',
  scope: 'Namespaced',
  shortNames: ['cs'],
});

export const controlPlaneCrd = crd({
  group: 'tenancy.kflex.kubestellar.org',
  version: 'v1alpha1',
  kind: 'ControlPlane',
  plural: 'controlplanes',
  scope: 'Cluster',
  shortNames: ['cp', 'cps'],
  status: true,
  columns: [
    {
      name: 'Synced',
      type: 'string',
      jsonPath: '.status.conditions[?(@.type=="Synced")].status',
    },
    {
      name: 'Ready',
      type: 'string',
      jsonPath: '.status.conditions[?(@.type=="Ready")].status',
    },
    { name: 'Type', type: 'string', jsonPath: '.spec.type' },
    age,
  ],
});

/** The demo's own custom resource on the WECs: a managed database. */
export const databaseCrd = crd({
  group: 'shop.example.com',
  version: 'v1',
  kind: 'Database',
  plural: 'databases',
  scope: 'Namespaced',
  shortNames: ['db'],
  status: true,
  columns: [
    { name: 'Engine', type: 'string', jsonPath: '.spec.engine' },
    { name: 'Phase', type: 'string', jsonPath: '.status.phase' },
    age,
  ],
});
