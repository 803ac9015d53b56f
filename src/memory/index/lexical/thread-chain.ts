/** No node: the end of a chain. */
export const NONE = -1;

/**
 * Memories as reusable nodes linked in thread order (one doubly linked list per thread), each with the length of its window:
 * its text plus the texts within `radius` nodes either side.
 */
export class ThreadChain {
  readonly nodeOf = new Map<string, number>();
  readonly ids: Array<string | undefined> = [];
  readonly prev: number[] = [];
  readonly next: number[] = [];
  readonly lengths: number[] = [];
  private readonly free: number[] = [];

  constructor(readonly radius: number) {}

  /** The node of a memory id, created unlinked with length 0 when new. */
  node(id: string): number {
    const known = this.nodeOf.get(id);
    if (known !== undefined) return known;
    const node = this.free.pop() ?? this.ids.length;
    this.ids[node] = id;
    this.prev[node] = NONE;
    this.next[node] = NONE;
    this.lengths[node] = 0;
    this.nodeOf.set(id, node);
    return node;
  }

  /** Links a memory between two others of its thread (either may be missing). */
  link(before: string | undefined, id: string, after: string | undefined): void {
    const node = this.node(id);
    const p = before === undefined ? NONE : this.node(before);
    const n = after === undefined ? NONE : this.node(after);
    this.prev[node] = p;
    this.next[node] = n;
    if (p !== NONE) this.next[p] = node;
    if (n !== NONE) this.prev[n] = node;
  }

  /** Takes a node out of its chain, joining its neighbours. */
  unlink(node: number): void {
    const p = this.prev[node]!;
    const n = this.next[node]!;
    if (p !== NONE) this.next[p] = n;
    if (n !== NONE) this.prev[n] = p;
    this.prev[node] = NONE;
    this.next[node] = NONE;
  }

  /** Frees a memory's node for reuse; returns its window length, or undefined when it had none. */
  release(id: string): number | undefined {
    const node = this.nodeOf.get(id);
    if (node === undefined) return undefined;
    this.ids[node] = undefined;
    this.nodeOf.delete(id);
    this.free.push(node);
    return this.lengths[node]!;
  }

  /** The ids of a memory's window in thread order, or undefined when it has no node. */
  windowIds(id: string): string[] | undefined {
    const node = this.nodeOf.get(id);
    if (node === undefined) return undefined;
    const before: string[] = [];
    for (let p = this.prev[node]!, k = 0; p !== NONE && k < this.radius; p = this.prev[p]!, k++) before.unshift(this.ids[p]!);
    const after: string[] = [];
    for (let n = this.next[node]!, k = 0; n !== NONE && k < this.radius; n = this.next[n]!, k++) after.push(this.ids[n]!);
    return [...before, id, ...after];
  }
}
