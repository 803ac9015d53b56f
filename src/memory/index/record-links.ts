import { contentHash } from "../content-hash.js";
import type { MemoryRecord } from "../types.js";

/** A user index's links between memories: by source message, by subject, and current facts by content hash (built on first use). */
export class RecordLinks {
  private readonly byMessage = new Map<string, Set<string>>();
  private readonly subjectCounts = new Map<string, number>();
  /** Current fact memories by content hash, built on first use. */
  private currentFacts?: Map<string, Set<string>>;

  constructor(private readonly records: () => Iterable<MemoryRecord>) {}

  /** The distinct subjects of the linked memories. */
  subjects(): string[] {
    return [...this.subjectCounts.keys()];
  }

  /** Id of a current fact memory (not an episode) whose text has this content hash, if any. */
  currentFactByHash(hash: string): string | undefined {
    if (!this.currentFacts) {
      this.currentFacts = new Map();
      for (const r of this.records()) this.hashFact(r, true);
    }
    return this.currentFacts.get(hash)?.values().next().value;
  }

  /** Ids of the memories that came from a source message. */
  fromMessage(message: string): Iterable<string> {
    return this.byMessage.get(message) ?? [];
  }

  /** Links a memory under its content hash, subject and source messages. */
  link(record: MemoryRecord): void {
    this.hashFact(record, true);
    if (record.subject) this.subjectCounts.set(record.subject, (this.subjectCounts.get(record.subject) ?? 0) + 1);
    for (const message of record.source.messageIds ?? []) {
      if (!this.byMessage.has(message)) this.byMessage.set(message, new Set());
      this.byMessage.get(message)!.add(record.id);
    }
  }

  /** Undoes link for a memory as it was linked. */
  unlink(record: MemoryRecord): void {
    this.hashFact(record, false);
    const left = record.subject ? (this.subjectCounts.get(record.subject) ?? 0) - 1 : 0;
    if (record.subject) {
      if (left > 0) this.subjectCounts.set(record.subject, left);
      else this.subjectCounts.delete(record.subject);
    }
    for (const message of record.source.messageIds ?? []) {
      const ids = this.byMessage.get(message);
      ids?.delete(record.id);
      if (ids && !ids.size) this.byMessage.delete(message);
    }
  }

  private hashFact(record: MemoryRecord, add: boolean): void {
    if (!this.currentFacts || record.validUntil || (record.kind ?? "fact") !== "fact") return;
    const hash = contentHash(record.content);
    const ids = this.currentFacts.get(hash) ?? new Set<string>();
    if (add) this.currentFacts.set(hash, ids.add(record.id));
    else if (ids.delete(record.id) && !ids.size) this.currentFacts.delete(hash);
  }
}
