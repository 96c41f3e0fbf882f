import { ResourceType } from './resources';
import { invalid } from './status';
import { KubeObject } from './types';

interface CsrCondition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
  lastUpdateTime?: string;
  lastTransitionTime?: string;
}

/** The conditions no update may take away once a CSR carries them. */
const PERMANENT = ['Approved', 'Denied', 'Failed'];

const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * The approval subresource of a CertificateSigningRequest, as kube-apiserver's strategy
 * keeps it: an update there changes `status.conditions` and nothing else, refuses Approved
 * beside Denied, duplicate types, a status other than True, and the removal of an
 * Approved, Denied or Failed condition, and stamps the times a client left out.
 */
export function approvedCsr(
  type: ResourceType,
  current: KubeObject,
  incoming: KubeObject,
): KubeObject {
  const name = current.metadata.name!;
  const before = ((current.status as any)?.conditions ?? []) as CsrCondition[];
  const wanted = ((incoming.status as any)?.conditions ?? []) as CsrCondition[];
  const causes: Array<{ field: string; message: string; reason?: string }> = [];
  const seen = new Set<string>();
  wanted.forEach((condition, i) => {
    const field = `status.conditions[${i}]`;
    if (!condition.type) {
      causes.push({
        field: `${field}.type`,
        message: 'Required value',
        reason: 'FieldValueRequired',
      });
      return;
    }
    if (seen.has(condition.type)) {
      causes.push({
        field: `${field}.type`,
        message: `Duplicate value: "${condition.type}"`,
        reason: 'FieldValueDuplicate',
      });
    }
    seen.add(condition.type);
    if (PERMANENT.includes(condition.type) && condition.status !== 'True') {
      causes.push({
        field: `${field}.status`,
        message: `Unsupported value: "${
          condition.status ?? ''
        }": supported values: "True"`,
        reason: 'FieldValueNotSupported',
      });
    }
  });
  if (seen.has('Approved') && seen.has('Denied')) {
    causes.push({
      field: 'status.conditions',
      message:
        'Invalid value: "Denied": Approved and Denied conditions are mutually exclusive',
    });
  }
  for (const kept of PERMANENT) {
    if (before.some(c => c.type === kept) && !seen.has(kept)) {
      causes.push({
        field: 'status.conditions',
        message: `Forbidden: updates may not remove a condition of type "${kept}"`,
        reason: 'FieldValueForbidden',
      });
    }
  }
  if (causes.length) throw invalid(type, name, causes);
  const time = now();
  const conditions = wanted.map(condition => {
    const previous = before.find(c => c.type === condition.type);
    const changed = previous?.status !== condition.status;
    return {
      ...condition,
      lastUpdateTime: condition.lastUpdateTime ?? time,
      lastTransitionTime:
        condition.lastTransitionTime ??
        (changed ? time : previous?.lastTransitionTime ?? time),
    };
  });
  return {
    ...current,
    metadata: { ...current.metadata },
    status: { ...((current.status as object) ?? {}), conditions },
  };
}
