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
  };
}
