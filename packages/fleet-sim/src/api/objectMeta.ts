/**
 * What a Kubernetes API server's JSON decoding refuses in an object's metadata: a field of the
 * wrong JSON type (a number for a name, a string for the owner references) never reaches
 * validation; the server answers 400 with Go's unmarshal message, which this repeats.
 */

/** Go's name for the JSON type of a value, as `json: cannot unmarshal X into ...` says it. */
function jsonTypeOf(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'boolean') return 'bool';
  return typeof value;
}

type GoType =
  | 'string'
  | 'types.UID'
  | 'int64'
  | '*bool'
  | 'map[string]string'
  | '[]string'
  | '[]v1.OwnerReference';

/** Whether a JSON value decodes into the Go type; null decodes into anything. */
function decodes(value: unknown, type: GoType): boolean {
  if (value === null || value === undefined) return true;
  if (type === 'int64')
    return typeof value === 'number' && Number.isInteger(value);
  if (type === '*bool') return typeof value === 'boolean';
  if (type === 'map[string]string')
    return typeof value === 'object' && !Array.isArray(value);
  if (type.startsWith('[]')) return Array.isArray(value);
  return typeof value === 'string';
}

const OBJECT_META: Record<string, GoType> = {
  name: 'string',
  generateName: 'string',
  namespace: 'string',
  uid: 'types.UID',
  resourceVersion: 'string',
  generation: 'int64',
  labels: 'map[string]string',
  annotations: 'map[string]string',
  finalizers: '[]string',
  ownerReferences: '[]v1.OwnerReference',
};

const OWNER_REFERENCE: Record<string, GoType> = {
  apiVersion: 'string',
  kind: 'string',
  name: 'string',
  uid: 'types.UID',
  controller: '*bool',
  blockOwnerDeletion: '*bool',
};

const unmarshalError = (
  value: unknown,
  struct: string,
  field: string,
  type: string,
) =>
  `json: cannot unmarshal ${jsonTypeOf(
    value,
  )} into Go struct field ${struct}.${field} of type ${type}`;

/**
 * Go's unmarshal error for the first metadata field of `object` whose JSON type does not fit
 * ObjectMeta, or undefined when every field fits; the API server answers it as a 400
 * (`<Kind> in version "<version>" cannot be handled as a <Kind>: <this>`).
 */
export function objectMetaDecodeError(object: {
  metadata?: unknown;
}): string | undefined {
  const meta = object.metadata;
  if (meta === undefined || meta === null) return undefined;
  if (typeof meta !== 'object' || Array.isArray(meta))
    return `json: cannot unmarshal ${jsonTypeOf(
      meta,
    )} into Go struct field .metadata of type v1.ObjectMeta`;
  const fields = meta as Record<string, unknown>;
  for (const [field, type] of Object.entries(OBJECT_META)) {
    const value = fields[field];
    if (!decodes(value, type))
      return unmarshalError(value, 'ObjectMeta', `metadata.${field}`, type);
    // The values of a map and the items of a list decode as strings.
    if (type === 'map[string]string' || type === '[]string') {
      const items = Object.values((value as object) ?? {});
      const wrong = items.find(item => !decodes(item, 'string'));
      if (wrong !== undefined)
        return unmarshalError(
          wrong,
          'ObjectMeta',
          `metadata.${field}`,
          'string',
        );
    }
  }
  for (const reference of (fields.ownerReferences as unknown[]) ?? []) {
    if (reference === null) continue;
    if (typeof reference !== 'object' || Array.isArray(reference))
      return unmarshalError(
        reference,
        'ObjectMeta',
        'metadata.ownerReferences',
        'v1.OwnerReference',
      );
    for (const [field, type] of Object.entries(OWNER_REFERENCE)) {
      const value = (reference as Record<string, unknown>)[field];
      if (!decodes(value, type))
        return unmarshalError(
          value,
          'OwnerReference',
          `metadata.ownerReferences.${field}`,
          type,
        );
    }
  }
  return undefined;
}
