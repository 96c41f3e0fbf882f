import {
  compareKinds,
  compareNames,
  SlimResource,
  TreeCounts,
} from '@kubestellar/plugin-wecs-common';
import { addCounts, countsOf, emptyCounts, sharedCountsOf } from './treeCounts';

/** One object in the tree, linked to the object that controls it and those it controls. */
export interface Entry {
  resource: SlimResource;
  /** Its namespace and kind's group; unset for a Namespace object, which its row carries. */
  bucket?: Bucket;
  /** The uid its controlling ownerReference names, whether or not that object is here. */
  controllerUid?: string;
  /** The controller, when it is here. */
  parent?: Entry;
  children?: Set<Entry>;
  /**
   * Itself and everything below it: its own, for an object that controls others; the frozen
   * `sharedCountsOf` its phase, for one that controls nothing.
   */
  subtree: TreeCounts;
  sortedChildren?: Entry[];
}

/** Uids in code point order: a tie-break between objects of the same name. */
export function compareUids(a: string, b: string) {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** Objects by name, then uid: `pod-2` before `pod-10`. */
export const compareEntries = (a: Entry, b: Entry) =>
  compareNames(a.resource.name, b.resource.name) ||
  compareUids(a.resource.uid, b.resource.uid);

/** What an object controls, in tree order: by kind, then by name. */
const compareOwned = (a: Entry, b: Entry) =>
  compareKinds(a.resource.kind, b.resource.kind) || compareEntries(a, b);

let versions = 0;

/** The objects of one kind in one namespace of a cluster. */
export class Bucket {
  readonly entries = new Set<Entry>();
  /**
   * Changes whenever an object comes, goes or changes here; unique across buckets, so that a
   * bucket made anew (its cluster rejoined) never repeats an old one's.
   */
  version = ++versions;
  /** The subtrees of the objects here that nothing here controls: the tree's counts. */
  readonly counts = emptyCounts();
  rootCount = 0;
  private sortedAll?: Entry[];
  private sortedRoots?: Entry[];

  constructor(readonly namespace: NamespaceGroup, readonly kind: string) {}

  /** Every object of the kind here, by name. */
  all(): Entry[] {
    this.sortedAll ??= [...this.entries].sort(compareEntries);
    return this.sortedAll;
  }

  /** The objects nothing here controls, by name: the kind row's instances. */
  roots(): Entry[] {
    this.sortedRoots ??= this.all().filter(entry => !entry.parent);
    return this.sortedRoots;
  }

  /** Where an object is in a sorted list of this bucket, or -1. */
  static positionIn(list: Entry[], entry: Entry): number {
    let low = 0;
    let high = list.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const order = compareEntries(list[middle], entry);
      if (order === 0) return list[middle] === entry ? middle : -1;
      if (order < 0) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }

  changedMembers() {
    this.version = ++versions;
    this.sortedAll = undefined;
    this.sortedRoots = undefined;
  }

  changedContent() {
    this.version = ++versions;
  }

  changedRoots() {
    this.sortedRoots = undefined;
  }
}

/** A namespace of a cluster (`''`: its cluster-scoped objects), with its kinds. */
export class NamespaceGroup {
  readonly kinds = new Map<string, Bucket>();
  readonly counts = emptyCounts();

  constructor(readonly cluster: ClusterTree, readonly name: string) {}

  sortedKinds(): Bucket[] {
    return [...this.kinds.values()].sort((a, b) =>
      compareKinds(a.kind, b.kind),
    );
  }
}

/** Namespaces by name, the cluster-scoped group last. */
export const compareNamespaces = (a: string, b: string) =>
  Number(a === '') - Number(b === '') || compareNames(a, b);

/** Names a sealed chunk of the name corpus holds. */
const CHUNK_NAMES = 4096;

/** Names in one lower-case string, so that a substring search is one native `indexOf` scan. */
class NameChunk {
  private readonly text: string;
  /** Where each name starts in the text: 4 bytes each, where a list of numbers takes 8. */
  private readonly starts: Uint32Array;

  constructor(private readonly entries: readonly Entry[]) {
    const names: string[] = [];
    this.starts = new Uint32Array(entries.length);
    let offset = 0;
    entries.forEach((entry, index) => {
      const name = entry.resource.name.toLowerCase();
      this.starts[index] = offset;
      names.push(name);
      offset += name.length + 1;
    });
    this.text = names.join('\n');
  }

  /** Adds the entries whose names contain `needle` (no line break in it) and are not gone. */
  collect(needle: string, found: Entry[], gone: ReadonlySet<Entry>) {
    let from = 0;
    for (;;) {
      const at = this.text.indexOf(needle, from);
      if (at < 0) return;
      const index = this.entryAt(at);
      const entry = this.entries[index];
      if (!gone.has(entry)) found.push(entry);
      from =
        index + 1 < this.starts.length
          ? this.starts[index + 1]
          : this.text.length;
    }
  }

  private entryAt(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  }
}

/**
 * A cluster's object names for substring search, kept up to date as objects come and go
 * rather than built for the next search: most names sit in sealed chunks, those that came
 * since in a short list, and those gone since are set aside until they are a quarter of the
 * whole, when the corpus is built anew. So a search never waits for it to be built, and a
 * fleet that churns pays little per change.
 */
class NameCorpus {
  private readonly chunks: NameChunk[] = [];
  private recent: Entry[] = [];
  /** The recent names as a chunk of their own, made for the first search after one came. */
  private recentChunk?: NameChunk;
  private readonly gone = new Set<Entry>();
  private held = 0;

  constructor(objects: Iterable<Entry>) {
    for (const entry of objects) this.add(entry);
  }

  add(entry: Entry) {
    this.recent.push(entry);
    this.recentChunk = undefined;
    this.held++;
    if (this.recent.length >= CHUNK_NAMES) {
      this.chunks.push(new NameChunk(this.recent));
      this.recent = [];
    }
  }

  delete(entry: Entry) {
    this.gone.add(entry);
  }

  /** Whether enough is gone that building it anew costs less than carrying it. */
  get stale(): boolean {
    return this.gone.size * 4 > this.held;
  }

  containing(needle: string): Entry[] {
    const found: Entry[] = [];
    if (!needle || needle.includes('\n')) return found;
    for (const chunk of this.chunks) chunk.collect(needle, found, this.gone);
    // Names come far less often than searches: one joined text beats a lower-cased copy of
    // each recent name per search (1 M objects: 25 ms a search before, most of it here).
    // It reads the list as it is now; the next name that comes drops it.
    this.recentChunk ??= new NameChunk(this.recent);
    this.recentChunk.collect(needle, found, this.gone);
    return found;
  }
}

/** One cluster's objects as a tree: namespace > kind > objects > what they control. */
export class ClusterTree {
  readonly objects = new Map<string, Entry>();
  readonly namespaces = new Map<string, NamespaceGroup>();
  /** Namespace objects by name: their namespace rows show them. */
  readonly namespaceObjects = new Map<string, Entry>();
  readonly counts = emptyCounts();
  /** Objects whose controller is not here (yet), by the controller's uid. */
  private readonly waiting = new Map<string, Set<Entry>>();
  /** Kept as objects come and go, so that no search waits for it to be built. */
  private corpus = new NameCorpus([]);

  constructor(readonly name: string) {}

  sortedNamespaces(): NamespaceGroup[] {
    return [...this.namespaces.values()].sort((a, b) =>
      compareNamespaces(a.name, b.name),
    );
  }

  /** Every object whose name contains `needle` (lower case). */
  namesContaining(needle: string): Entry[] {
    return this.corpus.containing(needle);
  }

  /** Puts an object in; returns the entry it replaced, if any. */
  put(resource: SlimResource): SlimResource | undefined {
    const current = this.objects.get(resource.uid);
    if (!current) {
      this.insert(resource);
      return undefined;
    }
    const previous = current.resource;
    if (
      !current.bucket ||
      controllerOf(resource) !== current.controllerUid ||
      resource.kind !== previous.kind ||
      (resource.namespace ?? '') !== (previous.namespace ?? '')
    ) {
      this.remove(resource.uid);
      this.insert(resource);
      return previous;
    }
    current.resource = resource;
    current.bucket.changedContent();
    if (resource.status.phase !== previous.status.phase) {
      const delta = countsOf(resource);
      addCounts(delta, countsOf(previous), -1);
      this.propagate(current, delta, 1);
    }
    return previous;
  }

  /** Takes an object out; returns it, if it was here. */
  remove(uid: string): SlimResource | undefined {
    const entry = this.objects.get(uid);
    if (!entry) return undefined;
    this.objects.delete(uid);
    this.corpus.delete(entry);
    if (this.corpus.stale) this.corpus = new NameCorpus(this.objects.values());
    if (!entry.bucket) {
      this.namespaceObjects.delete(entry.resource.name);
      return entry.resource;
    }
    for (const child of [...(entry.children ?? [])]) {
      this.detach(child);
      this.makeRoot(child);
      this.waitFor(child);
    }
    if (entry.parent) this.detach(entry);
    else this.unroot(entry);
    if (entry.controllerUid) {
      const waiting = this.waiting.get(entry.controllerUid);
      waiting?.delete(entry);
      if (waiting?.size === 0) this.waiting.delete(entry.controllerUid);
    }
    const bucket = entry.bucket;
    bucket.entries.delete(entry);
    bucket.changedMembers();
    if (bucket.entries.size === 0) {
      const group = bucket.namespace;
      group.kinds.delete(bucket.kind);
      if (group.kinds.size === 0) this.namespaces.delete(group.name);
    }
    return entry.resource;
  }

  private insert(resource: SlimResource) {
    // Every field an object without children may get, declared here: V8 keeps them in the
    // object itself, where fields added later would take an array of their own.
    const entry: Entry = {
      resource,
      bucket: undefined,
      controllerUid: controllerOf(resource),
      parent: undefined,
      subtree: sharedCountsOf(resource),
    };
    this.objects.set(resource.uid, entry);
    this.corpus.add(entry);
    if (resource.kind === 'Namespace' && !resource.namespace) {
      this.namespaceObjects.set(resource.name, entry);
      return;
    }
    const bucket = this.bucketOf(resource.namespace ?? '', resource.kind);
    entry.bucket = bucket;
    bucket.entries.add(entry);
    bucket.changedMembers();
    const controller =
      entry.controllerUid !== undefined
        ? this.objects.get(entry.controllerUid)
        : undefined;
    if (controller?.bucket && !this.isBelow(controller, entry)) {
      this.attach(entry, controller);
    } else {
      this.makeRoot(entry);
      if (entry.controllerUid) this.waitFor(entry);
    }
    const orphans = this.waiting.get(resource.uid);
    if (orphans) {
      this.waiting.delete(resource.uid);
      for (const orphan of orphans) {
        if (this.isBelow(entry, orphan)) continue;
        this.unroot(orphan);
        this.attach(orphan, entry);
      }
    }
  }

  private bucketOf(namespace: string, kind: string): Bucket {
    let group = this.namespaces.get(namespace);
    if (!group) {
      group = new NamespaceGroup(this, namespace);
      this.namespaces.set(namespace, group);
    }
    let bucket = group.kinds.get(kind);
    if (!bucket) {
      bucket = new Bucket(group, kind);
      group.kinds.set(kind, bucket);
    }
    return bucket;
  }

  /** Whether `entry` is `ancestor` or below it: attaching would make a loop. */
  private isBelow(entry: Entry, ancestor: Entry) {
    for (let at: Entry | undefined = entry; at; at = at.parent) {
      if (at === ancestor) return true;
    }
    return false;
  }

  private waitFor(entry: Entry) {
    const uid = entry.controllerUid!;
    let waiting = this.waiting.get(uid);
    if (!waiting) {
      waiting = new Set();
      this.waiting.set(uid, waiting);
    }
    waiting.add(entry);
  }

  private makeRoot(entry: Entry) {
    const bucket = entry.bucket!;
    bucket.rootCount++;
    bucket.changedRoots();
    this.position(bucket, entry.subtree, 1);
  }

  private unroot(entry: Entry) {
    const bucket = entry.bucket!;
    bucket.rootCount--;
    bucket.changedRoots();
    this.position(bucket, entry.subtree, -1);
  }

  private attach(child: Entry, parent: Entry) {
    child.parent = parent;
    (parent.children ??= new Set()).add(child);
    parent.sortedChildren = undefined;
    this.propagate(parent, child.subtree, 1);
  }

  private detach(child: Entry) {
    const parent = child.parent!;
    parent.children!.delete(child);
    parent.sortedChildren = undefined;
    this.propagate(parent, child.subtree, -1);
    child.parent = undefined;
  }

  /** Adds `delta` to `from` and everything above it, up to the rows its root sits under. */
  private propagate(from: Entry, delta: TreeCounts, sign: number) {
    let root = from;
    for (let at: Entry | undefined = from; at; at = at.parent) {
      if (at.children?.size) {
        if (Object.isFrozen(at.subtree)) at.subtree = { ...at.subtree };
        addCounts(at.subtree, delta, sign);
      } else {
        // Controlling nothing (now), it counts itself alone.
        at.subtree = sharedCountsOf(at.resource);
      }
      root = at;
    }
    this.position(root.bucket!, delta, sign);
  }

  private position(bucket: Bucket, delta: TreeCounts, sign: number) {
    addCounts(bucket.counts, delta, sign);
    addCounts(bucket.namespace.counts, delta, sign);
    addCounts(this.counts, delta, sign);
  }
}

/** What an object controls, in tree order. */
export function ownedOf(entry: Entry): Entry[] {
  entry.sortedChildren ??= [...(entry.children ?? [])].sort(compareOwned);
  return entry.sortedChildren;
}

/** The object at the top of an entry's chain of controllers. */
export function rootOf(entry: Entry): Entry {
  let root = entry;
  while (root.parent) root = root.parent;
  return root;
}

function controllerOf(resource: SlimResource): string | undefined {
  return resource.owners?.find(owner => owner.controller)?.uid;
}
