import {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import { Request } from 'express';
import { KubeApiError } from '@kubestellar/plugin-wecs-node';
import { ClusterApiError, describeError } from '../model/errors';
import { NAME_PATTERN } from '../model/validation';
import { FleetStore } from '../store/FleetStore';
import { WatchPool } from '../watch/WatchPool';

/**
 * What every route needs: permission checks, access to a monitored cluster and to a cluster's
 * own object, audited changes, and the store.
 */
export function createRouteContext(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  pool: WatchPool;
  store: FleetStore;
}) {
  const { httpAuth, permissions, auditor, pool, store } = options;

  const isAllowed = async (req: Request, permission: BasicPermission) => {
    const credentials = await httpAuth.credentials(req);
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    return decision.result === AuthorizeResult.ALLOW;
  };

  const requirePermission = async (
    req: Request,
    permission: BasicPermission,
  ) => {
    if (!(await isAllowed(req, permission))) {
      throw new NotAllowedError(`Permission ${permission.name} is required`);
    }
  };

  const knownCluster = (name: string) => {
    if (!NAME_PATTERN.test(name))
      throw new InputError(`Invalid cluster name "${name}"`);
    const cluster = pool.cluster(name);
    if (cluster) return cluster;
    const pending = pool.pendingCluster(name);
    if (pending)
      throw new NotFoundError(
        `${name} is not watched yet: ${pending.pendingReason}`,
      );
    throw new NotFoundError(`No cluster named ${name} is monitored`);
  };

  /** Runs a change to a cluster as an audit event: recorded, with its outcome. */
  const audited = async <T>(
    req: Request,
    eventId: string,
    meta: Record<string, string | undefined>,
    action: () => Promise<T>,
  ) => {
    const event = await auditor.createEvent({
      eventId,
      severityLevel: eventId === 'resource-delete' ? 'high' : 'medium',
      request: req,
      meta: Object.fromEntries(
        Object.entries(meta).filter(([, v]) => v !== undefined),
      ) as Record<string, string>,
    });
    try {
      const result = await action();
      await event.success();
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  };

  /** Sends a request to a cluster; its refusal becomes the matching Backstage error. */
  const call = async <T>(cluster: string, request: () => Promise<T>) => {
    try {
      return await request();
    } catch (error) {
      throw fromClusterError(error, cluster);
    }
  };

  /** The ITS's ManagedCluster of a cluster, wherever the sources say it lives. */
  const clusterObject = (name: string) => {
    if (!NAME_PATTERN.test(name))
      throw new InputError(`Invalid cluster name "${name}"`);
    const location = pool.clusterObject(name);
    if (!location)
      throw new NotFoundError(
        `No source holds an object for cluster ${name}: clusters from kubeconfig contexts have none`,
      );
    return location;
  };

  return {
    isAllowed,
    requirePermission,
    knownCluster,
    audited,
    call,
    clusterObject,
    pool,
    store,
  };
}

export type RouteContext = ReturnType<typeof createRouteContext>;

/** Node's codes of a connection that failed or broke (socket, DNS, TLS, HTTP/2). */
const CONNECTION_FAILURE =
  /^(E[A-Z]+|ERR_(TLS|SSL|HTTP2|SOCKET|STREAM)_[A-Z_]+|ABORT_ERR|CERT_[A-Z_]+|UNABLE_TO_[A-Z_]+|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)$/;

/** Whether an error means the API server could not be reached (rather than it answered). */
function isConnectionFailure(error: unknown): boolean {
  // Read by its fields: Node's own errors need not be instances of this realm's Error.
  if (typeof error !== 'object' || error === null) return false;
  const { code, name, message } = error as Record<string, unknown>;
  return (
    (typeof code === 'string' && CONNECTION_FAILURE.test(code)) ||
    name === 'AbortError' ||
    (typeof message === 'string' &&
      /^no response from .* within|^the connection to .* was lost/.test(
        message,
      ))
  );
}

/**
 * What a cluster's API server answered, as the user should get it: with the API server's own
 * status (a 500 stays a 500, a 422 a 422) and its Status message, said to come from the
 * cluster. A 401 is the exception: the API server refused the backend's credentials, not the
 * user's, so the user gets 403 saying so. An answer that is not JSON is a 502; a cluster that
 * could not be reached is a 503. Anything else is the backend's own failure and passes as it
 * is (the error handler answers 500 without detail).
 */
export function fromClusterError(error: unknown, cluster: string): Error {
  if (error instanceof KubeApiError) {
    if (error.statusCode === 401)
      return new NotAllowedError(
        `The API server of ${cluster} refused the credentials WECS uses for it (401): ${error.message}`,
      );
    return new ClusterApiError(
      `The API server of ${cluster} answered ${error.statusCode}: ${error.message}`,
      error.statusCode,
    );
  }
  if (isConnectionFailure(error))
    return new ServiceUnavailableError(
      `${cluster} could not be reached: ${describeError(error)}`,
    );
  if (error instanceof SyntaxError)
    return new ClusterApiError(
      `The API server of ${cluster} answered with something that is not JSON`,
      502,
    );
  return error instanceof Error ? error : new Error(String(error));
}
