import { KubeObject } from './types';

/** The parts of a structural OpenAPI v3 schema that decide what an API server keeps. */
export interface StructuralSchema {
  type?: string;
  properties?: Record<string, StructuralSchema>;
  additionalProperties?: StructuralSchema | boolean;
  items?: StructuralSchema;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  Boolean(value) && typeof value === 'object' && !Array.isArray(value);

function pruneValue(
  value: unknown,
  schema: StructuralSchema | undefined,
): unknown {
  if (!schema) return value;
  if (Array.isArray(value))
    return value.map(item => pruneValue(item, schema.items));
  if (!isObject(value)) return value;
  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;
  const additional = schema.additionalProperties;
  const kept: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    const known = schema.properties?.[key];
    if (known) kept[key] = pruneValue(field, known);
    else if (isObject(additional)) kept[key] = pruneValue(field, additional);
    else if (
      preserve ||
      additional === true ||
      (schema['x-kubernetes-embedded-resource'] &&
        ['apiVersion', 'kind', 'metadata'].includes(key))
    )
      kept[key] = field;
  }
  return kept;
}

/**
 * Drops the fields of a custom resource its CRD's schema does not declare, as a real API server
 * does (apiextensions.k8s.io/v1 CRDs always prune, unless a level says
 * x-kubernetes-preserve-unknown-fields). apiVersion, kind and metadata are always kept.
 */
export function pruneUnknownFields(
  object: KubeObject,
  schema: StructuralSchema | undefined,
): KubeObject {
  if (!schema) return object;
  const { apiVersion, kind, metadata, ...rest } = object;
  const pruned = pruneValue(rest, schema) as Record<string, unknown>;
  return { apiVersion, kind, metadata, ...pruned } as KubeObject;
}
