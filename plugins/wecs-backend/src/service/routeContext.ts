import {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
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
import { describeError } from '../model/errors';
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

/**
 * A cluster's refusal as the Backstage error the client should see: the API server's own
 * message with the matching status (409 conflict, 422 invalid, 403, 404), 503 when the
 * cluster could not be reached.
 */
export function fromClusterError(error: unknown, cluster: string): Error {
  if (error instanceof KubeApiError) {
    const message = `${cluster}: ${error.message}`;
    switch (error.statusCode) {
      case 400:
      case 422:
        return new InputError(message);
      case 401:
      case 403:
        return new NotAllowedError(message);
      case 404:
        return new NotFoundError(message);
      case 409:
        return new ConflictError(message);
      default:
        return new ServiceUnavailableError(message);
    }
  }
  return new ServiceUnavailableError(
    `${cluster} could not be reached: ${describeError(error)}`,
  );
}
