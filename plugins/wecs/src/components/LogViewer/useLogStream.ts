import { useApi } from '@backstage/core-plugin-api';
import { LogSource } from '@kubestellar/plugin-wecs-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import { wecsApiRef, LogLine, LogQuery } from '../../api';

export interface LogStreamState {
  /** Every line received since the last clear, in order; the array grows in place. */
  lines: LogLine[];
  /** Changes whenever `lines` does, for memoization. */
  version: number;
  sources: LogSource[];
  /** Sources that stopped, with the reason when it was a failure. */
  ended: Array<{ source: LogSource; error?: string }>;
  streaming: boolean;
  /** Why the connection dropped, while it is being made again; the lines stay. */
  reconnecting?: string;
  error?: string;
  /** Forgets the lines shown so far; new lines keep arriving. */
  clear(): void;
  /** Closes the stream and opens it again with the same query. */
  reload(): void;
}

/** Streams the log `query` names, from scratch whenever the query changes. */
export function useLogStream(query: LogQuery): LogStreamState {
  const wecsApi = useApi(wecsApiRef);
  const lines = useRef<LogLine[]>([]);
  const [version, setVersion] = useState(0);
  const [sources, setSources] = useState<LogSource[]>([]);
  const [ended, setEnded] = useState<LogStreamState['ended']>([]);
  const [streaming, setStreaming] = useState(false);
  const [reconnecting, setReconnecting] = useState<string>();
  const [error, setError] = useState<string>();
  const [generation, setGeneration] = useState(0);
  const key = JSON.stringify(query);

  useEffect(() => {
    lines.current = [];
    setVersion(v => v + 1);
    setSources([]);
    setEnded([]);
    setError(undefined);
    setReconnecting(undefined);
    setStreaming(true);
    return wecsApi.streamLogs(JSON.parse(key) as LogQuery, {
      onSources: setSources,
      onLines: batch => {
        for (const line of batch) lines.current.push(line);
        setVersion(v => v + 1);
      },
      // A resumed stream reports again the sources that had ended before the drop.
      onSourceEnded: (source, reason) =>
        setEnded(previous => [
          ...previous.filter(
            e =>
              e.source.pod !== source.pod ||
              e.source.container !== source.container,
          ),
          { source, error: reason },
        ]),
      onEnd: reason => {
        setStreaming(false);
        setReconnecting(undefined);
        setError(reason);
      },
      onReconnecting: setReconnecting,
    });
  }, [wecsApi, key, generation]);

  const clear = useCallback(() => {
    lines.current = [];
    setVersion(v => v + 1);
  }, []);
  const reload = useCallback(() => setGeneration(g => g + 1), []);

  return {
    lines: lines.current,
    version,
    sources,
    ended,
    streaming,
    reconnecting,
    error,
    clear,
    reload,
  };
}
