/** The answer of `GET /api/wecs/health`. */
export interface WecsHealth {
  status: 'ok';
  /** Seconds since the backend plugin started. */
  uptimeSeconds: number;
}

/** Where the backend learnt about a cluster. */
export type ClusterSourceKind = 'kubeconfig';

/** A cluster the backend is configured to monitor, as listed by `GET /api/wecs/clusters`. */
export interface WecsCluster {
  /** Unique name within the fleet; the kubeconfig context name for kubeconfig sources. */
  name: string;
  source: ClusterSourceKind;
  /** The kubeconfig context used to reach the cluster. */
  context: string;
  /** The API server URL of the cluster. */
  server: string;
}

export interface WecsClusterList {
  items: WecsCluster[];
  /** Problems met while reading the configured sources, e.g. an unreadable kubeconfig. */
  errors: string[];
}
