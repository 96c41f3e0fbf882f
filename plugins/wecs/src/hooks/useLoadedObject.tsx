import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { DependencyList, useCallback, useEffect, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';

/**
 * An object read from the backend for a details panel, read again when `deps` change. After a
 * save, the saved version shows at once, until the next read replaces it.
 */
export function useLoadedObject(
  load: () => Promise<Record<string, any>>,
  deps: DependencyList,
) {
  // The caller's deps decide when to read again, as with useEffect.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const object = useAsyncRetry(load, deps);
  const [saved, setSaved] = useState<Record<string, any>>();
  useEffect(() => setSaved(undefined), [object.value]);
  const { retry } = object;
  const onSaved = useCallback(
    (updated: Record<string, any>) => {
      setSaved(updated);
      retry();
    },
    [retry],
  );
  /** `render` with the object, or the progress or error of reading it. */
  const loaded = (render: (value: Record<string, any>) => JSX.Element) => {
    const value = saved ?? object.value;
    if (value) return render(value);
    if (object.error) return <ResponseErrorPanel error={object.error} />;
    return <Progress />;
  };
  return { loaded, onSaved, reload: retry };
}
