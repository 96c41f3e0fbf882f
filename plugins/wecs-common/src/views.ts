import type { FleetFilters } from './protocol';
import type { ClusterStatus, SlimResource } from './resources';
import type { ManagedWorkload, WorkloadQuery } from './kubestellar';

/**
 * How many instances a tree row holds, itself and below, and how many need attention.
 *
 * @public
 */
export interface TreeCounts {
  total: number;
  failed: number;
  pending: number;
}

/**
 * One level of the fleet tree (Cluster, Namespace, Kind, Instance, owned objects), or the
 * flat list of objects, that a fleet socket view shows. `namespace` is `''` for the group of
 * cluster-scoped objects.
 *
 * - `clusters`: a row per cluster of the roles the filters want (WECs unless told), by name.
 * - `namespaces`: one cluster's namespaces that hold something, by name; the cluster-scoped
 *   group last.
 * - `kinds`: one namespace's kinds, in tree order ({@link TREE_KIND_ORDER}).
 * - `instances`: one namespace and kind's objects that no other object in view controls, by
 *   name (`pod-2` before `pod-10`).
 * - `owned`: the objects one object controls (a Deployment's ReplicaSets, a ReplicaSet's
 *   Pods), in tree order of kind, then by name.
 * - `objects`: every object the filters select, by cluster, namespace, kind and name; for
 *   lists and tables.
 * - `stagedNamespaces`: the namespaces of one WDS where workloads are staged (not the system's),
 *   by name, each with how many staged objects it holds.
 * - `staged`: the objects staged in one WDS, narrowed to a namespace and a piece of their kind,
 *   name, namespace or labels, by namespace, kind and name.
 * - `policies`: the BindingPolicies of the WDSes the filters want, by WDS and name, each with
 *   what its Binding resolved and how much of it arrived.
 * - `workloads`: the objects the Bindings of one WDS bind, narrowed as {@link WorkloadQuery}
 *   says, by namespace, kind and name, each with its copy in every destination cluster
 *   (whatever the filters say of those clusters; a copy without its labels and annotations):
 *   what Manage Workloads and a binding policy's placements show.
 *
 * Without `kinds`, `phases`, `labels`, `labelSelector` or `name` filters, an object sits under
 * the object that controls it. With any of them the tree lists each matching object under its
 * own kind, and counts are of matching objects.
 *
 * @public
 */
export type FleetViewQuery =
  | { level: 'clusters' }
  | { level: 'namespaces'; cluster: string }
  | { level: 'kinds'; cluster: string; namespace: string }
  | { level: 'instances'; cluster: string; namespace: string; kind: string }
  | { level: 'owned'; cluster: string; uid: string }
  | { level: 'objects' }
  | { level: 'policies' }
  | { level: 'stagedNamespaces'; cluster: string }
  | { level: 'staged'; cluster: string; namespace?: string; search?: string }
  | ({ level: 'workloads'; cluster: string } & WorkloadQuery);

/**
 * A cluster as a row of the tree shows it: its link to the backend, without the per-kind and
 * per-namespace counts of `ClusterStatus` (the row's `counts` are the tree's).
 *
 * @public
 */
export type ClusterRowStatus = Omit<ClusterStatus, 'counts'>;

/**
 * One row of a view. `key` is unique and stable within its view: the cluster's name, the
 * namespace, the kind, or the object's uid.
 *
 * @public
 */
