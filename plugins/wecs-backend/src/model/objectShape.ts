/**
 * The shape every object from a cluster must have before the backend keeps it: what the slim
 * projection (slimResource, normalizeStatus) and the store read, each of the type they read it
 * as. A cluster is untrusted input: client-node's types say what an object should be, not what
 * arrived. An object that does not fit is left out (and logged by whoever received it), so that
 * one odd object never stops the rest.
 */

/** What a field holds; every field is optional (absent or null) unless checked apart. */
type Shape =
  | 'string'
  | 'number'
  | 'boolean'
  /** Any JSON object: its keys are read, not its values. */
  | 'object'
  /** A JSON object whose listed fields, where present, have their shapes. */
  | { fields: Record<string, Shape> }
  /** An array whose items have the shape. */
  | { items: Shape }
  /** A JSON object whose every value has the shape (labels, annotations). */
  | { values: Shape };

const fields = (shape: Record<string, Shape>): Shape => ({ fields: shape });
const listOf = (shape: Shape): Shape => ({ items: shape });
const mapOf = (shape: Shape): Shape => ({ values: shape });

const conditions = listOf(
  fields({ type: 'string', status: 'string', reason: 'string' }),
);

const containers = listOf(
  fields({ name: 'string', image: 'string', restartPolicy: 'string' }),
);

const podSpec = fields({
  containers,
  initContainers: containers,
  ephemeralContainers: containers,
  nodeName: 'string',
});

const containerStatuses = listOf(
  fields({
    restartCount: 'number',
    ready: 'boolean',
    state: fields({
      waiting: fields({ reason: 'string' }),
      terminated: fields({ reason: 'string', exitCode: 'number' }),
    }),
  }),
);

const template = fields({ spec: podSpec });

const selectors = listOf(
  fields({
    matchLabels: mapOf('string'),
    matchExpressions: listOf('object'),
  }),
);

const replicaCounts = (names: string[]) =>
  Object.fromEntries(names.map(name => [name, 'number' as Shape]));

/** What the slim projection reads of each kind, beyond metadata and status conditions. */
const KIND_SHAPES: Record<string, Record<string, Shape>> = {
  Pod: {
    spec: podSpec,
    status: fields({
      phase: 'string',
      reason: 'string',
      podIP: 'string',
      conditions,
      containerStatuses,
      initContainerStatuses: containerStatuses,
    }),
  },
  Deployment: {
    spec: fields({ replicas: 'number', template }),
    status: fields({
      conditions,
      ...replicaCounts([
        'readyReplicas',
        'availableReplicas',
        'updatedReplicas',
      ]),
    }),
  },
  DaemonSet: {
    spec: fields({ template }),
    status: fields({
      conditions,
      ...replicaCounts([
        'desiredNumberScheduled',
        'numberReady',
        'numberAvailable',
        'updatedNumberScheduled',
      ]),
    }),
  },
  Job: {
    spec: fields({ completions: 'number', suspend: 'boolean', template }),
    status: fields({ conditions, succeeded: 'number', active: 'number' }),
  },
  CronJob: {
    spec: fields({
      schedule: 'string',
      suspend: 'boolean',
      jobTemplate: fields({ spec: fields({ template }) }),
    }),
    status: fields({ active: listOf('object') }),
  },
  ConfigMap: { data: 'object', binaryData: 'object' },
  Secret: { data: 'object', type: 'string' },
  Service: {
    spec: fields({ type: 'string' }),
    status: fields({
      conditions,
      loadBalancer: fields({ ingress: listOf('object') }),
    }),
  },
  Endpoints: { subsets: listOf(fields({ addresses: listOf('object') })) },
  ManagedCluster: {
    spec: fields({ hubAcceptsClient: 'boolean' }),
    status: fields({
      conditions,
      version: fields({ kubernetes: 'string' }),
      capacity: 'object',
      allocatable: 'object',
    }),
  },
  BindingPolicy: {
    spec: fields({
      clusterSelectors: selectors,
      downsync: listOf(
        fields({
          apiGroup: 'string',
          resources: listOf('string'),
          namespaces: listOf('string'),
          objectNames: listOf('string'),
          namespaceSelectors: selectors,
          objectSelectors: selectors,
          createOnly: 'boolean',
        }),
      ),
    }),
    status: fields({
      conditions,
      observedGeneration: 'number',
      errors: listOf('string'),
    }),
  },
  Binding: {
    spec: fields({
      workload: fields({
        clusterScope: listOf(
          fields({
            group: 'string',
            version: 'string',
            resource: 'string',
            name: 'string',
          }),
        ),
        namespaceScope: listOf(
          fields({
            group: 'string',
            version: 'string',
            resource: 'string',
            namespace: 'string',
            name: 'string',
          }),
        ),
      }),
      destinations: listOf(fields({ clusterId: 'string' })),
    }),
  },
};
KIND_SHAPES.StatefulSet = KIND_SHAPES.Deployment;
KIND_SHAPES.ReplicaSet = KIND_SHAPES.Deployment;

