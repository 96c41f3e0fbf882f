import { ResourceSummary, SlimResource } from '@kubestellar/plugin-wecs-common';

/** How many distinct values each table keeps before it stops sharing new ones. */
const MAX_SHARED = 200_000;

/**
 * One copy of each value seen often: strings, and small frozen records (label sets, owner
 * lists, statuses, images). A fleet repeats these across thousands of objects (every pod of a
 * ReplicaSet has its labels, owner and image), so sharing them halves the store's memory and
 * leaves the garbage collector far fewer objects to trace. Past a bound a table stops growing:
 * values that never repeat cost their own copy and nothing more.
 */
class SharedValues<T> {
  private readonly values = new Map<string, T>();

  constructor(private readonly keyOf: (value: T) => string) {}

  share(value: T): T {
    const key = this.keyOf(value);
    const held = this.values.get(key);
    if (held !== undefined) return held;
    if (this.values.size < MAX_SHARED) this.values.set(key, value);
    return value;
  }
}

const frozen = <T>(value: T): T => Object.freeze(value);

export class ResourceCompactor {
  private readonly strings = new SharedValues<string>(s => s);
  private readonly records = new SharedValues<
    Readonly<Record<string, unknown>>
  >(record => JSON.stringify(record));
  private readonly lists = new SharedValues<readonly unknown[]>(list =>
    JSON.stringify(list),
  );

  /** The same object, with its repeated parts shared. */
  compact(r: SlimResource): SlimResource {
    const text = (s: string | undefined) =>
      s === undefined ? undefined : this.strings.share(s);
    return {
      cluster: text(r.cluster)!,
      apiVersion: text(r.apiVersion)!,
      kind: text(r.kind)!,
      resource: text(r.resource)!,
      namespace: text(r.namespace),
      name: r.name,
      uid: r.uid,
      resourceVersion: r.resourceVersion,
      creationTimestamp: r.creationTimestamp,
      deletionTimestamp: r.deletionTimestamp,
      labels: this.record(r.labels),
      annotations: r.annotations,
      owners: this.list(r.owners),
      status: this.record(r.status)!,
      summary: r.summary && this.summary(r.summary),
      omitted: r.omitted,
    } as SlimResource;
  }

  private summary(summary: ResourceSummary): ResourceSummary {
    return {
      ...summary,
      ...(summary.images ? { images: this.list(summary.images) } : {}),
      ...(summary.containers
        ? { containers: this.list(summary.containers) }
        : {}),
      ...(summary.dataKeys ? { dataKeys: this.list(summary.dataKeys) } : {}),
      ...(summary.nodeName
        ? { nodeName: this.strings.share(summary.nodeName) }
        : {}),
    };
  }

  private record<T extends object>(record: T | undefined): T | undefined {
    if (record === undefined) return undefined;
    return this.records.share(frozen(record) as any) as T;
  }

  private list<T>(list: T[] | undefined): T[] | undefined {
    if (list === undefined) return undefined;
    return this.lists.share(frozen(list)) as T[];
  }
}
