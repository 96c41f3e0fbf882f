import { KubeObject } from '../api/types';

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One write, as the history keeps it for watches and consistent reads. */
export interface Change {
  revision: number;
  typeKey: string;
  type: ChangeType;
  /** The object after the change (for DELETED, its last state with the deletion revision). */
  object: KubeObject;
  /** The object before the change; absent for ADDED. */
  previous?: KubeObject;
}

export type ChangeListener = (change: Change) => void;

export const objectKey = (namespace: string | undefined, name: string) =>
  namespace ? `${namespace}/${name}` : name;

export const keyOf = (object: KubeObject) =>
  objectKey(object.metadata.namespace, object.metadata.name!);

/**
 * The storage of one simulated cluster, as etcd is to an API server: one revision counter for
 * every write, a bounded history of changes (older revisions are "compacted" and answer 410),
 * and listeners that see each change as it is made.
 *
 * Stored objects are treated as immutable: a write stores a new object, never edits one.
 */
export class ObjectStore {
  private revision = 1;
  private compactedRevision = 1;
  private readonly tables = new Map<string, Map<string, KubeObject>>();
  private readonly history: Change[] = [];
  private historyStart = 0;
  private readonly listeners = new Set<ChangeListener>();
  private readonly dependents = new Map<string, Set<string>>();

  constructor(private readonly historyLimit = 10_000) {}

  get currentRevision(): number {
    return this.revision;
  }

  /** The oldest revision a watch or a consistent list can start from. */
  get oldestRevision(): number {
    return this.compactedRevision;
  }

  get(typeKey: string, namespace: string | undefined, name: string) {
    return this.tables.get(typeKey)?.get(objectKey(namespace, name));
  }

  /** Objects of a type, optionally of one namespace, ordered by namespace and name. */
  list(typeKey: string, namespace?: string): KubeObject[] {
    const table = this.tables.get(typeKey);
    if (!table) return [];
    const items = [...table.values()].filter(
      o => !namespace || o.metadata.namespace === namespace,
    );
    return items.sort(byKey);
  }

  count(typeKey: string): number {
    return this.tables.get(typeKey)?.size ?? 0;
  }

  /**
   * The objects of a type as they were at a past revision, rebuilt by undoing later changes;
   * undefined when that revision has been compacted away.
   */
  listAt(typeKey: string, revision: number, namespace?: string) {
    if (revision < this.compactedRevision) return undefined;
    const state = new Map<string, KubeObject>();
    for (const object of this.list(typeKey, namespace)) {
      state.set(keyOf(object), object);
    }
    for (let i = this.history.length - 1; i >= this.historyStart; i--) {
      const change = this.history[i];
      if (change.revision <= revision) break;
      if (change.typeKey !== typeKey) continue;
      if (namespace && change.object.metadata.namespace !== namespace) continue;
      const key = keyOf(change.object);
      if (change.previous) state.set(key, change.previous);
      else state.delete(key);
    }
    return [...state.values()].sort(byKey);
  }

  /** Changes of a type after a revision; undefined when part of them has been compacted. */
  changesSince(typeKey: string, revision: number): Change[] | undefined {
    if (revision < this.compactedRevision) return undefined;
    const changes: Change[] = [];
    for (let i = this.history.length - 1; i >= this.historyStart; i--) {
      const change = this.history[i];
      if (change.revision <= revision) break;
      if (change.typeKey === typeKey) changes.push(change);
    }
    return changes.reverse();
  }

  /** Stores an object under the next revision; it must not be edited afterwards. */
  put(typeKey: string, object: KubeObject): Change {
    const table = this.tableOf(typeKey);
    const key = keyOf(object);
    const previous = table.get(key);
    this.revision++;
    object.metadata.resourceVersion = String(this.revision);
    table.set(key, object);
    this.indexOwners(typeKey, previous, object);
    return this.record({
      revision: this.revision,
      typeKey,
      type: previous ? 'MODIFIED' : 'ADDED',
      object,
      previous,
    });
  }

  remove(
    typeKey: string,
    namespace: string | undefined,
    name: string,
  ): Change | undefined {
    const table = this.tables.get(typeKey);
    const key = objectKey(namespace, name);
    const previous = table?.get(key);
    if (!table || !previous) return undefined;
    table.delete(key);
    this.indexOwners(typeKey, previous, undefined);
    this.revision++;
    const object: KubeObject = {
      ...previous,
      metadata: {
        ...previous.metadata,
        resourceVersion: String(this.revision),
      },
    };
    return this.record({
      revision: this.revision,
      typeKey,
      type: 'DELETED',
      object,
      previous,
    });
  }

  /** `typeKey|namespace/name` of the objects whose ownerReferences name this uid. */
  dependentsOf(uid: string): Array<{ typeKey: string; key: string }> {
    return [...(this.dependents.get(uid) ?? [])].map(ref => {
      const [typeKey, key] = ref.split('|');
      return { typeKey, key };
    });
  }

  getByKey(typeKey: string, key: string) {
    return this.tables.get(typeKey)?.get(key);
  }

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Forgets all history, as an etcd compaction does: older revisions answer 410 Gone. */
  compact(): void {
    this.compactedRevision = this.revision;
    this.history.length = 0;
    this.historyStart = 0;
  }

  private record(change: Change): Change {
    this.history.push(change);
    if (this.history.length - this.historyStart > this.historyLimit) {
      const dropped = this.history[this.historyStart];
      this.historyStart++;
      this.compactedRevision = dropped.revision;
      if (this.historyStart > this.historyLimit) {
        this.history.splice(0, this.historyStart);
        this.historyStart = 0;
      }
    }
    for (const listener of this.listeners) {
      listener(change);
    }
    return change;
  }

  private tableOf(typeKey: string) {
    let table = this.tables.get(typeKey);
    if (!table) {
      table = new Map();
      this.tables.set(typeKey, table);
    }
    return table;
  }

  private indexOwners(
    typeKey: string,
    before: KubeObject | undefined,
    after: KubeObject | undefined,
  ) {
    const ref = `${typeKey}|${keyOf((after ?? before)!)}`;
    for (const owner of before?.metadata.ownerReferences ?? []) {
      this.dependents.get(owner.uid)?.delete(ref);
      if (this.dependents.get(owner.uid)?.size === 0) {
        this.dependents.delete(owner.uid);
      }
    }
    for (const owner of after?.metadata.ownerReferences ?? []) {
      let set = this.dependents.get(owner.uid);
      if (!set) {
        set = new Set();
        this.dependents.set(owner.uid, set);
      }
      set.add(ref);
    }
  }
}

function byKey(a: KubeObject, b: KubeObject) {
  const ka = keyOf(a);
  const kb = keyOf(b);
  if (ka === kb) return 0;
  return ka < kb ? -1 : 1;
}
