import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { ObjectRef, wecsApiRef } from '../../api';

/** An object's copy in a WDS, with a reference to it. */
export interface WdsCopy {
  ref: ObjectRef;
  object: Record<string, any>;
}

/**
 * The WDS copy of an object delivered to a WEC: the object of the same kind, namespace and
 * name in the first WDS that holds one, read fresh; undefined when none does. Read again when
 * `version` (the delivered copy's resourceVersion) changes, and on `retry`.
 */
export function useWdsCopy(target: ObjectRef, version: string | undefined) {
  const wecsApi = useApi(wecsApiRef);
  return useAsyncRetry(async (): Promise<WdsCopy | undefined> => {
    const { items } = await wecsApi.getClusters();
    for (const wds of items.filter(cluster => cluster.role === 'wds')) {
      const ref: ObjectRef = { ...target, cluster: wds.name, uid: undefined };
      try {
        return { ref, object: await wecsApi.getObject(ref) };
      } catch (error) {
        if (error instanceof ResponseError && error.statusCode === 404)
          continue;
        throw error;
      }
    }
    return undefined;
  }, [wecsApi, target, version]);
}
