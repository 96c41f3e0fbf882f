import { ResourceType } from './resources';
import { KubeObject } from './types';

/** Whether the client asked for the server-side printing that `kubectl get` uses. */
export const wantsTable = (accept: string | undefined) =>
  /as=Table/.test(accept ?? '');

interface Column {
  name: string;
  type: 'string' | 'integer' | 'date' | 'number' | 'boolean';
  format?: string;
  priority?: number;
  cell: (o: any) => unknown;
}

const col = (
  name: string,
  cell: Column['cell'],
  extra: Partial<Column> = {},
): Column => ({ name, type: 'string', cell, ...extra });

const age = col('Age', o => humanAge(o.metadata.creationTimestamp), {
  type: 'string',
});

const nameColumn = col('Name', o => o.metadata.name, { format: 'name' });

const or = (value: unknown, fallback = '<none>') =>
  value === undefined || value === null || value === '' ? fallback : value;

const selectorText = (selector: any) =>
  selector?.matchLabels
    ? Object.entries(selector.matchLabels)
        .map(([k, v]) => `${k}=${v}`)
        .join(',')
    : '<none>';

function podStatus(pod: any): string {
  if (pod.metadata.deletionTimestamp) return 'Terminating';
  const statuses = [...(pod.status?.containerStatuses ?? [])];
  for (const status of pod.status?.initContainerStatuses ?? []) {
    if (status.state?.terminated?.exitCode === 0) continue;
    if (
      status.state?.waiting?.reason &&
      status.state.waiting.reason !== 'PodInitializing'
    ) {
      return `Init:${status.state.waiting.reason}`;
    }
    if (status.state?.running || status.state?.waiting) {
      const done = (pod.status.initContainerStatuses as any[]).filter(
        s => s.state?.terminated?.exitCode === 0,
      ).length;
      return `Init:${done}/${pod.status.initContainerStatuses.length}`;
    }
  }
  for (const status of statuses) {
    if (status.state?.waiting?.reason) return status.state.waiting.reason;
    if (status.state?.terminated?.reason) return status.state.terminated.reason;
  }
  return pod.status?.reason ?? pod.status?.phase ?? 'Unknown';
}

const podReady = (pod: any) => {
  const statuses = pod.status?.containerStatuses ?? [];
  const total = pod.spec?.containers?.length ?? statuses.length;
  return `${statuses.filter((s: any) => s.ready).length}/${total}`;
};

const podRestarts = (pod: any) => {
  const statuses: any[] = pod.status?.containerStatuses ?? [];
  const restarts = statuses.reduce((sum, s) => sum + (s.restartCount ?? 0), 0);
  const last = statuses
    .map(s => s.lastState?.terminated?.finishedAt)
    .filter(Boolean)
    .sort()
    .pop();
  return last && restarts > 0
    ? `${restarts} (${humanAge(last)} ago)`
    : restarts;
};

const images = (o: any) =>
  (o.spec?.template?.spec?.containers ?? []).map((c: any) => c.image).join(',');
const containers = (o: any) =>
  (o.spec?.template?.spec?.containers ?? []).map((c: any) => c.name).join(',');

