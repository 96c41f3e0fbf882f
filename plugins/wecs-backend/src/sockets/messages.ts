import { InputError } from '@backstage/errors';
import {
  ClusterRole,
  FleetClientMessage,
  FleetFilters,
} from '@kubestellar/plugin-wecs-common';
import {
  checkAll,
  checkNameFilter,
  checkPhases,
  KIND_PATTERN,
  NAME_PATTERN,
} from '../model/validation';

function stringList(value: unknown, what: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (
    !Array.isArray(value) ||
    value.some(v => typeof v !== 'string') ||
    value.length > 500
  ) {
    throw new InputError(`${what} must be a list of at most 500 names`);
  }
  return value;
}

const ROLES: ClusterRole[] = ['wec', 'its', 'wds'];

function checkRoles(values: string[]): ClusterRole[] {
  for (const role of values) {
    if (!ROLES.includes(role as ClusterRole)) {
      throw new InputError(
        `Invalid cluster role "${role}"; expected one of ${ROLES.join(', ')}`,
      );
    }
  }
  return values as ClusterRole[];
}

function filtersOf(value: unknown): FleetFilters {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError('filters must be an object');
  }
  const raw = value as Record<string, unknown>;
  const labels = raw.labels;
  if (
    labels !== undefined &&
    (typeof labels !== 'object' ||
      labels === null ||
      Object.values(labels).some(v => typeof v !== 'string'))
  ) {
    throw new InputError('filters.labels must map label keys to values');
  }
  return {
    clusters: checkAll(
      stringList(raw.clusters, 'filters.clusters') ?? [],
      NAME_PATTERN,
      'cluster name',
    ),
    kinds: checkAll(
      stringList(raw.kinds, 'filters.kinds') ?? [],
      KIND_PATTERN,
      'kind',
    ),
    namespaces: checkAll(
      stringList(raw.namespaces, 'filters.namespaces') ?? [],
      NAME_PATTERN,
      'namespace',
    ),
    phases: checkPhases(stringList(raw.phases, 'filters.phases') ?? []),
    roles: checkRoles(stringList(raw.roles, 'filters.roles') ?? []),
    name: checkNameFilter(raw.name),
    ...(labels ? { labels: labels as Record<string, string> } : {}),
  };
}

/** Parses and validates a message from a fleet socket client. */
export function parseFleetMessage(text: string): FleetClientMessage {
  let message: any;
  try {
    message = JSON.parse(text);
  } catch {
    throw new InputError('Messages must be JSON');
  }
  if (message?.type === 'ping') return { type: 'ping' };
  if (message?.type !== 'subscribe') {
    throw new InputError(
      `Unknown message type ${JSON.stringify(
        message?.type,
      )}; expected subscribe or ping`,
    );
  }
  const resume = message.resume;
  if (
    resume !== undefined &&
    (typeof resume?.epoch !== 'string' ||
      resume.epoch.length > 64 ||
      !Number.isInteger(resume.seq) ||
      resume.seq < 0)
  ) {
    throw new InputError('resume must be {epoch, seq} as the server sent them');
  }
  return {
    type: 'subscribe',
    filters: filtersOf(message.filters),
    ...(resume ? { resume: { epoch: resume.epoch, seq: resume.seq } } : {}),
  };
}
