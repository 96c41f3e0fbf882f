/** What the Summary shows of one container of a pod or a pod template. */
export interface ContainerFacts {
  name: string;
  role: 'init' | 'main';
  image?: string;
  ports: string[];
  /** Each variable with its value, or where its value comes from. */
  env: string[];
  /** The ConfigMaps and Secrets whose keys all become variables. */
  envFrom: string[];
  mounts: string[];
  requests?: string;
  limits?: string;
}

const quantities = (map?: Record<string, string>) =>
  map && Object.keys(map).length
    ? Object.entries(map)
        .map(([key, value]) => `${key} ${value}`)
        .join(', ')
    : undefined;

/** Where a variable's value comes from: `Secret db-credentials, key password`. */
function valueSource(from: any): string {
  if (from.secretKeyRef) {
    return `Secret ${from.secretKeyRef.name}, key ${from.secretKeyRef.key}`;
  }
  if (from.configMapKeyRef) {
    return `ConfigMap ${from.configMapKeyRef.name}, key ${from.configMapKeyRef.key}`;
  }
  if (from.fieldRef) return `field ${from.fieldRef.fieldPath}`;
  if (from.resourceFieldRef) {
    return `resource ${from.resourceFieldRef.resource}`;
  }
  return 'a reference';
}

/** A source of variables: `Secret payments-credentials, prefixed DB_ (optional)`. */
function envFromText(source: any): string {
  const ref = source.secretRef ?? source.configMapRef;
  const kind = source.secretRef ? 'Secret' : 'ConfigMap';
  return `${kind} ${ref?.name ?? '?'}${
    source.prefix ? `, prefixed ${source.prefix}` : ''
  }${ref?.optional ? ' (optional)' : ''}`;
}

/** The pod template of a workload controller, or the pod spec of a Pod. */
export function podSpecOf(object: any): any {
  return (
    object.spec?.template?.spec ??
    object.spec?.jobTemplate?.spec?.template?.spec ??
    (object.kind === 'Pod' ? object.spec : undefined)
  );
}

const containerFacts =
  (role: ContainerFacts['role']) =>
  (c: any): ContainerFacts => ({
    name: c.name,
    role,
    image: c.image,
    ports: (c.ports ?? []).map(
      (p: any) =>
        `${p.containerPort}/${p.protocol ?? 'TCP'}${
          p.name ? ` (${p.name})` : ''
        }`,
    ),
    env: (c.env ?? []).map((e: any) =>
      e.valueFrom
        ? `${e.name} from ${valueSource(e.valueFrom)}`
        : `${e.name}=${e.value ?? ''}`,
    ),
    envFrom: (c.envFrom ?? []).map(envFromText),
    mounts: (c.volumeMounts ?? []).map(
      (m: any) =>
        `${m.mountPath} ← ${m.name}${m.readOnly ? ' (read-only)' : ''}`,
    ),
    requests: quantities(c.resources?.requests),
    limits: quantities(c.resources?.limits),
  });

/**
 * The containers of a pod or of a workload's pod template, init containers first: image,
 * ports, variables (set, referenced, and imported whole with `envFrom`), mounts and resources.
 */
export function containersOf(object: any): ContainerFacts[] {
  const podSpec = podSpecOf(object);
  return [
    ...(podSpec?.initContainers ?? []).map(containerFacts('init')),
    ...(podSpec?.containers ?? []).map(containerFacts('main')),
  ];
}