const servicePorts = (svc: any) =>
  or(
    (svc.spec?.ports ?? [])
      .map((p: any) =>
        p.nodePort
          ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}`
          : `${p.port}/${p.protocol ?? 'TCP'}`,
      )
      .join(','),
  );

const COLUMNS: Record<string, Column[]> = {
  Pod: [
    nameColumn,
    col('Ready', podReady),
    col('Status', podStatus),
    col('Restarts', podRestarts),
    age,
    col('IP', o => or(o.status?.podIP), { priority: 1 }),
    col('Node', o => or(o.spec?.nodeName), { priority: 1 }),
    col('Nominated Node', o => or(o.status?.nominatedNodeName), {
      priority: 1,
    }),
    col('Readiness Gates', () => '<none>', { priority: 1 }),
  ],
  Deployment: [
    nameColumn,
    col(
      'Ready',
      o => `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}`,
    ),
    col('Up-to-date', o => o.status?.updatedReplicas ?? 0, { type: 'integer' }),
    col('Available', o => o.status?.availableReplicas ?? 0, {
      type: 'integer',
    }),
    age,
    col('Containers', containers, { priority: 1 }),
    col('Images', images, { priority: 1 }),
    col('Selector', o => selectorText(o.spec?.selector), { priority: 1 }),
  ],
  ReplicaSet: [
    nameColumn,
    col('Desired', o => o.spec?.replicas ?? 0, { type: 'integer' }),
    col('Current', o => o.status?.replicas ?? 0, { type: 'integer' }),
    col('Ready', o => o.status?.readyReplicas ?? 0, { type: 'integer' }),
    age,
  ],
  StatefulSet: [
    nameColumn,
    col(
      'Ready',
      o => `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}`,
    ),
    age,
  ],
  DaemonSet: [
    nameColumn,
    col('Desired', o => o.status?.desiredNumberScheduled ?? 0, {
      type: 'integer',
    }),
    col('Current', o => o.status?.currentNumberScheduled ?? 0, {
      type: 'integer',
    }),
    col('Ready', o => o.status?.numberReady ?? 0, { type: 'integer' }),
    col('Up-to-date', o => o.status?.updatedNumberScheduled ?? 0, {
      type: 'integer',
    }),
    col('Available', o => o.status?.numberAvailable ?? 0, { type: 'integer' }),
    col('Node Selector', o =>
      or(
        Object.entries(o.spec?.template?.spec?.nodeSelector ?? {})
          .map(([k, v]) => `${k}=${v}`)
          .join(','),
      ),
    ),
    age,
  ],
  Job: [
    nameColumn,
    col('Status', o => {
      const conditions: any[] = o.status?.conditions ?? [];
      const done = conditions.find(
        c => c.status === 'True' && ['Complete', 'Failed'].includes(c.type),
      );
      if (done) return done.type;
      return o.status?.active ? 'Running' : 'Pending';
    }),
    col(
      'Completions',
      o => `${o.status?.succeeded ?? 0}/${o.spec?.completions ?? 1}`,
    ),
    col('Duration', o =>
      o.status?.startTime
        ? humanDuration(
            (Date.parse(o.status.completionTime ?? new Date().toISOString()) -
              Date.parse(o.status.startTime)) /
              1000,
          )
        : '',
    ),
    age,
  ],
  CronJob: [
    nameColumn,
    col('Schedule', o => o.spec?.schedule),
    col('Timezone', o => or(o.spec?.timeZone)),
    // The API server's printer writes Go-style "True"/"False" here, not JSON booleans.
    col('Suspend', o => (o.spec?.suspend ? 'True' : 'False'), {
      type: 'boolean',
    }),
    col('Active', o => (o.status?.active ?? []).length, { type: 'integer' }),
    col('Last Schedule', o =>
      o.status?.lastScheduleTime
        ? humanAge(o.status.lastScheduleTime)
        : '<none>',
    ),
    age,
  ],
  Service: [
    nameColumn,
    col('Type', o => o.spec?.type ?? 'ClusterIP'),
    col('Cluster-IP', o => or(o.spec?.clusterIP)),
    col('External-IP', o =>
      or(
        (o.status?.loadBalancer?.ingress ?? [])
          .map((i: any) => i.ip ?? i.hostname)
          .join(','),
      ),
    ),
    col('Port(s)', servicePorts),
    age,
    col(
      'Selector',
      o =>
        or(
          Object.entries(o.spec?.selector ?? {})
            .map(([k, v]) => `${k}=${v}`)
            .join(','),
        ),
      { priority: 1 },
    ),
  ],
  Endpoints: [
    nameColumn,
    col('Endpoints', o =>
      or(
        (o.subsets ?? [])
          .flatMap((s: any) =>
            (s.addresses ?? []).flatMap((a: any) =>
              (s.ports ?? []).map((p: any) => `${a.ip}:${p.port}`),
            ),
          )
          .join(','),
      ),
    ),
    age,
  ],
  Ingress: [
    nameColumn,
    col('Class', o => or(o.spec?.ingressClassName)),
    col('Hosts', o =>
      or((o.spec?.rules ?? []).map((r: any) => r.host ?? '*').join(','), '*'),
    ),
    col('Address', o =>
      or(
        (o.status?.loadBalancer?.ingress ?? [])
          .map((i: any) => i.ip ?? i.hostname)
          .join(','),
        '',
      ),
    ),
    col('Ports', o => (o.spec?.tls?.length ? '80, 443' : '80')),
    age,
  ],
  ConfigMap: [
    nameColumn,
    col(
      'Data',
      o =>
        Object.keys(o.data ?? {}).length +
        Object.keys(o.binaryData ?? {}).length,
      { type: 'integer' },
    ),
    age,
  ],
  Secret: [
    nameColumn,
    col('Type', o => o.type ?? 'Opaque'),
    col('Data', o => Object.keys(o.data ?? {}).length, { type: 'integer' }),
    age,
  ],
  PersistentVolume: [
    nameColumn,
    col('Capacity', o => o.spec?.capacity?.storage ?? ''),
    col('Access Modes', o => accessModes(o.spec?.accessModes)),
    col(
      'Reclaim Policy',
      o => o.spec?.persistentVolumeReclaimPolicy ?? 'Retain',
    ),
    col('Status', o => o.status?.phase ?? ''),
    col('Claim', o =>
      o.spec?.claimRef
        ? `${o.spec.claimRef.namespace}/${o.spec.claimRef.name}`
        : '',
    ),
    col('StorageClass', o => o.spec?.storageClassName ?? ''),
    col('VolumeAttributesClass', () => '<unset>'),
    col('Reason', o => o.status?.reason ?? ''),
    age,
  ],
  PersistentVolumeClaim: [
    nameColumn,
    col('Status', o => o.status?.phase ?? 'Pending'),
    col('Volume', o => o.spec?.volumeName ?? ''),
    col('Capacity', o => o.status?.capacity?.storage ?? ''),
    col('Access Modes', o => accessModes(o.status?.accessModes)),
    col('StorageClass', o => o.spec?.storageClassName ?? ''),
    col('VolumeAttributesClass', () => '<unset>'),
    age,
  ],
  StorageClass: [
    nameColumn,
    col('Provisioner', o => o.provisioner),
    col('ReclaimPolicy', o => o.reclaimPolicy ?? 'Delete'),
    col('VolumeBindingMode', o => o.volumeBindingMode ?? 'Immediate'),
    col('AllowVolumeExpansion', o => String(Boolean(o.allowVolumeExpansion))),
    age,
  ],
  Namespace: [nameColumn, col('Status', o => o.status?.phase ?? 'Active'), age],
  Node: [
    nameColumn,
    col('Status', o =>
      (o.status?.conditions ?? []).some(
        (c: any) => c.type === 'Ready' && c.status === 'True',
      )
        ? 'Ready'
        : 'NotReady',
    ),
    col('Roles', o =>
      or(
        Object.keys(o.metadata.labels ?? {})
          .filter(l => l.startsWith('node-role.kubernetes.io/'))
          .map(l => l.slice('node-role.kubernetes.io/'.length))
          .join(','),
      ),
    ),
    age,
    col('Version', o => o.status?.nodeInfo?.kubeletVersion ?? ''),
  ],
  Event: [
    col('Last Seen', o =>
      humanAge(o.lastTimestamp ?? o.eventTime ?? o.metadata.creationTimestamp),
    ),
    col('Type', o => o.type),
    col('Reason', o => o.reason),
    col(
      'Object',
      o =>
        `${(o.involvedObject?.kind ?? '').toLowerCase()}/${
          o.involvedObject?.name
        }`,
    ),
    col('Message', o => o.message),
  ],
  CertificateSigningRequest: [
    nameColumn,
    age,
    col('SignerName', o => o.spec?.signerName),
    col('Requestor', o => o.spec?.username),
    col('RequestedDuration', o => or(o.spec?.expirationSeconds)),
    col(
      'Condition',
      o =>
        (o.status?.conditions ?? []).map((c: any) => c.type).join(',') ||
        'Pending',
    ),
  ],
  CustomResourceDefinition: [
    nameColumn,
    col('Created At', o => o.metadata.creationTimestamp, { type: 'date' }),
  ],
};

function accessModes(modes: string[] | undefined) {
  const short: Record<string, string> = {
    ReadWriteOnce: 'RWO',
    ReadOnlyMany: 'ROX',
    ReadWriteMany: 'RWX',
    ReadWriteOncePod: 'RWOP',
  };
  return (modes ?? []).map(m => short[m] ?? m).join(',');
}

/** Reads a CRD printer column's simple JSONPath such as `.status.conditions[?(@.type=="Ready")].status`. */
export function readJsonPath(object: unknown, path: string): unknown {
  const tokens = path.replace(/^\./, '').match(/[^.[\]]+|\[[^\]]*\]/g) ?? [];
  return readTokens(object, tokens);
}

function readTokens(start: any, tokens: string[]): unknown {
  let current = start;
  for (let i = 0; i < tokens.length; i++) {
    if (current === undefined || current === null) return undefined;
    const token = tokens[i];
    const filter = /^\[\?\(@\.(\w+)=="([^"]*)"\)\]$/.exec(token);
    if (filter) {
      current = Array.isArray(current)
        ? current.find(item => String(item?.[filter[1]]) === filter[2])
        : undefined;
    } else if (token === '[*]') {
      if (!Array.isArray(current)) return undefined;
      const rest = tokens.slice(i + 1);
      return current
        .map(item => readTokens(item, rest))
        .filter(v => v !== undefined)
        .join(',');
    } else if (/^\[\d+\]$/.test(token)) {
      current = current[Number(token.slice(1, -1))];
    } else {
      current = current[token];
    }
  }
  return current;
}

function columnsFor(type: ResourceType): Column[] {
  if (type.custom) {
    const printed = type.custom.printerColumns.map(c =>
      col(
        c.name,
        o => {
          const value = readJsonPath(o, c.jsonPath);
          if (c.type === 'date' && typeof value === 'string')
            return humanAge(value);
          return value ?? '';
        },
        {
          type: c.type === 'date' ? 'string' : (c.type as Column['type']),
          priority: c.priority ?? 0,
        },
      ),
    );
    return printed.some(c => c.name === 'Age')
      ? [nameColumn, ...printed]
      : [nameColumn, ...printed, age];
  }
  return COLUMNS[type.kind] ?? [nameColumn, age];
}

/** What a Table row carries of its object, by the includeObject parameter. */
function rowObject(object: KubeObject, includeObject: string | undefined) {
  if (includeObject === 'Object') return object;
  if (includeObject === 'None') return undefined;
  return {
    kind: 'PartialObjectMetadata',
    apiVersion: 'meta.k8s.io/v1',
    metadata: object.metadata,
  };
}

/** The meta.k8s.io/v1 Table `kubectl get` prints, one row an object. */
export function toTable(
  type: ResourceType,
  objects: KubeObject[],
  listMeta: Record<string, unknown>,
  includeObject: string | undefined,
) {
  const columns = columnsFor(type);
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMeta,
    columnDefinitions: columns.map(c => ({
      name: c.name,
      type: c.type,
      format: c.format ?? '',
      description: c.name,
      priority: c.priority ?? 0,
    })),
    rows: objects.map(object => ({
      cells: columns.map(c => c.cell(object)),
      object: rowObject(object, includeObject),
    })),
  };
}

export function humanAge(timestamp: string | undefined): string {
  if (!timestamp) return '<unknown>';
  return humanDuration((Date.now() - Date.parse(timestamp)) / 1000);
}

/** kubectl's duration.HumanDuration. */
export function humanDuration(totalSeconds: number): string {
  const seconds = Math.floor(totalSeconds);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0
      ? `${Math.floor(hours / 24)}d`
      : `${Math.floor(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const d = Math.floor(hours / 24) % 365;
    return d === 0
      ? `${Math.floor(hours / 24 / 365)}y`
      : `${Math.floor(hours / 24 / 365)}y${d}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}
