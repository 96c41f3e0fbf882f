import type { StructuralSchema } from './prune';
/** A served resource type, the facts discovery publishes and the API routes need. */
export interface ResourceType {
  /** '' for the core group. */
  group: string;
  version: string;
  kind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  /** Subresources served besides the object itself. */
  subresources?: Array<'status' | 'scale' | 'log' | 'approval'>;
  /** Only get/list/watch (e.g. a view onto another resource's objects). */
  readOnly?: boolean;
  /** Only create, and nothing is stored: a review the server answers (TokenReview). */
  createOnly?: boolean;
  /** Set for types defined by a CustomResourceDefinition. */
  custom?: CustomTypeFacts;
}

export interface CustomTypeFacts {
  crdName: string;
  printerColumns: PrinterColumn[];
  /** The version's openAPIV3Schema: what the API server keeps of an object. */
  schema?: StructuralSchema;
  /** JSON path of the replicas fields for the scale subresource. */
  scale?: { specReplicasPath: string; statusReplicasPath: string };
}

export interface PrinterColumn {
  name: string;
  type: string;
  jsonPath: string;
  description?: string;
  priority?: number;
}

export const groupVersionOf = (type: ResourceType) =>
  type.group ? `${type.group}/${type.version}` : type.version;

/** The key a type is stored and routed under: `<group>/<plural>` (group may be empty). */
export const typeKeyOf = (type: Pick<ResourceType, 'group' | 'plural'>) =>
  `${type.group}/${type.plural}`;

const ALL_VERBS = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];
const READ_VERBS = ['get', 'list', 'watch'];

export const verbsOf = (type: ResourceType) => {
  if (type.createOnly) return ['create'];
  return type.readOnly ? READ_VERBS : ALL_VERBS;
};

/** Whether the kind carries a spec whose changes bump metadata.generation. */
export const hasGeneration = (type: ResourceType) =>
  !['Namespace', 'Node', 'Event', 'ConfigMap', 'Secret', 'Endpoints'].includes(
    type.kind,
  ) && type.group !== 'events.k8s.io';

const core = (
  kind: string,
  plural: string,
  namespaced: boolean,
  extra: Partial<ResourceType> = {},
): ResourceType => ({
  group: '',
  version: 'v1',
  kind,
  plural,
  singular: kind.toLowerCase(),
  namespaced,
  ...extra,
});

const grouped = (
  group: string,
  version: string,
  kind: string,
  plural: string,
  namespaced: boolean,
  extra: Partial<ResourceType> = {},
): ResourceType => ({
  group,
  version,
  kind,
  plural,
  singular: kind.toLowerCase(),
  namespaced,
  ...extra,
});

/** The built-in types every simulated cluster serves, as Kubernetes 1.32 names them. */
export const BUILTIN_TYPES: ResourceType[] = [
  core('Namespace', 'namespaces', false, {
    shortNames: ['ns'],
    subresources: ['status'],
  }),
  core('Node', 'nodes', false, {
    shortNames: ['no'],
    subresources: ['status'],
  }),
  core('Pod', 'pods', true, {
    shortNames: ['po'],
    categories: ['all'],
    subresources: ['status', 'log'],
  }),
  core('Service', 'services', true, {
    shortNames: ['svc'],
    categories: ['all'],
    subresources: ['status'],
  }),
  core('Endpoints', 'endpoints', true, {
    shortNames: ['ep'],
    singular: 'endpoints',
  }),
  core('ConfigMap', 'configmaps', true, { shortNames: ['cm'] }),
  core('Secret', 'secrets', true),
  core('ServiceAccount', 'serviceaccounts', true, { shortNames: ['sa'] }),
  core('PersistentVolume', 'persistentvolumes', false, {
    shortNames: ['pv'],
    subresources: ['status'],
  }),
  core('PersistentVolumeClaim', 'persistentvolumeclaims', true, {
    shortNames: ['pvc'],
    subresources: ['status'],
  }),
  core('Event', 'events', true, { shortNames: ['ev'] }),
  grouped('apps', 'v1', 'Deployment', 'deployments', true, {
    shortNames: ['deploy'],
    categories: ['all'],
    subresources: ['status', 'scale'],
  }),
  grouped('apps', 'v1', 'ReplicaSet', 'replicasets', true, {
    shortNames: ['rs'],
    categories: ['all'],
    subresources: ['status', 'scale'],
  }),
  grouped('apps', 'v1', 'StatefulSet', 'statefulsets', true, {
    shortNames: ['sts'],
    categories: ['all'],
    subresources: ['status', 'scale'],
  }),
  grouped('apps', 'v1', 'DaemonSet', 'daemonsets', true, {
    shortNames: ['ds'],
    categories: ['all'],
    subresources: ['status'],
  }),
  grouped('batch', 'v1', 'Job', 'jobs', true, {
    categories: ['all'],
    subresources: ['status'],
  }),
  grouped('batch', 'v1', 'CronJob', 'cronjobs', true, {
    shortNames: ['cj'],
    categories: ['all'],
    subresources: ['status'],
  }),
  grouped('networking.k8s.io', 'v1', 'Ingress', 'ingresses', true, {
    shortNames: ['ing'],
    subresources: ['status'],
  }),
  grouped('storage.k8s.io', 'v1', 'StorageClass', 'storageclasses', false, {
    shortNames: ['sc'],
  }),
  grouped('events.k8s.io', 'v1', 'Event', 'events', true, {
    shortNames: ['ev'],
  }),
  grouped(
    'apiextensions.k8s.io',
    'v1',
    'CustomResourceDefinition',
    'customresourcedefinitions',
    false,
    { shortNames: ['crd', 'crds'], subresources: ['status'] },
  ),
  grouped('coordination.k8s.io', 'v1', 'Lease', 'leases', true),
  grouped(
    'certificates.k8s.io',
    'v1',
    'CertificateSigningRequest',
    'certificatesigningrequests',
    false,
    { shortNames: ['csr'], subresources: ['status', 'approval'] },
  ),
  grouped('authentication.k8s.io', 'v1', 'TokenReview', 'tokenreviews', false, {
    createOnly: true,
  }),
];

/**
 * events.k8s.io/v1 Events are another view of the core/v1 Events: one set of objects, two
 * shapes, as in a real API server. The store keeps them under the core type.
 */
export const storageTypeKeyOf = (type: ResourceType) =>
  type.group === 'events.k8s.io' ? '/events' : typeKeyOf(type);
