import { createHash } from 'node:crypto';
import { LogStore } from '../api/logs';
import { ResourceType } from '../api/resources';
import { SimulatedCluster } from '../api/SimulatedCluster';
import { ApiError } from '../api/status';
import { KubeObject, OwnerReference } from '../api/types';

const timestamp = (time = Date.now()) =>
  new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Helpers the simulated controllers share: typed access to a cluster's objects, status
 * writes that tolerate races, events recorded the way the real components record them,
 * and the cluster's container logs.
 */
export class ClusterRuntime {
  private readonly typeCache = new Map<string, ResourceType>();

  constructor(readonly cluster: SimulatedCluster, readonly logs: LogStore) {}

  get name() {
    return this.cluster.name;
  }

  type(apiVersion: string, kind: string): ResourceType {
    const key = `${apiVersion}/${kind}`;
    let type = this.typeCache.get(key);
    if (!type) {
      type = this.cluster.typeOf(apiVersion, kind);
      this.typeCache.set(key, type);
    }
    return type;
  }

  list(
    apiVersion: string,
    kind: string,
    namespace?: string,
    labelSelector?: string,
  ) {
    return this.cluster.list(this.type(apiVersion, kind), namespace, {
      labelSelector,
    });
  }

  find(
    apiVersion: string,
    kind: string,
    namespace: string | undefined,
    name: string,
  ) {
    return this.cluster.find(this.type(apiVersion, kind), namespace, name);
  }

  /** Creates an object, keeping the given status (seeding and controllers own status). */
  create(object: KubeObject): KubeObject | undefined {
    return this.ignoreRaces(() =>
      this.cluster.create(
        this.type(object.apiVersion!, object.kind!),
        object.metadata.namespace,
        object,
        { keepStatus: true },
      ),
    );
  }

  /** Writes a new status for an object; a concurrent change or deletion just skips it. */
  setStatus(object: KubeObject, status: unknown): KubeObject | undefined {
    const type = this.type(object.apiVersion!, object.kind!);
    return this.ignoreRaces(() =>
      this.cluster.update(
        type,
        object.metadata.namespace,
        object.metadata.name!,
        { ...object, status } as KubeObject,
        {
          subresource: type.subresources?.includes('status')
            ? 'status'
            : undefined,
        },
      ),
    );
  }

  /** Replaces an object's spec or metadata; races are skipped. */
  replace(object: KubeObject): KubeObject | undefined {
    const type = this.type(object.apiVersion!, object.kind!);
    return this.ignoreRaces(() =>
      this.cluster.update(
        type,
        object.metadata.namespace,
        object.metadata.name!,
        object,
      ),
    );
  }

  delete(object: KubeObject, gracePeriodSeconds?: number) {
    const type = this.type(object.apiVersion!, object.kind!);
    this.ignoreRaces(() =>
      this.cluster.delete(
        type,
        object.metadata.namespace,
        object.metadata.name!,
        {
          gracePeriodSeconds,
        },
      ),
    );
  }

  private ignoreRaces<T>(write: () => T): T | undefined {
    try {
      return write();
    } catch (error) {
      if (
        error instanceof ApiError &&
        ([404, 409].includes(error.status.code) ||
          // A namespace being deleted takes no new objects; the next pass sees it gone.
          error.status.details?.causes?.some(
            c => c.reason === 'NamespaceTerminating',
          ))
      ) {
        return undefined;
      }
      throw error;
    }
  }

  ownerReference(owner: KubeObject): OwnerReference {
    return {
      apiVersion: owner.apiVersion!,
      kind: owner.kind!,
      name: owner.metadata.name!,
      uid: owner.metadata.uid!,
      controller: true,
      blockOwnerDeletion: true,
    };
  }

  ownedBy(owner: KubeObject, apiVersion: string, kind: string) {
    return this.list(apiVersion, kind, owner.metadata.namespace).filter(o =>
      o.metadata.ownerReferences?.some(r => r.uid === owner.metadata.uid),
    );
  }

  /**
   * Records an Event as client-go's recorder does: a repeat of the same reason and message
   * for the same object bumps count and lastTimestamp instead of adding an Event.
   */
  recordEvent(
    involved: KubeObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    component: string,
    fieldPath?: string,
  ) {
    const namespace = involved.metadata.namespace ?? 'default';
    const eventType = this.type('v1', 'Event');
    const key = createHash('sha1')
      .update(
        `${involved.metadata.uid}|${reason}|${message}|${fieldPath ?? ''}`,
      )
      .digest('hex')
      .slice(0, 16);
    const name = `${involved.metadata.name}.${key}`;
    const now = timestamp();
    const existing = this.cluster.find(eventType, namespace, name);
    if (existing) {
      this.replace({
        ...existing,
        count: ((existing as any).count ?? 1) + 1,
        lastTimestamp: now,
      } as KubeObject);
      return;
    }
    if (!this.cluster.find(this.type('v1', 'Namespace'), undefined, namespace))
      return;
    this.create({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: {
        apiVersion: involved.apiVersion,
        kind: involved.kind,
        name: involved.metadata.name,
        namespace: involved.metadata.namespace,
        uid: involved.metadata.uid,
        resourceVersion: involved.metadata.resourceVersion,
        ...(fieldPath ? { fieldPath } : {}),
      },
      reason,
      message,
      type,
      source: { component },
      reportingComponent: component,
      reportingInstance: `${component}-${this.name}`,
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
    });
  }
}

export { timestamp };
