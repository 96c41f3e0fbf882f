import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { wecsApiRef } from '../../api';

/** Loads the configured clusters from the backend. */
export function useClusters() {
  const wecsApi = useApi(wecsApiRef);
  return useAsyncRetry(() => wecsApi.getClusters(), [wecsApi]);
}