const METADATA = fields({
  generateName: 'string',
  creationTimestamp: 'string',
  deletionTimestamp: 'string',
  generation: 'number',
  labels: mapOf('string'),
  annotations: mapOf('string'),
  ownerReferences: listOf(
    fields({
      apiVersion: 'string',
      kind: 'string',
      name: 'string',
      uid: 'string',
      controller: 'boolean',
    }),
  ),
});

/** `a string`, `an array`, `null`: how a problem names what arrived. */
function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Text from a cluster as a problem quotes it: short, and on one line whatever it holds. */
const quoted = (text: string) => JSON.stringify(text.slice(0, 64));

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const expected = (shape: Shape) => {
  if (typeof shape === 'string')
    return shape === 'object' ? 'an object' : `a ${shape}`;
  return 'items' in shape ? 'an array' : 'an object';
};

/** A field's key as a problem names it: `.key`, or `["key"]` for one that is not plain. */
const keyStep = (key: string) =>
  /^[\w./-]{1,64}$/.test(key) ? `.${key}` : `[${quoted(key)}]`;

/**
 * Where `value` does not fit `shape`, as `<path below>: expected X, got Y` (the path below the
 * value, `''` for the value itself), or undefined when it fits. Every object of a million
 * passes here: nothing is built, no path or message, until something does not fit.
 */
function shapeProblem(value: unknown, shape: Shape): string | undefined {
  if (value === undefined || value === null) return undefined;
  const wrong = () =>
    `: expected ${expected(shape)}, got ${describeValue(value)}`;
  if (typeof shape === 'string') {
    if (shape === 'object') return isPlainObject(value) ? undefined : wrong();
    if (shape === 'number')
      return typeof value === 'number' && Number.isFinite(value)
        ? undefined
        : wrong();
    return typeof value === shape ? undefined : wrong();
  }
  if ('items' in shape) {
    if (!Array.isArray(value)) return wrong();
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      const problem =
        item === null || item === undefined
          ? `: expected ${expected(shape.items)}, got ${describeValue(item)}`
          : shapeProblem(item, shape.items);
      if (problem) return `[${i}]${problem}`;
    }
    return undefined;
  }
  if (!isPlainObject(value)) return wrong();
  if ('values' in shape) {
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      const item = value[key];
      const problem =
        item === null
          ? `: expected ${expected(shape.values)}, got null`
          : shapeProblem(item, shape.values);
      if (problem) return `${keyStep(key)}${problem}`;
    }
    return undefined;
  }
  for (const key in shape.fields) {
    if (!Object.hasOwn(shape.fields, key)) continue;
    const problem = shapeProblem(value[key], shape.fields[key]);
    if (problem) return `.${key}${problem}`;
  }
  return undefined;
}

/** A problem of the value at `path`, as `path…: expected X, got Y`; undefined when none. */
const problemAt = (path: string, problem: string | undefined) =>
  problem === undefined ? undefined : `${path}${problem}`;

/**
 * An object name as the API serves it: text of 1 to 253 characters that can be a path segment
 * (no `/` or `%`, not `.` or `..`) and holds no control characters or spaces. Kinds differ in
 * what more they ask (most want a DNS subdomain, RBAC allows `:`); this is what every kind keeps.
 */
const OBJECT_NAME = /^[^/%\s\p{Cc}]{1,253}$/u;
/** A namespace: an RFC 1123 label. */
const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** A uid or a resourceVersion: opaque, but short printable text without spaces. */
const OPAQUE_TOKEN = /^[\x21-\x7e]{1,128}$/;
/** A kind as discovery names it. */
const KIND = /^[A-Za-z][A-Za-z0-9]{0,62}$/;

