import { useApi } from '@backstage/core-plugin-api';
import { ClusterStatus } from '@kubestellar/plugin-wecs-common';
import { useEffect, useState } from 'react';
import { wecsApiRef } from '../api';

/** How often the clusters' statuses and counts are read again while a page is open. */
export const CLUSTER_STATUS_REFRESH_MS = 15_000;

/**
 * Every cluster's status with its counts by kind and namespace (`GET /clusters`), read when the
 * page opens and every 15 s: what filter choices are made of. A failed read keeps the last
 * statuses.
 */
export function useClusterStatuses(): ClusterStatus[] {
  const wecsApi = useApi(wecsApiRef);
  const [clusters, setClusters] = useState<ClusterStatus[]>([]);
  useEffect(() => {
    let live = true;
    const read = () =>
      wecsApi.getClusters().then(
        list => live && setClusters(list.items),
        () => {},
      );
    read();
    const timer = setInterval(read, CLUSTER_STATUS_REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [wecsApi]);
  return clusters;
}
