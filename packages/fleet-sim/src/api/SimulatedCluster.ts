import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { Change, keyOf, ObjectStore } from '../store/ObjectStore';
import { approvedCsr } from './csrApproval';
import { inApiServerKeyOrder } from './mapOrder';
import { objectMetaDecodeError } from './objectMeta';
import { applyPatchOfType, PatchType } from './patch';
import { pruneUnknownFields } from './prune';
import {
  groupVersionOf,
  hasGeneration,
  ResourceType,
  storageTypeKeyOf,
  typeKeyOf,
} from './resources';
import { parseFieldSelector, parseLabelSelector } from './selectors';
import {
  alreadyExists,
  ApiError,
  badRequest,
  conflict,
  forbidden,
  invalid,
  namespaceNotFound,
  notFound,
} from './status';
import { TypeRegistry } from './TypeRegistry';
import { KubeObject } from './types';

export type Subresource = 'status' | 'scale' | 'approval';

export interface DeleteOptions {
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
}

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
}

/** Fills defaults or rejects objects on their way into storage, as admission does. */
export type AdmissionHook = (
  type: ResourceType,
  object: KubeObject,
  previous: KubeObject | undefined,
  cluster: SimulatedCluster,
) => void;

const DNS_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * The API semantics of one cluster, without HTTP: the registry strategies of a Kubernetes API
 * server (defaults, validation, optimistic concurrency, generation, status and scale
 * subresources, graceful and cascading deletion, CRDs) on top of an {@link ObjectStore}.
 * The simulated controllers write through it too, so every change reaches watchers.
 */
