import { applyPatch, Operation } from 'fast-json-patch';
import { badRequest, unsupportedMediaType } from './status';

type Json = unknown;
type JsonObject = Record<string, Json>;

const isObject = (value: Json): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** RFC 7386 JSON merge patch: objects merge, null deletes, anything else replaces. */
export function mergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return patch;
  const result: JsonObject = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

/**
 * The merge keys of the lists that strategic merge patch merges element by element, as the
 * Kubernetes API types declare them (patchMergeKey). Lists not named here are replaced.
 */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  env: 'name',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  ownerReferences: 'uid',
  conditions: 'type',
  topologySpreadConstraints: 'topologyKey',
  resourceClaims: 'name',
  ports: 'containerPort',
};

/** Service and endpoint ports merge on `port`, container ports on `containerPort`. */
function mergeKeyFor(field: string, items: Json[]): string | undefined {
  if (field === 'ports') {
    const sample = items.find(isObject);
    if (sample && 'port' in sample && !('containerPort' in sample))
      return 'port';
  }
  return MERGE_KEYS[field];
}

/** Lists of scalars that merge as sets. */
const SET_LISTS = new Set(['finalizers']);

/**
 * Strategic merge patch, the patch kubectl apply and kubectl edit send for built-in types:
 * a merge patch whose keyed lists merge element by element, with the `$patch`,
 * `$deleteFromPrimitiveList/`, `$setElementOrder/` and `$retainKeys` directives.
 */
export function strategicMergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return patch;
  if (patch.$patch === 'replace') {
    const { $patch: _, ...rest } = patch;
    return rest;
  }
  if (patch.$patch === 'delete') return undefined;
  const result: JsonObject = isObject(target) ? { ...target } : {};
  const retainKeys = Array.isArray(patch.$retainKeys)
    ? new Set(patch.$retainKeys as string[])
    : undefined;
  for (const [key, value] of Object.entries(patch)) {
    if (key === '$patch' || key === '$retainKeys') continue;
    if (key.startsWith('$setElementOrder/')) continue;
    if (key.startsWith('$deleteFromPrimitiveList/')) {
      const field = key.slice('$deleteFromPrimitiveList/'.length);
      const removed = new Set(value as Json[]);
      if (Array.isArray(result[field])) {
        result[field] = (result[field] as Json[]).filter(v => !removed.has(v));
      }
      continue;
    }
    if (value === null) {
      delete result[key];
    } else if (Array.isArray(value)) {
      result[key] = mergeList(key, result[key], value);
    } else if (isObject(value)) {
      const merged = strategicMergePatch(result[key], value);
      if (merged === undefined) delete result[key];
      else result[key] = merged;
    } else {
      result[key] = value;
    }
  }
  if (retainKeys) {
    for (const key of Object.keys(result)) {
      if (!retainKeys.has(key)) delete result[key];
    }
  }
  return result;
}

function mergeList(field: string, current: Json, patch: Json[]): Json[] {
  const existing = Array.isArray(current) ? current : [];
  if (SET_LISTS.has(field)) {
    return [...new Set([...existing, ...patch])];
  }
  const replaceDirective = patch.find(
    item => isObject(item) && item.$patch === 'replace',
  );
  if (replaceDirective) {
    return patch.filter(item => item !== replaceDirective);
  }
  const mergeKey = mergeKeyFor(field, [...patch, ...existing]);
  if (!mergeKey || !patch.every(isObject)) {
    return patch;
  }
  const result = existing.map(item => item);
  for (const item of patch as JsonObject[]) {
    const index = result.findIndex(
      e => isObject(e) && e[mergeKey] === item[mergeKey],
    );
    if (item.$patch === 'delete') {
      if (index >= 0) result.splice(index, 1);
    } else if (index >= 0) {
      result[index] = strategicMergePatch(result[index], item);
    } else {
      result.push(strategicMergePatch({}, item));
    }
  }
  return result;
}

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

export function patchTypeOf(contentType: string | undefined): PatchType {
  const mediaType = (contentType ?? '').split(';')[0].trim();
  switch (mediaType) {
    case 'application/json-patch+json':
      return 'json';
    case 'application/merge-patch+json':
      return 'merge';
    case 'application/strategic-merge-patch+json':
      return 'strategic';
    case 'application/apply-patch+yaml':
    case 'application/apply-patch+cbor':
      return 'apply';
    default:
      throw unsupportedMediaType(mediaType || '(none)');
  }
}

/** Applies a patch body of the given type to a copy of the object. */
export function applyPatchOfType(
  type: PatchType,
  object: Json,
  patch: Json,
  { strategicSupported }: { strategicSupported: boolean },
): Json {
  switch (type) {
    case 'json': {
      if (!Array.isArray(patch)) {
        throw badRequest(
          'json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp',
        );
      }
      try {
        return applyPatch(
          structuredClone(object),
          patch as Operation[],
          true,
          false,
        ).newDocument;
      } catch (error) {
        throw badRequest(
          `the server rejected our request due to an error in our request: ${
            (error as Error).message.split('\n')[0]
          }`,
        );
      }
    }
    case 'merge':
      return mergePatch(object, patch);
    case 'strategic':
      if (!strategicSupported) {
        throw unsupportedMediaType('application/strategic-merge-patch+json');
      }
      return strategicMergePatch(object, patch);
    case 'apply':
      // Server-side apply without field ownership: the applied configuration is merged
      // into the live object as a strategic merge would.
      return strategicMergePatch(object, patch);
    default:
      throw badRequest(`unsupported patch type ${type}`);
  }
}
