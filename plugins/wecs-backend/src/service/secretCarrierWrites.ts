import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { wecsSecretsReadPermission } from '@kubestellar/plugin-wecs-common';
import { ClusterClient } from '@kubestellar/plugin-wecs-node';
import { Request } from 'express';
import { redactSecretValues } from '../model/secretRedaction';
import { RouteContext } from './routeContext';

/** The object a write goes to: its cluster, kind and API path. */
export interface WriteTarget {
  watch: { identity: { name: string }; client: ClusterClient };
  type: { kind: string };
  path: string;
}

/**
 * Refuses (403) to change, for a user without `wecs.secrets.read`, a Secret or an object that
 * carries Secret values (a ManifestWork that embeds one, a WorkStatus or CombinedStatus of one,
 * a Helm release record, anything whose last-applied annotation holds one). Answers are
 * redacted, but a change could still reveal what they hide: a JSON patch can copy or move a
 * value into a field that is no carrier, or `test` a guess; a merge patch can make the carrier
 * stop being one (drop a Helm ConfigMap's owner=helm label, turn an embedded Secret's kind into
 * ConfigMap, point a WorkStatus at another kind) and the answer then shows the values. Costs
 * one read of the object, and only for such users; an object that is not there is left to the
 * write, which meets the same absence.
 */
export async function requireSecretsToChangeCarrier(
  context: Pick<RouteContext, 'isAllowed' | 'call'>,
  req: Request,
  { watch, type, path }: WriteTarget,
): Promise<void> {
  if (await context.isAllowed(req, wecsSecretsReadPermission)) return;
  if (type.kind === 'Secret') {
    throw new NotAllowedError(
      'Changing a Secret needs wecs.secrets.read: without it the values are redacted',
    );
  }
  let current: unknown;
  try {
    current = await context.call(watch.identity.name, () =>
      watch.client.getJson(path),
    );
  } catch (error) {
    if (error instanceof NotFoundError) return;
    throw error;
  }
  if (redactSecretValues(current) !== current) {
    throw new NotAllowedError(
      `This ${type.kind} carries Secret values; changing it needs wecs.secrets.read, as changing a Secret does`,
    );
  }
}
