import { InputError } from '@backstage/errors';
import { isLogTime } from '@kubestellar/plugin-wecs-common';
import { flagParam, NAME_PATTERN, wholeNumberParam } from './validation';

/** The options of one container's log, as the API server's pods/log takes them. */
export interface LogRequest {
  namespace: string;
  pod: string;
  container?: string;
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  /** RFC 3339; the API server reads it to the second. */
  sinceTime?: string;
  limitBytes?: number;
}

/** Validates the log options of a request (query string of HTTP or socket URLs). */
export function parseLogRequest(query: Record<string, unknown>): LogRequest {
  const text = (key: string) =>
    typeof query[key] === 'string' ? (query[key] as string) : undefined;
  const namespace = text('namespace');
  const pod = text('pod');
  const container = text('container');
  if (!namespace || !NAME_PATTERN.test(namespace))
    throw new InputError('namespace is required and must be a valid name');
  if (!pod || !NAME_PATTERN.test(pod))
    throw new InputError('pod is required and must be a valid name');
  if (
    container !== undefined &&
    !/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(container)
  ) {
    throw new InputError(`Invalid container "${container}"`);
  }
  const flag = (key: string) => flagParam(query[key], key);
  const sinceTime = text('sinceTime');
  if (sinceTime !== undefined && !isLogTime(sinceTime))
    throw new InputError('sinceTime must be an RFC 3339 time');
  const sinceSeconds = wholeNumberParam(
    query.sinceSeconds,
    'sinceSeconds',
    366 * 24 * 3600,
  );
  if (sinceTime !== undefined && sinceSeconds !== undefined)
    throw new InputError('Give at most one of sinceTime and sinceSeconds');
  return {
    namespace,
    pod,
    ...(container ? { container } : {}),
    follow: flag('follow'),
    previous: flag('previous'),
    timestamps: flag('timestamps'),
    tailLines: wholeNumberParam(query.tailLines, 'tailLines', 1_000_000),
    sinceSeconds,
    ...(sinceTime ? { sinceTime } : {}),
    limitBytes: wholeNumberParam(
      query.limitBytes,
      'limitBytes',
      512 * 1024 * 1024,
    ),
  };
}

/**
 * What log requests accept: a real API server answers `Accept: text/plain` with 406, though plain
 * text is what it sends back.
 */
export const LOG_ACCEPT = '*/*';

/** The API server path that answers a log request. */
export function logPath(request: LogRequest) {
  const query = new URLSearchParams();
  if (request.container) query.set('container', request.container);
  if (request.follow) query.set('follow', 'true');
  if (request.previous) query.set('previous', 'true');
  if (request.timestamps) query.set('timestamps', 'true');
  if (request.tailLines !== undefined)
    query.set('tailLines', String(request.tailLines));
  if (request.sinceSeconds)
    query.set('sinceSeconds', String(request.sinceSeconds));
  if (request.sinceTime) query.set('sinceTime', request.sinceTime);
  if (request.limitBytes) query.set('limitBytes', String(request.limitBytes));
  return `/api/v1/namespaces/${request.namespace}/pods/${request.pod}/log?${query}`;
}