export class SimulatedCluster {
  readonly store: ObjectStore;
  readonly types = new TypeRegistry();
  private readonly admission: AdmissionHook[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(readonly name: string, options: { historyLimit?: number } = {}) {
    this.store = new ObjectStore(options.historyLimit);
    this.store.subscribe(change => this.onChange(change));
  }

  addAdmissionHook(hook: AdmissionHook) {
    this.admission.push(hook);
  }

  /** The type of an object by its apiVersion and kind, or a 400 naming them. */
  typeOf(apiVersion: string, kind: string): ResourceType {
    const type = this.types.findByKind(apiVersion, kind);
    if (!type) {
      throw badRequest(
        `no matches for kind "${kind}" in version "${apiVersion}"`,
      );
    }
    return type;
  }

  // --- reads ---------------------------------------------------------------------------

  get(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
  ): KubeObject {
    const object = this.store.get(
      storageTypeKeyOf(type),
      scoped(type, namespace),
      name,
    );
    if (!object) throw notFound(type, name);
    return object;
  }

  find(type: ResourceType, namespace: string | undefined, name: string) {
    return this.store.get(
      storageTypeKeyOf(type),
      scoped(type, namespace),
      name,
    );
  }

  list(
    type: ResourceType,
    namespace?: string,
    options: ListOptions = {},
  ): KubeObject[] {
    const matches = this.matcher(type, options);
    return this.store
      .list(storageTypeKeyOf(type), scoped(type, namespace))
      .filter(matches);
  }

  matcher(type: ResourceType, options: ListOptions) {
    const labels = parseLabelSelector(options.labelSelector);
    const fields = parseFieldSelector(options.fieldSelector, type.kind);
    return (object: KubeObject) => labels(object) && fields(object);
  }

  // --- writes --------------------------------------------------------------------------

  /**
   * A fault for tests: stores `object` as it is, past decoding, validation and admission, so
   * that lists and watches serve what no real API server would (a name that is a number, owner
   * references that are a string). Only a uid and a creation time are added when it has none;
   * the store gives it a resourceVersion. Its apiVersion and kind must name a served type.
   */
  injectUnchecked(object: KubeObject): KubeObject {
    const type = this.typeOf(object.apiVersion!, object.kind!);
    const stored = structuredClone(object);
    stored.metadata.uid ??= randomUUID();
    stored.metadata.creationTimestamp ??= now();
    return this.store.put(storageTypeKeyOf(type), stored).object;
  }

  create(
    type: ResourceType,
    namespace: string | undefined,
    body: KubeObject,
    options: { dryRun?: boolean; keepStatus?: boolean } = {},
  ): KubeObject {
    this.checkWritable(type);
    const object = this.normalizeIncoming(type, namespace, body);
    const meta = object.metadata;
    if (!meta.name && meta.generateName) {
      meta.name = `${meta.generateName}${randomSuffix()}`;
    }
    if (!meta.name) {
      throw invalid(type, '', [
        {
          field: 'metadata.name',
          message: 'Required value: name or generateName is required',
          reason: 'FieldValueRequired',
        },
      ]);
    }
    this.validateName(type, meta.name);
    if (type.namespaced) {
      this.checkNamespaceAcceptsContent(meta.namespace!);
    }
    if (this.find(type, meta.namespace, meta.name)) {
      throw alreadyExists(type, meta.name);
    }
    meta.uid = randomUUID();
    meta.creationTimestamp = now();
    delete meta.resourceVersion;
    delete meta.deletionTimestamp;
    if (hasGeneration(type)) meta.generation = 1;
    if (type.subresources?.includes('status') && !options.keepStatus) {
      delete object.status;
    }
    for (const hook of this.admission) hook(type, object, undefined, this);
    if (options.dryRun) return object;
    return this.store.put(storageTypeKeyOf(type), object).object;
  }

  update(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    body: KubeObject,
    options: { subresource?: Subresource; dryRun?: boolean } = {},
  ): KubeObject {
    this.checkWritable(type);
    const current = this.get(type, namespace, name);
    if (options.subresource === 'scale') {
      return this.updateScale(type, current, body, options.dryRun);
    }
    const incoming = this.normalizeIncoming(type, namespace, body);
    if (incoming.metadata.name !== name) {
      throw badRequest(
        `the name of the object (${incoming.metadata.name}) does not match the name on the URL (${name})`,
      );
    }
    return this.replaceChecked(type, current, incoming, options);
  }

  patch(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    patchType: PatchType,
    patch: unknown,
    options: { subresource?: Subresource; dryRun?: boolean } = {},
  ): KubeObject {
    this.checkWritable(type);
    const current = this.get(type, namespace, name);
    if (options.subresource === 'scale') {
      const scale = this.scaleOf(type, current);
      const patched = applyPatchOfType(patchType, scale, patch, {
        strategicSupported: true,
      }) as KubeObject;
      return this.updateScale(type, current, patched, options.dryRun);
    }
    const patched = applyPatchOfType(patchType, current, patch, {
      strategicSupported: !type.custom,
    }) as KubeObject;
    if (!patched || typeof patched !== 'object' || !patched.metadata) {
      throw badRequest('the patch removed the object metadata');
    }
    const incoming = this.normalizeIncoming(type, namespace, patched);
    if (incoming.metadata.name !== name) {
      throw invalid(type, name, [
        {
          field: 'metadata.name',
          message: `Invalid value: "${incoming.metadata.name}": field is immutable`,
        },
      ]);
    }
    return this.replaceChecked(type, current, incoming, options);
  }

  /** Stores an incoming version unless its resourceVersion is stale (409). */
  private replaceChecked(
    type: ResourceType,
    current: KubeObject,
    incoming: KubeObject,
    options: { subresource?: Subresource; dryRun?: boolean },
  ): KubeObject {
    const expectedVersion = incoming.metadata.resourceVersion;
    if (
      expectedVersion &&
      expectedVersion !== current.metadata.resourceVersion
    ) {
      throw conflict(type, current.metadata.name!);
    }
    const next = this.mergeForUpdate(
      type,
      current,
      incoming,
      options.subresource,
    );
    return this.write(type, current, next, options.dryRun);
  }

  /**
   * Deletes an object, or marks it for deletion when finalizers or a grace period keep it
   * for a while; returns the object as it is after the call and whether it is gone.
   */
  delete(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    options: DeleteOptions = {},
  ): { object: KubeObject; gone: boolean } {
    this.checkWritable(type);
    const current = this.get(type, namespace, name);
    const { preconditions } = options;
    if (preconditions?.uid && preconditions.uid !== current.metadata.uid) {
      throw conflict(
        type,
        name,
        `Precondition failed: UID in precondition: ${preconditions.uid}, UID in object meta: ${current.metadata.uid}`,
      );
    }
    if (
      preconditions?.resourceVersion &&
      preconditions.resourceVersion !== current.metadata.resourceVersion
    ) {
      throw conflict(
        type,
        name,
        `Precondition failed: ResourceVersion in precondition: ${preconditions.resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion}`,
      );
    }
    const propagation =
      options.propagationPolicy ??
      (type.group === 'batch' && type.kind === 'Job' ? 'Orphan' : 'Background');

    if (current.metadata.deletionTimestamp) {
      return { object: current, gone: false };
    }

    const finalizers = [...(current.metadata.finalizers ?? [])];
    if (
      propagation === 'Foreground' &&
      this.store.dependentsOf(current.metadata.uid!).length
    ) {
      finalizers.push('foregroundDeletion');
    }
    if (type.kind === 'Namespace' && !type.group) {
      return { object: this.beginNamespaceDeletion(current), gone: false };
    }
    const grace =
      type.kind === 'Pod' && !type.group
        ? options.gracePeriodSeconds ??
          (current.spec as any)?.terminationGracePeriodSeconds ??
          30
        : 0;
    if (finalizers.length > 0 || grace > 0) {
      const marked = this.withMeta(current, {
        deletionTimestamp: new Date(Date.now() + grace * 1000)
          .toISOString()
          .replace(/\.\d{3}Z$/, 'Z'),
        deletionGracePeriodSeconds: grace,
        finalizers: finalizers.length ? finalizers : undefined,
      });
      const stored = this.store.put(storageTypeKeyOf(type), marked).object;
      if (propagation === 'Foreground')
        this.later(() => this.cascade(stored, 'Foreground'));
      return { object: stored, gone: false };
    }
    this.remove(type, current, propagation);
    return { object: current, gone: true };
  }

  /** Removes an object now, handling its dependents by the propagation policy. */
  private remove(
    type: ResourceType,
    object: KubeObject,
    propagation: DeleteOptions['propagationPolicy'],
  ) {
    this.store.remove(
      storageTypeKeyOf(type),
      object.metadata.namespace,
      object.metadata.name!,
    );
    if (propagation === 'Orphan') {
      this.orphanDependents(object);
    } else {
      this.later(() => this.cascade(object, 'Background'));
    }
  }

  /** Ends a graceful deletion, as the kubelet does when a pod's containers have stopped. */
  finishGracefulDeletion(type: ResourceType, object: KubeObject) {
    const current = this.find(
      type,
      object.metadata.namespace,
      object.metadata.name!,
    );
    if (!current?.metadata.deletionTimestamp) return;
    if ((current.metadata.finalizers ?? []).length === 0) {
      this.remove(type, current, 'Background');
    }
  }

  private cascade(owner: KubeObject, mode: 'Background' | 'Foreground') {
    for (const ref of this.store.dependentsOf(owner.metadata.uid!)) {
      const dependent = this.store.getByKey(ref.typeKey, ref.key);
      const type = this.types.findByTypeKey(ref.typeKey);
      if (!dependent || !type) continue;
      const remainingOwners = (dependent.metadata.ownerReferences ?? []).filter(
        o => o.uid !== owner.metadata.uid && this.ownerExists(o.uid),
      );
      if (remainingOwners.length > 0) continue;
      try {
        this.delete(
          type,
          dependent.metadata.namespace,
          dependent.metadata.name!,
          {
            propagationPolicy: mode,
          },
        );
      } catch (error) {
        if (!(error instanceof ApiError) || error.status.code !== 404)
          throw error;
      }
    }
    if (mode === 'Foreground') this.later(() => this.finishForeground(owner));
  }

  private finishForeground(owner: KubeObject) {
    const type = this.types.findByKind(owner.apiVersion!, owner.kind!);
    if (!type) return;
    const current = this.find(
      type,
      owner.metadata.namespace,
      owner.metadata.name!,
    );
    if (!current || current.metadata.uid !== owner.metadata.uid) return;
    if (this.store.dependentsOf(owner.metadata.uid!).length > 0) {
      this.later(() => this.finishForeground(owner), 100);
      return;
    }
    const finalizers = (current.metadata.finalizers ?? []).filter(
      f => f !== 'foregroundDeletion',
    );
    const next = this.withMeta(current, {
      finalizers: finalizers.length ? finalizers : undefined,
    });
    this.write(type, current, next);
  }

  private ownerExists(uid: string) {
    return this.uidIndex.has(uid);
  }

  private orphanDependents(owner: KubeObject) {
    for (const ref of this.store.dependentsOf(owner.metadata.uid!)) {
      const dependent = this.store.getByKey(ref.typeKey, ref.key);
      if (!dependent) continue;
      const owners = (dependent.metadata.ownerReferences ?? []).filter(
        o => o.uid !== owner.metadata.uid,
      );
      this.store.put(
        ref.typeKey,
        this.withMeta(dependent, {
          ownerReferences: owners.length ? owners : undefined,
        }),
      );
    }
  }

  private beginNamespaceDeletion(namespace: KubeObject): KubeObject {
    const marked: KubeObject = {
      ...this.withMeta(namespace, { deletionTimestamp: now() }),
      status: { ...(namespace.status as object), phase: 'Terminating' },
    };
    const stored = this.store.put('/namespaces', marked).object;
    this.later(() => this.emptyNamespace(stored.metadata.name!));
    return stored;
  }

  private emptyNamespace(namespace: string) {
    let remaining = 0;
    for (const type of this.types.all()) {
      if (!type.namespaced || type.readOnly || type.group === 'events.k8s.io')
        continue;
      for (const object of this.store.list(storageTypeKeyOf(type), namespace)) {
        remaining++;
        if (
          object.metadata.deletionTimestamp &&
          object.metadata.finalizers?.length
        ) {
          continue;
        }
        this.store.remove(
          storageTypeKeyOf(type),
          namespace,
          object.metadata.name!,
        );
      }
    }
    if (remaining === 0) {
      this.store.remove('/namespaces', undefined, namespace);
    } else {
      this.later(() => this.emptyNamespace(namespace), 50);
    }
  }

  // --- helpers ---------------------------------------------------------------------------

  private readonly uidIndex = new Set<string>();

  private onChange(change: Change) {
    if (change.type === 'DELETED')
      this.uidIndex.delete(change.object.metadata.uid!);
    else this.uidIndex.add(change.object.metadata.uid!);
    if (change.typeKey === 'apiextensions.k8s.io/customresourcedefinitions') {
      this.onCrdChange(change);
    }
  }

  private onCrdChange(change: Change) {
    if (change.type === 'DELETED') {
      const crdName = change.object.metadata.name!;
      const types = this.types.all().filter(t => t.custom?.crdName === crdName);
      for (const type of types) {
        for (const object of this.store.list(typeKeyOf(type))) {
          this.store.remove(
            typeKeyOf(type),
            object.metadata.namespace,
            object.metadata.name!,
          );
        }
      }
      this.types.forgetCrd(crdName);
      return;
    }
    this.types.defineFromCrd(change.object);
    const conditions = ((change.object.status as any)?.conditions ??
      []) as any[];
    if (
      !conditions.some(c => c.type === 'Established' && c.status === 'True')
    ) {
      const spec = change.object.spec as any;
      this.later(() => {
        const crdType = this.types.find(
          'apiextensions.k8s.io',
          'v1',
          'customresourcedefinitions',
        )!;
        const current = this.find(
          crdType,
          undefined,
          change.object.metadata.name!,
        );
        if (!current) return;
        const time = now();
        this.write(crdType, current, {
          ...current,
          status: {
            acceptedNames: spec.names,
            storedVersions: (spec.versions ?? [])
              .filter((v: any) => v.storage)
              .map((v: any) => v.name),
            conditions: [
              {
                type: 'NamesAccepted',
                status: 'True',
                reason: 'NoConflicts',
                message: 'no conflicts found',
                lastTransitionTime: time,
              },
              {
                type: 'Established',
                status: 'True',
                reason: 'InitialNamesAccepted',
                message: 'the initial names have been accepted',
                lastTransitionTime: time,
              },
            ],
          },
        });
      });
    }
  }

  /** Writes the next state of an object unless nothing changed, finishing deletions. */
  private write(
    type: ResourceType,
    current: KubeObject,
    next: KubeObject,
    dryRun = false,
  ): KubeObject {
    for (const hook of this.admission) hook(type, next, current, this);
    if (
      next.metadata.deletionTimestamp &&
      (next.metadata.finalizers ?? []).length === 0 &&
      !(type.kind === 'Pod' && !type.group)
    ) {
      if (dryRun) return next;
      this.remove(type, next, 'Background');
      return next;
    }
    const { resourceVersion: _a, ...nextMeta } = next.metadata;
    const { resourceVersion: _b, ...currentMeta } = current.metadata;
    if (
      isDeepStrictEqual(
        { ...next, metadata: nextMeta },
        { ...current, metadata: currentMeta },
      )
    ) {
      return current;
    }
    if (dryRun) return next;
    return this.store.put(storageTypeKeyOf(type), next).object;
  }

  /** The object an update stores: immutable fields kept, status and spec split by subresource. */
  private mergeForUpdate(
    type: ResourceType,
    current: KubeObject,
    incoming: KubeObject,
    subresource?: Subresource,
  ): KubeObject {
    const keepMeta = {
      uid: current.metadata.uid,
      creationTimestamp: current.metadata.creationTimestamp,
      deletionTimestamp: current.metadata.deletionTimestamp,
      deletionGracePeriodSeconds: current.metadata.deletionGracePeriodSeconds,
      generation: current.metadata.generation,
      namespace: current.metadata.namespace,
    };
    if (subresource === 'approval') return approvedCsr(type, current, incoming);
    if (subresource === 'status') {
      return {
        ...current,
        status: incoming.status,
        metadata: { ...current.metadata },
      };
    }
    const next: KubeObject = {
      ...incoming,
      metadata: { ...incoming.metadata, ...stripUndefined(keepMeta) },
    };
    if (
      current.metadata.deletionTimestamp &&
      !next.metadata.finalizers?.length
    ) {
      delete next.metadata.finalizers;
    }
    if (type.subresources?.includes('status')) {
      if (current.status === undefined) delete next.status;
      else next.status = current.status;
    }
    if (
      hasGeneration(type) &&
      !isDeepStrictEqual(specOf(next), specOf(current)) &&
      !isPodBinding(type, current, next)
    ) {
      next.metadata.generation = (current.metadata.generation ?? 1) + 1;
    }
    return next;
  }

  /** The autoscaling/v1 Scale view of an object with a scale subresource. */
  scaleOf(type: ResourceType, object: KubeObject): KubeObject {
    if (!type.subresources?.includes('scale')) {
      throw notFound(type, object.metadata.name!);
    }
    const spec = object.spec as any;
    const status = object.status as any;
    const selector = spec?.selector?.matchLabels
      ? Object.entries(spec.selector.matchLabels as Record<string, string>)
          .map(([k, v]) => `${k}=${v}`)
          .join(',')
      : undefined;
    return {
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: {
        name: object.metadata.name,
        namespace: object.metadata.namespace,
        uid: object.metadata.uid,
        resourceVersion: object.metadata.resourceVersion,
        creationTimestamp: object.metadata.creationTimestamp,
      },
      spec: { replicas: spec?.replicas ?? 0 },
      status: {
        replicas: status?.replicas ?? 0,
        ...(selector ? { selector } : {}),
      },
    };
  }

  private updateScale(
    type: ResourceType,
    current: KubeObject,
    scale: KubeObject,
    dryRun?: boolean,
  ): KubeObject {
    const replicas = (scale.spec as any)?.replicas;
    if (!Number.isInteger(replicas) || replicas < 0) {
      throw invalid(type, current.metadata.name!, [
        {
          field: 'spec.replicas',
          message: `Invalid value: ${JSON.stringify(
            replicas,
          )}: must be greater than or equal to 0`,
        },
      ]);
    }
    const expected = scale.metadata?.resourceVersion;
    if (expected && expected !== current.metadata.resourceVersion) {
      throw conflict(type, current.metadata.name!);
    }
    const next = this.mergeForUpdate(type, current, {
      ...current,
      spec: { ...(current.spec as object), replicas },
    });
    const stored = this.write(type, current, next, dryRun);
    return this.scaleOf(type, stored);
  }

  /** Checks apiVersion, kind and namespace of a request body and returns a copy to work on. */
  private normalizeIncoming(
    type: ResourceType,
    namespace: string | undefined,
    body: KubeObject,
  ): KubeObject {
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      throw badRequest('the request body must be a JSON object');
    }
    // A field of the wrong JSON type fails decoding, before any validation.
    const decodeError = objectMetaDecodeError(body);
    if (decodeError) {
      throw badRequest(
        `${type.kind} in version "${type.version}" cannot be handled as a ${type.kind}: ${decodeError}`,
      );
    }
    const expectedVersion =
      type.group === 'events.k8s.io' ? 'v1' : groupVersionOf(type);
    if (body.apiVersion && body.apiVersion !== groupVersionOf(type)) {
      throw badRequest(
        `the API version in the data (${
          body.apiVersion
        }) does not match the expected API version (${groupVersionOf(type)})`,
      );
    }
    if (body.kind && body.kind !== type.kind) {
      throw badRequest(
        `the kind in the data (${body.kind}) does not match the expected kind (${type.kind})`,
      );
    }
    const object = structuredClone(body);
    object.metadata = object.metadata ?? {};
    object.apiVersion =
      expectedVersion === 'v1' && type.group === 'events.k8s.io'
        ? 'v1'
        : groupVersionOf(type);
    object.kind = type.kind;
    if (type.namespaced) {
      if (
        object.metadata.namespace &&
        namespace &&
        object.metadata.namespace !== namespace
      ) {
        throw badRequest(
          'the namespace of the provided object does not match the namespace sent on the request',
        );
      }
      object.metadata.namespace =
        namespace ?? object.metadata.namespace ?? 'default';
    } else {
      delete object.metadata.namespace;
    }
    delete object.metadata.managedFields;
    return inApiServerKeyOrder(
      type.custom ? pruneUnknownFields(object, type.custom.schema) : object,
      Boolean(type.custom),
    );
  }

