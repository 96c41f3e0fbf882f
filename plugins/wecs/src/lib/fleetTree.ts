import {
  ClusterRowStatus,
  FleetViewQuery,
  FleetViewRow,
  SlimResource,
  TreeCounts,
} from '@kubestellar/plugin-wecs-common';
import { pluralKind } from './k8s/kindPlural';

export type { TreeCounts } from '@kubestellar/plugin-wecs-common';

/** The levels of the fleet tree: Cluster > Namespace > Kind > Instance (> owned instances). */
export type TreeNodeType = 'cluster' | 'namespace' | 'kind' | 'instance';

/**
 * A row of the fleet tree as the page shows it, from the row a view sent. Its id is stable
 * across updates and the same in every browser (`?node=` links): `c:<cluster>`,
 * `n:<cluster>/<namespace>`, `k:<cluster>/<namespace>/<kind>`, `r:<cluster>/<uid>`.
 */
export interface TreeNode {
  id: string;
  type: TreeNodeType;
  label: string;
  cluster: string;
  /** Unset for cluster nodes and for the cluster-scoped group. */
  namespace?: string;
  kind?: string;
  /** The object of an instance node, or the Namespace object of a namespace node. */
  resource?: SlimResource;
  /** The status of a cluster node. */
  clusterStatus?: ClusterRowStatus;
  counts: TreeCounts;
  /** Whether there are rows under it. */
  expandable: boolean;
  /**
   * Set on an object KubeStellar delivered: the binding policies it came through (empty while
   * the ITS does not say).
   */
  policies?: string[];
}

/** The group under a cluster for objects that live in no namespace. */
export const CLUSTER_SCOPED_LABEL = 'Cluster-scoped';

export const clusterNodeId = (cluster: string) => `c:${cluster}`;
/** `namespace` is `''` for the cluster-scoped group. */
export const namespaceNodeId = (cluster: string, namespace: string) =>
  `n:${cluster}/${namespace}`;
export const kindNodeId = (cluster: string, namespace: string, kind: string) =>
  `k:${cluster}/${namespace}/${kind}`;
export const objectNodeId = (cluster: string, uid: string) =>
  `r:${cluster}/${uid}`;
export const instanceId = (resource: SlimResource) =>
  objectNodeId(resource.cluster, resource.uid);

/** Nodes made from rows, so that a row the views keep gives the same node every layout. */
const nodesOfRows = new WeakMap<FleetViewRow, TreeNode>();

/** The node a view's row shows: the same object for the same row. */
export function nodeOf(row: FleetViewRow): TreeNode {
  let node = nodesOfRows.get(row);
  if (!node) {
    node = makeNode(row);
    nodesOfRows.set(row, node);
  }
  return node;
}

function makeNode(row: FleetViewRow): TreeNode {
  switch (row.type) {
    case 'cluster':
      return {
        id: clusterNodeId(row.status.name),
        type: 'cluster',
        label: row.status.name,
        cluster: row.status.name,
        clusterStatus: row.status,
        counts: row.counts,
        expandable: row.status.state !== 'pending' && row.counts.total > 0,
      };
    case 'namespace':
      return {
        id: namespaceNodeId(row.cluster, row.namespace),
        type: 'namespace',
        label: row.namespace || CLUSTER_SCOPED_LABEL,
        cluster: row.cluster,
        namespace: row.namespace || undefined,
        resource: row.resource,
        counts: row.counts,
        expandable: row.counts.total > 0,
      };
    case 'kind':
      return {
        id: kindNodeId(row.cluster, row.namespace, row.kind),
        type: 'kind',
        label: pluralKind(row.kind),
        cluster: row.cluster,
        namespace: row.namespace || undefined,
        kind: row.kind,
        counts: row.counts,
        expandable: row.counts.total > 0,
      };
    case 'instance':
      return {
        id: instanceId(row.resource),
        type: 'instance',
        label: row.resource.name,
        cluster: row.resource.cluster,
        namespace: row.resource.namespace,
        kind: row.resource.kind,
        resource: row.resource,
        counts: row.counts,
        expandable: row.owned > 0,
        ...(row.policies ? { policies: row.policies } : {}),
      };
    default:
      throw new Error(`A ${row.type} row has no place in the fleet tree`);
  }
}

/**
 * The node of an object known before its row arrives (a search's match carries it): what its
 * details need; its counts are its own, what it controls unknown until its row comes.
 */
export function nodeOfResource(resource: SlimResource): TreeNode {
  const { phase } = resource.status;
  return {
    id: instanceId(resource),
    type: 'instance',
    label: resource.name,
    cluster: resource.cluster,
    namespace: resource.namespace,
    kind: resource.kind,
    resource,
    counts: {
      total: 1,
      failed: phase === 'failed' ? 1 : 0,
      pending: phase === 'pending' ? 1 : 0,
    },
    expandable: false,
  };
}

/** The view that lists a node's children. */
export function childQueryOf(node: TreeNode): FleetViewQuery {
  switch (node.type) {
    case 'cluster':
      return { level: 'namespaces', cluster: node.cluster };
    case 'namespace':
      return {
        level: 'kinds',
        cluster: node.cluster,
        namespace: node.namespace ?? '',
      };
    case 'kind':
      return {
        level: 'instances',
        cluster: node.cluster,
        namespace: node.namespace ?? '',
        kind: node.kind!,
      };
    default:
      return { level: 'owned', cluster: node.cluster, uid: node.resource!.uid };
  }
}

/** What a node id says, read back (cluster names may hold `/`; the other parts never do). */
export interface ParsedNodeId {
  type: TreeNodeType;
  cluster: string;
  /** `''` for the cluster-scoped group. */
  namespace?: string;
  kind?: string;
  uid?: string;
}

/** Reads a node id from a link; undefined for anything else. */
export function parseNodeId(id: string): ParsedNodeId | undefined {
  const rest = id.slice(2);
  const parts = rest.split('/');
  const tail = (n: number) => parts.slice(parts.length - n);
  const head = (n: number) => parts.slice(0, parts.length - n).join('/');
  switch (id.slice(0, 2)) {
    case 'c:':
      return rest ? { type: 'cluster', cluster: rest } : undefined;
    case 'n:':
      return parts.length >= 2 && head(1)
        ? { type: 'namespace', cluster: head(1), namespace: tail(1)[0] }
        : undefined;
    case 'k:':
      return parts.length >= 3 && head(2) && tail(1)[0]
        ? {
            type: 'kind',
            cluster: head(2),
            namespace: tail(2)[0],
            kind: tail(1)[0],
          }
        : undefined;
    case 'r:':
      return parts.length >= 2 && head(1) && tail(1)[0]
        ? { type: 'instance', cluster: head(1), uid: tail(1)[0] }
        : undefined;
    default:
      return undefined;
  }
}

/** A node's name when no row of it is at hand: what its id says. */
export function labelOfId(id: string): string {
  const parsed = parseNodeId(id);
  switch (parsed?.type) {
    case 'cluster':
      return parsed.cluster;
    case 'namespace':
      return parsed.namespace || CLUSTER_SCOPED_LABEL;
    case 'kind':
      return pluralKind(parsed.kind!);
    case 'instance':
      return parsed.uid!;
    default:
      return id;
  }
}