function identityProblem(
  meta: Record<string, unknown>,
  kind: unknown,
  apiVersion: unknown,
): string | undefined {
  const { name, namespace, uid, resourceVersion } = meta;
  if (typeof kind !== 'string' || !KIND.test(kind))
    return `kind: expected a kind name, got ${describeValue(kind)}`;
  if (typeof apiVersion !== 'string' || apiVersion === '')
    return `apiVersion: expected a group version, got ${describeValue(
      apiVersion,
    )}`;
  if (typeof name !== 'string')
    return `metadata.name: expected a string, got ${describeValue(name)}`;
  if (name === '.' || name === '..' || !OBJECT_NAME.test(name))
    return `metadata.name: ${quoted(name)} is not an object name`;
  if (namespace !== undefined && namespace !== null) {
    if (typeof namespace !== 'string')
      return `metadata.namespace: expected a string, got ${describeValue(
        namespace,
      )}`;
    if (namespace !== '' && !NAMESPACE.test(namespace))
      return `metadata.namespace: ${quoted(namespace)} is not a namespace name`;
  }
  if (typeof uid !== 'string' || !OPAQUE_TOKEN.test(uid))
    return `metadata.uid: expected a uid, got ${
      typeof uid === 'string' ? quoted(uid) : describeValue(uid)
    }`;
  if (
    typeof resourceVersion !== 'string' ||
    !OPAQUE_TOKEN.test(resourceVersion)
  )
    return `metadata.resourceVersion: expected a resourceVersion, got ${
      typeof resourceVersion === 'string'
        ? quoted(resourceVersion)
        : describeValue(resourceVersion)
    }`;
  return undefined;
}

/**
 * Why an object from a cluster cannot be kept, as `field: expected X, got Y`, or undefined when
 * it can: kind and apiVersion, a name, namespace, uid and resourceVersion of sane form, labels
 * and annotations that map to strings, owner references that are well-formed references, and
 * every status or spec field the slim projection reads of a known kind of the type it reads it
 * as (the API server holds those kinds to their schema; custom resources define their own).
 */
export function objectShapeProblem(object: unknown): string | undefined {
  if (!isPlainObject(object))
    return `expected an object, got ${describeValue(object)}`;
  const meta = object.metadata;
  if (!isPlainObject(meta))
    return `metadata: expected an object, got ${describeValue(meta)}`;
  const identity = identityProblem(meta, object.kind, object.apiVersion);
  if (identity) return identity;
  const metadataProblem = problemAt('metadata', shapeProblem(meta, METADATA));
  if (metadataProblem) return metadataProblem;
  const owners = (meta.ownerReferences as unknown[] | undefined) ?? [];
  for (const [index, owner] of owners.entries()) {
    const missing = ['apiVersion', 'kind', 'name', 'uid'].find(
      key => typeof (owner as Record<string, unknown>)[key] !== 'string',
    );
    if (missing)
      return `metadata.ownerReferences[${index}].${missing}: expected a string, got nothing`;
  }
  // Custom resources define their own status; the generic reading of it copes with any shape.
  const kindShape = Object.hasOwn(KIND_SHAPES, object.kind as string)
    ? KIND_SHAPES[object.kind as string]
    : {};
  for (const key in kindShape) {
    if (!Object.hasOwn(kindShape, key)) continue;
    const problem = problemAt(key, shapeProblem(object[key], kindShape[key]));
    if (problem) return problem;
  }
  return undefined;
}

/**
 * A short, safe name of an object that did not fit, for a log line: its namespace and name and
 * its uid where they are text, whatever else arrived in their place otherwise.
 */
export function describeMalformed(object: unknown): string {
  const meta = isPlainObject(object) ? object.metadata : undefined;
  const part = (value: unknown) =>
    typeof value === 'string'
      ? value.slice(0, 64).replace(/\p{Cc}/gu, '?')
      : `<${describeValue(value)}${
          typeof value === 'number' ? ` ${value}` : ''
        }>`;
  if (!isPlainObject(meta)) return '<no metadata>';
  const name = `${
    meta.namespace === undefined ? '' : `${part(meta.namespace)}/`
  }${part(meta.name)}`;
  return meta.uid === undefined ? name : `${name} (uid ${part(meta.uid)})`;
}
