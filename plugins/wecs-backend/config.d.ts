export interface Config {
  /** Configuration of the WECS remote monitoring backend plugin. */
  wecs?: {
    /**
     * Clusters reached through the contexts of a kubeconfig file.
     */
    kubeconfig?: {
      /**
       * Path of the kubeconfig file. Relative paths are resolved against the backend's
       * working directory. When omitted, $KUBECONFIG or ~/.kube/config is read.
       */
      path?: string;
      /**
       * Names of the contexts to monitor. All contexts of the file when omitted.
       */
      contexts?: string[];
    };
    /**
     * The fleet as KubeStellar's ITS knows it, followed live: one cluster per accepted, joined
     * ManagedCluster, reached through its own kubeconfig context or through the hub with OCM's
     * cluster-proxy addon; pending ManagedClusters are shown with the reason.
     */
    its?: {
      /** The kubeconfig context of the ITS, e.g. `its1`. */
      context: string;
      /** The kubeconfig to read; defaults to wecs.kubeconfig.path, $KUBECONFIG, ~/.kube/config. */
      kubeconfigPath?: string;
      /**
       * The context of each ManagedCluster, by cluster name. A cluster not named here is
       * reached through the context with its own name.
       */
      clusterContexts?: { [managedClusterName: string]: string };
      /**
       * How each WEC is reached: `direct` (default) through its own kubeconfig context, or
       * `cluster-proxy` through the ITS with OCM's cluster-proxy addon (its service proxy), with
       * the ITS context's credentials alone.
       */
      access?: 'direct' | 'cluster-proxy';
      /** The cluster-proxy addon's service proxy, for `access: cluster-proxy`. */
      clusterProxy?: {
        /**
         * Its https base URL: the `cluster-proxy-addon-user` Service (port 9092) or the Route
         * or Ingress that exposes it. `URL/<cluster>/<Kubernetes API path>` reaches a WEC.
         */
        url: string;
        /** The CA of its serving certificate; defaults to the ITS context's CA. */
        caFile?: string;
        /**
         * An identity to impersonate on the WECs (`Impersonate-User`/`-Group`, which the addon
         * forwards with the ITS token); by default the addon impersonates the ITS token's own
         * hub identity.
         */
        impersonate?: { user: string; groups?: string[] };
      };
    };
    /**
     * KubeStellar's WDSes (workload description spaces), watched as control planes: the
     * workloads and binding policies staged there.
     */
    wds?: {
      /** Their kubeconfig contexts, e.g. `[wds1]`. */
      contexts: string[];
      /** The kubeconfig to read; defaults to wecs.kubeconfig.path, $KUBECONFIG, ~/.kube/config. */
      kubeconfigPath?: string;
    };
    /**
     * Namespaces whose objects are not shown. A trailing `*` matches any suffix.
     * Default: kube-system, kube-public, kube-node-lease and open-cluster-management-agent*.
     */
    excludedNamespaces?: string[];
    /**
     * Built-in types to watch besides the default set, as `group/resource` (`resource` for
     * the core group), e.g. `autoscaling/horizontalpodautoscalers`.
     */
    extraResources?: string[];
    /** Watch every custom resource type discovered (default true). */
    customResources?: boolean;
    /**
     * Limits that protect the backend and the clusters from one user, socket or request. Each
     * refusal names its limit: HTTP 429 (with Retry-After for rates) or 413, or a socket
     * closed with 4429 (too many) or 4413 (stopped reading). Every value is a whole number of
     * at least 1; the defaults are far above what the app's pages use.
     */
    limits?: {
      /** Fleet sockets and streamed fleet responses one user may hold open (default 20). */
      fleetSocketsPerUser?: number;
      /**
       * Log streams one user may hold open (default 10): log sockets, streamed logs and
       * followed REST logs (`GET /:cluster/logs?follow=true`) together.
       */
      logStreamsPerUser?: number;
      /** Views one fleet socket may hold open (default and most 200). */
      viewsPerSocket?: number;
      /** Messages one socket may send a second (default 100). */
      messagesPerSecond?: number;
      /**
       * Messages one socket may send at once (default 200). Past the rate each message is
       * refused; a socket that sends this many more after being told is closed.
       */
      messageBurst?: number;
      /**
       * Bytes sent to a socket that it has not read yet (default 16 MiB): a client past this
       * when it asks for more has stopped reading and is closed with 4413.
       */
      queuedBytesPerSocket?: number;
      /** REST requests one user or service may make a second (default 50). */
      requestsPerSecond?: number;
      /** REST requests one user or service may make at once (default 100). */
      requestBurst?: number;
      /** The largest request body in bytes (default 2 MiB); larger ones get 413. */
      requestBodyBytes?: number;
      /** How deeply a JSON body or socket message may nest (default 100); deeper gets 400. */
      jsonDepth?: number;
      /** Labels one slim object (what lists, snapshots and windows carry) keeps (default 64). */
      slimLabels?: number;
      /** Annotations one slim object keeps (default 32). */
      slimAnnotations?: number;
      /** The longest label or annotation key or value a slim object keeps (default 512). */
      slimValueLength?: number;
      /** Owners, data keys, images and containers one slim object lists (default 100). */
      slimListItems?: number;
      /**
       * Seconds between checks that an open socket's user still holds its permission (default
       * 60): one that no longer does is closed with 4403. A socket whose sign-in expires is
       * closed with 4401 then, and the page reconnects with a fresh one.
       */
      permissionRecheckSeconds?: number;
    };
    /** Limits and timings of the watches. */
    watch?: {
      /** Items per page when listing (default 500). */
      pageSize?: number;
      /**
       * Full lists that run at once across the fleet (default 8): each holds its type's
       * objects in full until its last page, so this bounds the backend's memory at startup
       * and on relists.
       */
      concurrentLists?: number;
      /** Seconds without any data after which a watch is restarted (default 90). */
      stallTimeoutSeconds?: number;
      /** Seconds between discoveries of new resource types (default 60). */
      rediscoverSeconds?: number;
      /** Longest back-off between retries, in seconds (default 30). */
      maxBackoffSeconds?: number;
    };
  };
}