  private validateName(type: ResourceType, name: string) {
    if (name.length > 253 || !DNS_SUBDOMAIN.test(name)) {
      throw invalid(type, name, [
        {
          field: 'metadata.name',
          message: `Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
        },
      ]);
    }
  }

  private checkNamespaceAcceptsContent(namespace: string) {
    const ns = this.store.get('/namespaces', undefined, namespace);
    if (!ns) throw namespaceNotFound(namespace);
    if (ns.metadata.deletionTimestamp) {
      throw forbiddenTerminating(namespace);
    }
  }

  private checkWritable(type: ResourceType) {
    if (type.readOnly) {
      throw badRequest(`${type.plural} are read-only here`);
    }
  }

  private withMeta(
    object: KubeObject,
    changes: Partial<KubeObject['metadata']>,
  ): KubeObject {
    return {
      ...object,
      metadata: stripUndefined({ ...object.metadata, ...changes }),
    };
  }

  /** Runs cluster-internal follow-up work (garbage collection, finalization) soon after. */
  later(work: () => void, delayMs = 0) {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      work();
    }, delayMs);
    timer.unref?.();
    this.timers.add(timer);
  }

  stop() {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  /** For callers that hold an object but not its type. */
  typeOfObject(object: KubeObject): ResourceType {
    return this.typeOf(object.apiVersion!, object.kind!);
  }

  objectKey(object: KubeObject) {
    return keyOf(object);
  }
}

function forbiddenTerminating(namespace: string) {
  const error = forbidden(
    'system:unknown',
    'create',
    {
      group: '',
      version: 'v1',
      kind: 'Namespace',
      plural: 'namespaces',
      singular: 'namespace',
      namespaced: false,
    },
    namespace,
  );
  error.status.message = `unable to create new content in namespace ${namespace} because it is being terminated`;
  error.status.details = {
    name: namespace,
    kind: 'namespaces',
    causes: [
      {
        reason: 'NamespaceTerminating',
        message: `namespace ${namespace} is being terminated`,
        field: 'metadata.namespace',
      },
    ],
  };
  return error;
}

function scoped(type: ResourceType, namespace: string | undefined) {
  return type.namespaced ? namespace : undefined;
}

function specOf(object: KubeObject) {
  const {
    metadata: _m,
    status: _s,
    apiVersion: _a,
    kind: _k,
    ...rest
  } = object;
  return rest;
}

function stripUndefined<T extends object>(object: T): T {
  return Object.fromEntries(
    Object.entries(object).filter(([, v]) => v !== undefined),
  ) as T;
}

function randomSuffix() {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let suffix = '';
  for (let i = 0; i < 5; i++) {
    suffix += alphabet[Math.floor(Math.random() * alphabet.length)];
  }
  return suffix;
}

/**
 * Setting a pod's node is what a scheduler does through the binding subresource, which leaves
 * the pod's generation alone; the simulated scheduler writes the pod instead.
 */
function isPodBinding(
  type: ResourceType,
  current: KubeObject,
  next: KubeObject,
) {
  if (type.group !== '' || type.kind !== 'Pod') return false;
  const currentSpec = (current.spec ?? {}) as Record<string, unknown>;
  const nextSpec = (next.spec ?? {}) as Record<string, unknown>;
  return (
    !currentSpec.nodeName &&
    Boolean(nextSpec.nodeName) &&
    isDeepStrictEqual(
      { ...nextSpec, nodeName: undefined },
      { ...currentSpec, nodeName: undefined },
    )
  );
}