export type FleetViewRow =
  | {
      type: 'cluster';
      key: string;
      status: ClusterRowStatus;
      counts: TreeCounts;
    }
  | {
      type: 'namespace';
      key: string;
      cluster: string;
      namespace: string;
      counts: TreeCounts;
      /** The Namespace object, when the backend watches it. */
      resource?: SlimResource;
    }
  | {
      type: 'kind';
      key: string;
      cluster: string;
      namespace: string;
      kind: string;
      counts: TreeCounts;
    }
  | {
      type: 'instance';
      key: string;
      /**
       * The object; in the tree's levels (`instances`, `owned`) without its labels and
       * annotations, which the tree does not show; whole in the flat `objects` list.
       */
      resource: SlimResource;
      /** The object and what it controls, all the way down. */
      counts: TreeCounts;
      /** How many objects it controls directly: the rows of its `owned` view. */
      owned: number;
      /**
       * Set when KubeStellar delivered it: the binding policies it came through, as the ITS's
       * ManifestWorks name them (empty while the ITS does not say).
       */
      policies?: string[];
    }
  | {
      type: 'workload';
      /** The workload's identity: group, resource, namespace and name (`objectKey`). */
      key: string;
      workload: ManagedWorkload;
      /** Its placements: all, those failing, those missing or not ready. */
      counts: TreeCounts;
    }
  | {
      type: 'staged';
      /** The object's uid. */
      key: string;
      /** A staged object, or for `stagedNamespaces` a Namespace object. */
      resource: SlimResource;
      /** The policies whose Binding lists it. */
      bound: string[];
      /** The policies whose rules select it, whether their Binding lists it yet or not. */
      selecting: string[];
      /** For an object its own; for a namespace, `total` is how many staged objects it holds. */
      counts: TreeCounts;
    }
  | {
      type: 'policy';
      /** `wds/name`. */
      key: string;
      policy: SlimResource;
      /** Its Binding without the list of objects (the `workloads` view pages those). */
      binding?: Omit<SlimResource, 'summary'>;
      /** The clusters its Binding names. */
      destinations: string[];
      /** The ITS's ManagedClusters its cluster selectors pick now, by name. */
      selected: string[];
      /** How many objects its Binding names. */
      objects: number;
      /** How many of its placements (objects × destinations) have a copy in their cluster. */
      delivered: number;
      /** Its placements: all, those failing, those missing or not ready. */
      counts: TreeCounts;
    };

/**
 * One view a client wants: a level and the window of its rows it shows.
 *
 * @public
 */
export interface FleetViewRequest {
  /** The client's name for the view, at most 64 characters; windows come back under it. */
  id: string;
  query: FleetViewQuery;
  /** The first row wanted; default 0. */
  offset?: number;
  /** How many rows from `offset`; default and most {@link MAX_VIEW_WINDOW}. */
  limit?: number;
}

/**
 * The most rows one window holds.
 *
 * @public
 */
export const MAX_VIEW_WINDOW = 500;

/**
 * The most views one socket may hold open.
 *
 * @public
 */
export const MAX_VIEWS_PER_SOCKET = 200;

/**
 * Everything a client shows, sent whole whenever it changes (a row expanded or collapsed, a
 * scroll, new filters): the backend opens the views that are new, moves the windows that moved,
 * closes the views that are gone, and answers each new or moved view with its window. After a
 * reconnect the client sends the same message again and gets fresh windows.
 *
 * @public
 */
export interface FleetViewsMessage {
  type: 'views';
  /** What every view selects; the filters of a page. */
  filters?: FleetFilters;
  views: FleetViewRequest[];
}

/**
 * A view's window: rows `offset` to `offset + rows.length - 1` of `total`. It replaces what the
 * client held for the view. Sent when the view opens or its window moves, and when rows come,
 * go or move; changes to the rows it holds come as {@link FleetRowsMessage}s.
 *
 * @public
 */
export interface FleetWindowMessage {
  type: 'window';
  view: string;
  /** The store's revision the window was read at. */
  seq: number;
  total: number;
  offset: number;
  /** The window's rows; when `keys` is set, only those the client does not hold as they are. */
  rows: FleetViewRow[];
  /**
   * The keys of the window's rows, in order, when `rows` carries only the rows that are new or
   * changed: the others are as the client holds them for this view (from its last window and
   * rows messages). A moved window, or one a row came into, costs only what changed.
   */
  keys?: string[];
}

