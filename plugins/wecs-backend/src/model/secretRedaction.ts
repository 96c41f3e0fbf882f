import { REDACTED_SECRET_VALUE } from '@kubestellar/plugin-wecs-common';

/**
 * Shown instead of each Secret value to users without `wecs.secrets.read`: the marker the
 * frontend knows. Writes that carry it are refused, so that it never lands over a real value.
 */
export const REDACTED = REDACTED_SECRET_VALUE;

/** The annotation `kubectl apply` leaves: the whole object as applied, values included. */
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * Deeper than any Kubernetes object nests; what lies below is hidden rather than walked, so that
 * a hostile object can neither hide a value down there nor exhaust the stack.
 */
const MAX_DEPTH = 100;

type Obj = Record<string, unknown>;

const isObject = (value: unknown): value is Obj =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every value of a map replaced by the marker, its keys kept; anything else is hidden whole. */
function maskedValues(map: unknown): unknown {
  if (map === undefined || map === null) return map;
  if (!isObject(map)) return REDACTED;
  return Object.fromEntries(Object.keys(map).map(key => [key, REDACTED]));
}

/** Every scalar below `value` replaced by the marker: the shape and keys stay, no value does. */
function maskedLeaves(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return value;
  if (depth > MAX_DEPTH) return REDACTED;
  if (Array.isArray(value)) return value.map(v => maskedLeaves(v, depth + 1));
  if (isObject(value))
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, maskedLeaves(v, depth + 1)]),
    );
  return REDACTED;
}

/** The same object with some keys set to new values; the input is never changed. */
const withFields = (object: Obj, fields: Obj): Obj => ({
  ...object,
  ...fields,
});

/** A JSON text with the Secret values it carries redacted; the marker when it is not JSON. */
function redactedJsonText(text: string, depth: number): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return REDACTED;
  }
  const redacted = redactAt(parsed, depth + 1);
  return redacted === parsed ? text : JSON.stringify(redacted);
}

/** Whether a reference (OCM's resourceMeta, KubeStellar's sourceRef) names a Secret. */
const isSecretReference = (ref: unknown) =>
  isObject(ref) &&
  (ref.kind === 'Secret' || (ref.resource === 'secrets' && !ref.group));

/** A Secret with its data and stringData values masked. */
function secretRedacted(secret: Obj): Obj {
  const fields: Obj = {};
  if (secret.data !== undefined) fields.data = maskedValues(secret.data);
  if (secret.stringData !== undefined)
    fields.stringData = maskedValues(secret.stringData);
  return Object.keys(fields).length ? withFields(secret, fields) : secret;
}

/**
 * The rules for the kinds that hold or carry Secret values, applied to an object whose members
 * were already walked:
 * - a Secret: its data and stringData values (a Helm release Secret's release among them);
 * - a SecretList: its items, which the API server sends without a kind;
 * - a ConfigMap of Helm's configmap driver (label owner=helm): the release it stores, with
 *   the chart's Secrets inside;
 * - a ManifestWork's status of an embedded Secret: the values of its status feedback;
 * - a KubeStellar WorkStatus of a Secret: its raw status;
 * - a KubeStellar CombinedStatus of a Secret: the values of its collected columns.
 * Embedded manifests (a ManifestWork's spec.workload.manifests, a List's items) need no rule
 * of their own: they are objects, walked like any other.
 */
function carrierRedacted(object: Obj): Obj {
  switch (object.kind) {
    case 'Secret':
      return secretRedacted(object);
    case 'SecretList':
      return Array.isArray(object.items)
        ? withFields(object, {
            items: object.items.map(item =>
              isObject(item) ? secretRedacted(item) : item,
            ),
          })
        : object;
    case 'ConfigMap': {
      const labels = isObject(object.metadata)
        ? object.metadata.labels
        : undefined;
      if (!isObject(labels) || labels.owner !== 'helm') return object;
      return withFields(object, {
        ...(object.data !== undefined
          ? { data: maskedValues(object.data) }
          : {}),
        ...(object.binaryData !== undefined
          ? { binaryData: maskedValues(object.binaryData) }
          : {}),
      });
    }
    case 'WorkStatus': {
      const sourceRef = isObject(object.spec)
        ? object.spec.sourceRef
        : undefined;
      return isSecretReference(sourceRef) && object.status !== undefined
        ? withFields(object, { status: maskedLeaves(object.status) })
        : object;
    }
    case 'CombinedStatus':
      return combinedStatusOfSecret(object)
        ? withFields(object, { results: maskedColumns(object.results) })
        : object;
    default:
      return object;
  }
}

/** Whether a CombinedStatus reports on a Secret, by the labels KubeStellar gives it. */
function combinedStatusOfSecret(object: Obj): boolean {
  const labels = isObject(object.metadata) ? object.metadata.labels : undefined;
  if (!isObject(labels)) return false;
  const group = labels['status.kubestellar.io/api-group'];
  return (
    labels['status.kubestellar.io/resource'] === 'secrets' &&
    (group === undefined || group === '' || group === 'core')
  );
}

