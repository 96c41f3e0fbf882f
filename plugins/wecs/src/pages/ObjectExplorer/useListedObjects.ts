import { useApi } from '@backstage/core-plugin-api';
import { SlimResource } from '@kubestellar/plugin-wecs-common';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { wecsApiRef } from '../../api';
import { selectionKeyOf } from '../../hooks/useObjectSelection';

/** A set of cluster names as one stable value, for hook dependencies: `a,b,c`, sorted. */
const namesKey = (clusters: string[]) => [...clusters].sort().join(',');
const namesOf = (key: string) => (key ? key.split(',') : []);

const NO_KINDS = {
  servedBy: new Map<string, string[]>(),
  namespaced: new Set<string>(),
};

/**
 * The kinds that some of `clusters` serve and none of them watches, each with the clusters that
 * serve it, and which of them are namespaced: the kinds the live fleet cannot show, which the
 * explorer lists when asked.
 */
export function useUnwatchedKinds(clusters: string[]) {
  const wecsApi = useApi(wecsApiRef);
  const key = namesKey(clusters);
  const { value, error, loading } = useAsync(async () => {
    const names = namesOf(key);
    const lists = await Promise.all(
      names.map(async cluster => ({
        cluster,
        types: (await wecsApi.getTypes(cluster)).items,
      })),
    );
    const watched = new Set(
      lists.flatMap(l => l.types.filter(t => t.watched).map(t => t.kind)),
    );
    const servedBy = new Map<string, string[]>();
    const namespaced = new Set<string>();
    for (const { cluster, types } of lists) {
      for (const type of types) {
        if (watched.has(type.kind)) continue;
        const serving = servedBy.get(type.kind) ?? [];
        if (!serving.includes(cluster)) serving.push(cluster);
        servedBy.set(type.kind, serving);
        if (type.namespaced) namespaced.add(type.kind);
      }
    }
    return { servedBy, namespaced };
  }, [wecsApi, key]);
  return { ...(value ?? NO_KINDS), error, loading };
}

/** One cluster's answer that did not come. */
export interface ListFailure {
  cluster: string;
  message: string;
}

/**
 * The objects of one kind the backend does not watch, listed from each cluster serving it: a
 * snapshot taken when the kind (or namespace) is chosen and again on `relist`.
 */
export function useListedObjects(
  kind: string | undefined,
  clusters: string[],
  namespace?: string,
) {
  const wecsApi = useApi(wecsApiRef);
  const key = namesKey(clusters);
  const state = useAsyncRetry(async () => {
    if (!kind || !key) return undefined;
    const names = namesOf(key);
    const answers = await Promise.allSettled(
      names.map(cluster => wecsApi.listObjects(cluster, { kind, namespace })),
    );
    const resources = new Map<string, SlimResource>();
    const truncated: string[] = [];
    const failures: ListFailure[] = [];
    answers.forEach((answer, index) => {
      if (answer.status === 'rejected') {
        failures.push({
          cluster: names[index],
          message: (answer.reason as Error).message,
        });
        return;
      }
      for (const item of answer.value.items)
        resources.set(selectionKeyOf(item), item);
      if (answer.value.truncated) truncated.push(names[index]);
    });
    return { resources, truncated, failures, listedAt: new Date() };
  }, [wecsApi, kind, key, namespace]);
  const empty = useMemo(() => new Map<string, SlimResource>(), []);
  return {
    resources: state.value?.resources ?? empty,
    truncated: state.value?.truncated ?? [],
    failures: state.value?.failures ?? [],
    listedAt: state.value?.listedAt,
    loading: state.loading,
    relist: state.retry,
  };
}
