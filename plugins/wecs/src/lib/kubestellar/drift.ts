/** Metadata that API servers set for themselves, or that the transport leaves behind. */
const SERVER_METADATA = [
  'uid',
  'resourceVersion',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'generateName',
  'generation',
  'managedFields',
  'ownerReferences',
  'finalizers',
  'selfLink',
];

/** Annotations that controllers and clients write on each cluster of their own accord. */
const LOCAL_ANNOTATIONS = [
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
];

/** Labels the API server puts on a Job's pod template, naming that cluster's own Job. */
const JOB_TEMPLATE_LABELS = [
  'controller-uid',
  'batch.kubernetes.io/controller-uid',
  'job-name',
  'batch.kubernetes.io/job-name',
];

/**
 * The spec without what each cluster sets for itself and KubeStellar's transport leaves out:
 * a Service's cluster IPs (unless headless), a Job's selector, suspension and the labels its
 * selector matches.
 */
function withoutClusterLocalFields(
  kind: string | undefined,
  spec: Record<string, any> | undefined,
  headless: boolean,
): Record<string, any> | undefined {
  if (!spec) return spec;
  if (kind === 'Service' && !headless) {
    const { clusterIP: _ip, clusterIPs: _ips, ...kept } = spec;
    return kept;
  }
  if (kind === 'Job') {
    const { selector: _selector, suspend: _suspend, ...kept } = spec;
    const labels = kept.template?.metadata?.labels;
    if (labels) {
      kept.template = {
        ...kept.template,
        metadata: {
          ...kept.template.metadata,
          labels: Object.fromEntries(
            Object.entries(labels).filter(
              ([key]) => !JOB_TEMPLATE_LABELS.includes(key),
            ),
          ),
        },
      };
    }
    return kept;
  }
  return spec;
}

/** One field the WDS copy sets that its delivered copy does not hold with the same value. */
export interface DriftedField {
  /** Where, e.g. `spec.template.spec.containers[0].image` or `metadata.labels["app"]`. */
  path: string;
  desired: unknown;
  /** Undefined when the delivered copy lacks the field. */
  actual: unknown;
}

/**
 * What an object asks of the cluster it is delivered to, as KubeStellar's transport carries it:
 * its fields without status or what each cluster sets for itself, and of its metadata the
 * name, namespace, labels and annotations. Whether a Service is headless is read from
 * `reference`, so that a delivered copy is trimmed as its WDS copy is.
 */
export function desiredOf(
  object: Record<string, any>,
  reference: Record<string, any> = object,
): Record<string, any> {
  const {
    status: _status,
    metadata = {},
    apiVersion,
    kind,
    spec,
    ...rest
  } = object;
  const kept = Object.fromEntries(
    Object.entries(metadata).filter(([key]) => !SERVER_METADATA.includes(key)),
  );
  if (kept.annotations) {
    const annotations = Object.fromEntries(
      Object.entries(kept.annotations as Record<string, string>).filter(
        ([key]) => !LOCAL_ANNOTATIONS.includes(key),
      ),
    );
    if (Object.keys(annotations).length) kept.annotations = annotations;
    else delete kept.annotations;
  }
  const desiredSpec = withoutClusterLocalFields(
    kind,
    spec,
    reference.spec?.clusterIP === 'None',
  );
  return {
    apiVersion,
    kind,
    metadata: kept,
    ...(desiredSpec ? { spec: desiredSpec } : {}),
    ...rest,
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const childPath = (path: string, key: string) =>
  /^[A-Za-z_][A-Za-z0-9_]*$/.test(key)
    ? `${path ? `${path}.` : ''}${key}`
    : `${path}[${JSON.stringify(key)}]`;

function compare(
  desired: unknown,
  actual: unknown,
  path: string,
  out: DriftedField[],
) {
  if (isRecord(desired) && isRecord(actual)) {
    for (const [key, value] of Object.entries(desired)) {
      compare(value, actual[key], childPath(path, key), out);
    }
  } else if (
    Array.isArray(desired) &&
    Array.isArray(actual) &&
    desired.length === actual.length
  ) {
    desired.forEach((item, index) =>
      compare(item, actual[index], `${path}[${index}]`, out),
    );
  } else if (JSON.stringify(desired) !== JSON.stringify(actual)) {
    out.push({ path, desired, actual });
  }
}

/**
 * The fields the WDS copy sets whose value differs on the delivered copy: a local edit, an
 * autoscaler, a mutating webhook, or a change still in transit. Fields only the delivered copy
 * has (defaults, status, what its cluster adds) are not drift; a list of another length is,
 * as a whole.
 */
export function driftBetween(
  wdsCopy: Record<string, any>,
  deliveredCopy: Record<string, any>,
): DriftedField[] {
  const out: DriftedField[] = [];
  compare(desiredOf(wdsCopy), desiredOf(deliveredCopy, wdsCopy), '', out);
  return out;
}
