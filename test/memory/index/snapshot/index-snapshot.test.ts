import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  decodeSnapshot,
  encodeSnapshot,
  SnapshotFormatError,
  type IndexSnapshot,
} from "../../../../src/memory/index/snapshot/index-snapshot.js";
import { SnapshotStore } from "../../../../src/memory/index/snapshot/snapshot-store.js";
import type { MemoryRecord } from "../../../../src/memory/types.js";
import { tempDir } from "../../../helpers/stores.js";

const record = (userId: string, i: number): MemoryRecord => ({
  id: `${userId}-${i}`,
  userId,
  content: `Memory ${i} of ${userId}: the secret word is zanzibar${i}`,
  type: "fact",
  category: "other",
  importance: 0.5,
  createdAt: "2025-01-01T00:00:00.000Z",
  updatedAt: "2025-01-01T00:00:00.000Z",
  lastAccessedAt: null,
  accessCount: i,
  source: { threadId: "t1", messageIds: [`m${i}`] },
  validUntil: null,
});

const snapshot = (userId: string, count: number, dim = 3): Omit<IndexSnapshot, "userId" | "scope"> => ({
  takenAt: 1_700_000_000_000,
  records: Array.from({ length: count }, (_, i) => record(userId, i)),
  vectors: Array.from({ length: count }, (_, i) => Float32Array.from({ length: dim }, (_, d) => (i + 1) * (d + 0.5))),
});

const everyFileText = (dir: string): string =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => readFileSync(join(e.parentPath, e.name), "latin1"))
    .join("\n");

describe("index snapshot format", () => {
  it("round-trips records and vectors across several chunks, and refuses truncated or foreign files", async () => {
    const taken = { ...snapshot("u", 2_345, 5), userId: "u", scope: "memoria_memories" };
    const bytes = Buffer.concat(await encodeSnapshot(taken));
    const back = await decodeSnapshot(bytes, { userId: "u", scope: "memoria_memories" });
    expect(back.records).toEqual(taken.records);
    expect(back.vectors.map((v) => [...v])).toEqual(taken.vectors.map((v) => [...v]));
    expect(back.takenAt).toBe(taken.takenAt);

    await expect(decodeSnapshot(bytes.subarray(0, bytes.length - 10), { userId: "u", scope: "memoria_memories" })).rejects.toThrow(
      SnapshotFormatError,
    );
    await expect(decodeSnapshot(bytes, { userId: "v", scope: "memoria_memories" })).rejects.toThrow(SnapshotFormatError);
    await expect(decodeSnapshot(bytes, { userId: "u", scope: "other_memories" })).rejects.toThrow(SnapshotFormatError);
    await expect(decodeSnapshot(Buffer.from("not a snapshot at all"), { userId: "u", scope: "s" })).rejects.toThrow(SnapshotFormatError);
  });
});

describe("SnapshotStore", () => {
  it("writes private files, reads them back, and erases the unreadable", async () => {
    const dir = tempDir();
    const store = new SnapshotStore(dir, "scope-a");
    expect(await store.read("u")).toBeUndefined();
    expect(await store.write("u", () => snapshot("u", 10))).toBe(true);
    const [file] = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(statSync(join(file!.parentPath, file!.name)).mode & 0o777).toBe(0o600);
    expect((await store.read("u"))?.records.map((r) => r.id)).toEqual(snapshot("u", 10).records.map((r) => r.id));
    expect(await new SnapshotStore(dir, "scope-b").read("u")).toBeUndefined();

    writeFileSync(join(file!.parentPath, file!.name), "garbage");
    expect(await store.read("u")).toBeUndefined();
    expect(everyFileText(dir)).toBe("");
  });

  it("erases a user's snapshots in every scope before a deletion, and never writes one taken before it", async () => {
    const dir = tempDir();
    const store = new SnapshotStore(dir, "scope-a");
    await store.write("u", () => snapshot("u", 20));
    await store.write("w", () => snapshot("w", 20));
    expect(everyFileText(dir)).toContain("zanzibar7");

    const late = store.write("u", () => snapshot("u", 20));
    await store.beginDelete("u");
    expect(await late).toBe(false);
    expect(await store.write("u", () => snapshot("u", 20))).toBe(false);
    store.endDelete("u");
    expect(everyFileText(dir)).not.toContain("of u:");
    expect(everyFileText(dir)).toContain("of w:");
    expect(await store.read("u")).toBeUndefined();

    expect(await store.write("u", () => snapshot("u", 5))).toBe(true);
    const other = new SnapshotStore(dir, "scope-b");
    await other.write("u", () => snapshot("u", 5));
    await other.write("w", () => snapshot("w", 5));
    await store.beginDelete("u");
    store.endDelete("u");
    expect(everyFileText(dir)).not.toContain("of u:");
    expect((await other.read("w"))?.records).toHaveLength(5);
    expect((await store.read("w"))?.records).toHaveLength(20);
  });
});