/** A CombinedStatus's results with each column's value masked, its type and names kept. */
function maskedColumns(results: unknown): unknown {
  if (!Array.isArray(results)) return maskedLeaves(results);
  return results.map(result => {
    if (!isObject(result) || !Array.isArray(result.rows))
      return maskedLeaves(result);
    return withFields(result, {
      rows: result.rows.map(row =>
        isObject(row) && Array.isArray(row.columns)
          ? withFields(row, {
              columns: row.columns.map(column =>
                isObject(column)
                  ? Object.fromEntries(
                      Object.entries(column).map(([key, value]) => [
                        key,
                        key === 'type' ? value : maskedLeaves(value),
                      ]),
                    )
                  : REDACTED,
              ),
            })
          : maskedLeaves(row),
      ),
    });
  });
}

/**
 * A ManifestWork's status of one manifest (`resourceMeta` and `statusFeedbacks`): when the
 * manifest is a Secret, the feedback values are masked, their names and types kept.
 */
function feedbackRedacted(object: Obj): Obj {
  if (!isSecretReference(object.resourceMeta)) return object;
  const feedbacks = object.statusFeedbacks;
  if (!isObject(feedbacks) || !Array.isArray(feedbacks.values)) {
    return feedbacks === undefined
      ? object
      : withFields(object, { statusFeedbacks: maskedLeaves(feedbacks) });
  }
  return withFields(object, {
    statusFeedbacks: withFields(feedbacks, {
      values: feedbacks.values.map(value =>
        isObject(value) && isObject(value.fieldValue)
          ? withFields(value, {
              fieldValue: Object.fromEntries(
                Object.entries(value.fieldValue).map(([key, v]) => [
                  key,
                  key === 'type' ? v : REDACTED,
                ]),
              ),
            })
          : maskedLeaves(value),
      ),
    }),
  });
}

/**
 * An object's annotations (`metadata`, or a slim object, holds them) with the last-applied
 * configuration's values redacted, when there is one.
 */
function lastAppliedRedacted(object: Obj, depth: number): Obj {
  const annotations = object.annotations;
  if (!isObject(annotations) || annotations[LAST_APPLIED] === undefined)
    return object;
  const applied = annotations[LAST_APPLIED];
  const redacted =
    typeof applied === 'string' ? redactedJsonText(applied, depth) : REDACTED;
  if (redacted === applied) return object;
  return withFields(object, {
    annotations: withFields(annotations, { [LAST_APPLIED]: redacted }),
  });
}

/** Walks `value`, copying only what changes, so that an untouched value comes back as itself. */
function redactAt(value: unknown, depth: number): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depth > MAX_DEPTH) return REDACTED;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let index = 0; index < value.length; index++) {
      const item = value[index];
      // Scalars are left as they are without a call: most of what is walked is scalars.
      if (typeof item !== 'object' || item === null) continue;
      const redacted = redactAt(item, depth + 1);
      if (redacted !== item) {
        copy ??= value.slice();
        copy[index] = redacted;
      }
    }
    return copy ?? value;
  }
  let object = value as Obj;
  let copy: Obj | undefined;
  // Objects parsed from JSON inherit no enumerable keys: for-in walks their own, unallocated.
  // eslint-disable-next-line guard-for-in
  for (const key in object) {
    const member = object[key];
    let redacted: unknown = member;
    if (typeof member === 'object' && member !== null) {
      redacted = redactAt(member, depth + 1);
    } else if (key === 'jsonRaw' && typeof member === 'string') {
      // OCM's status feedback carries whole JSON documents as text.
      redacted = redactedJsonText(member, depth);
    }
    if (redacted !== member) {
      copy ??= { ...object };
      copy[key] = redacted;
    }
  }
  object = copy ?? object;
  if ('annotations' in object) object = lastAppliedRedacted(object, depth);
  if (typeof object.kind === 'string') object = carrierRedacted(object);
  return 'resourceMeta' in object ? feedbackRedacted(object) : object;
}

/**
 * `value` as a user without `wecs.secrets.read` may see it: every Secret value replaced by
 * REDACTED, wherever it travels — a Secret's data and stringData (keys kept, so users see which
 * exist), the same inside any object that embeds a Secret (a ManifestWork's manifests, a List),
 * the last-applied annotation of any object, a ManifestWork's status feedback and OCM's
 * `jsonRaw` texts, KubeStellar's WorkStatus and CombinedStatus of a Secret, and Helm's release
 * records (Secrets, and ConfigMaps labelled owner=helm). Returns `value` itself when it carries
 * no Secret value, so callers learn cheaply whether there was anything to hide; the input is
 * never changed.
 */
export function redactSecretValues<T>(value: T): T {
  return redactAt(value, 0) as T;
}

/**
 * Where `value` holds the REDACTED marker (a path such as `spec.workload.manifests[0].data.x`),
 * or undefined when it does not. A write whose body holds it would put the marker where a Secret
 * value was; walked without recursion, so any depth is safe.
 */
export function findRedactedMarker(value: unknown): string | undefined {
  const pending: Array<[unknown, string]> = [[value, '']];
  while (pending.length) {
    const [current, path] = pending.pop()!;
    if (typeof current === 'string') {
      if (current.includes(REDACTED)) return path || '(the body)';
    } else if (Array.isArray(current)) {
      // Pushed last first, so that the first marker in document order is the one named.
      for (let index = current.length - 1; index >= 0; index--)
        pending.push([current[index], `${path}[${index}]`]);
    } else if (isObject(current)) {
      const entries = Object.entries(current);
      for (let index = entries.length - 1; index >= 0; index--) {
        const [key, member] = entries[index];
        pending.push([member, path ? `${path}.${key}` : key]);
      }
    }
  }
  return undefined;
}
