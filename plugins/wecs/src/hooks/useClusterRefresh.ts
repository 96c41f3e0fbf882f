import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { ClusterRole } from '@kubestellar/plugin-wecs-common';
import { useCallback, useState } from 'react';
import { wecsApiRef } from '../api';
import { backendMessage } from '../api/backendMessage';

/** What `refreshing` holds while the whole fleet refreshes. */
export const WHOLE_FLEET = '';

/**
 * Refresh as the user means it: the backend lists every watched type again from the API
 * servers (one cluster, or every cluster of `roles`) and puts right what its watches missed;
 * then `afterRefresh` has the page's live views sent again. Says on the page how it went.
 * `refreshing` names the clusters being refreshed ({@link WHOLE_FLEET} for all of them), for
 * buttons to show it and not ask twice.
 */
export function useClusterRefresh(
  roles: readonly ClusterRole[],
  afterRefresh: () => void,
) {
  const wecsApi = useApi(wecsApiRef);
  const alertApi = useApi(alertApiRef);
  const [refreshing, setRefreshing] = useState<ReadonlySet<string>>(
    () => new Set(),
  );
  const rolesKey = roles.join(',');

  const refresh = useCallback(
    async (cluster?: string) => {
      const key = cluster ?? WHOLE_FLEET;
      setRefreshing(current => new Set(current).add(key));
      try {
        const { items } = await wecsApi.refreshClusters(
          cluster
            ? { cluster }
            : {
                roles: rolesKey
                  ? (rolesKey.split(',') as ClusterRole[])
                  : undefined,
              },
        );
        afterRefresh();
        const failed = items.filter(item => item.error);
        if (failed.length > 0) {
          alertApi.post({
            message: `Could not refresh everything: ${failed
              .map(item => `${item.cluster}: ${item.error}`)
              .join('; ')}`,
            severity: 'warning',
          });
        } else {
          alertApi.post({
            message: cluster
              ? `Refreshed ${cluster} from its API server`
              : `Refreshed ${items.length} clusters from their API servers`,
            severity: 'success',
            display: 'transient',
          });
        }
      } catch (error) {
        alertApi.post({
          message: `Could not refresh ${
            cluster ?? 'the clusters'
          }: ${backendMessage(error)}`,
          severity: 'error',
        });
      } finally {
        setRefreshing(current => {
          const next = new Set(current);
          next.delete(key);
          return next;
        });
      }
    },
    [wecsApi, alertApi, rolesKey, afterRefresh],
  );

  return { refresh, refreshing };
}