/**
 * Rows of a view's window that changed, each replacing the row with the same key; the window's
 * rows, their order and its total are as the last window said. Rows whose counts alone changed
 * come at most a few times a second.
 *
 * @public
 */
export interface FleetRowsMessage {
  type: 'rows';
  view: string;
  seq: number;
  rows: FleetViewRow[];
}

/**
 * What a page shows beside its views: the sources' problems, and the clusters that left the
 * fleet since the last message. Sent first on every socket, then when either changes.
 *
 * @public
 */
export interface FleetNoticeMessage {
  type: 'fleet';
  seq: number;
  /** The cluster sources' problems now (an unreachable ITS, an unreadable kubeconfig). */
  errors: string[];
  /** Clusters that left (ManagedCluster deleted or no longer accepted, context removed). */
  left?: string[];
}

/**
 * Where one object sits in the tree as a page with the same filters shows it: enough for the
 * page to expand the rows down to it and scroll each window to it.
 *
 * @public
 */
export interface FleetTreePath {
  cluster: string;
  /** `''` for a cluster-scoped object. */
  namespace: string;
  /** The kind row the path goes through; unset when the object is a Namespace (its row). */
  kind?: string;
  /**
   * Uids from the instance under the kind row down to the object itself; empty for a Namespace.
   */
  uids: string[];
  /**
   * The position of each of `uids` in its window: the first among its kind row's
   * `instances`, each next one among its parent's `owned`.
   */
  positions: number[];
  /** The object's name and kind, to show the match before its rows arrive. */
  name: string;
  objectKind: string;
  /**
   * The object as the fleet store holds it, for its details before its rows arrive (backends
   * before this field send none).
   */
  resource?: SlimResource;
}

/**
 * The answer of `GET /api/wecs/search`: the objects whose name contains `name`
 * (case-insensitively) and whose labels match `selector`, in tree order, under the same
 * filters the page shows.
 *
 * @public
 */
export interface WecsSearchResult {
  /** How many objects match in all. */
  total: number;
  offset: number;
  matches: FleetTreePath[];
}

/**
 * What a search of the fleet looks for (`GET /api/wecs/search`, or a `search` message on the
 * fleet socket): objects by name (a case-insensitive part of it) and labels (a Kubernetes
 * label selector, full syntax), or one object by `cluster/uid`, under the filters a page shows.
 *
 * @public
 */
export interface FleetSearchQuery {
  /** A part of the names looked for, in any case. */
  name?: string;
  /** A Kubernetes label selector the objects' labels match. */
  selector?: string;
  /** `cluster/uid`: where one object sits in the tree. */
  object?: string;
  /** The page's filters: the tree the matches' paths go through. */
  filters?: FleetFilters;
  /** The first match wanted, in tree order; default 0. */
  offset?: number;
  /** How many matches from `offset`; default 100, at most {@link MAX_SEARCH_MATCHES}. */
  limit?: number;
}

/**
 * A search on the fleet socket, answered by one {@link FleetFoundMessage} (or an `error` that
 * names it) with what `GET /api/wecs/search` would answer. On the socket a page already holds,
 * a search costs no request of its own.
 *
 * @public
 */
export interface FleetSearchMessage extends FleetSearchQuery {
  type: 'search';
  /** The client's name for the search, at most 64 characters; the answer comes back under it. */
  id: string;
}

/**
 * The answer to a {@link FleetSearchMessage}.
 *
 * @public
 */
export interface FleetFoundMessage extends WecsSearchResult {
  type: 'found';
  /** The search's id. */
  search: string;
}

/**
 * The most objects one `subscribe` snapshot carries. A subscription that selects more is
 * refused with a message that says so: a client that shows more pages it with views.
 *
 * @public
 */
export const MAX_SNAPSHOT_OBJECTS = 20_000;

/**
 * The most matches one search answer holds.
 *
 * @public
 */
export const MAX_SEARCH_MATCHES = 500;
